-- Every period's figures for one scope, oldest first: the trend, and the headline of any of its
-- periods (the columns of summary_scope.sql).
SELECT period, units, positions, staff, staff_measured, required, required_rounded,
       shortage_people, surplus_people,
       n_severe_shortage, n_shortage, n_balanced, n_surplus, n_no_data, gini
FROM scope_stats
WHERE scope_kind = $kind AND scope_code = $code AND cadre_code = $cadre AND unit_type = $unit_type
ORDER BY period;
