-- Every period's figures for one scope, oldest first.
SELECT period, staff, required, shortage_people, surplus_people,
       n_severe_shortage, n_shortage, n_balanced, n_surplus, n_no_data, gini
FROM scope_stats
WHERE scope_kind = $kind AND scope_code = $code AND cadre_code = $cadre AND unit_type = $unit_type
ORDER BY period;
