-- Headline figures of one scope from the precomputed scope_stats.
SELECT units, positions, staff, staff_measured, required, required_rounded,
       shortage_people, surplus_people,
       n_severe_shortage, n_shortage, n_balanced, n_surplus, n_no_data, gini
FROM scope_stats
WHERE period = $period AND scope_kind = $kind AND scope_code = $code
  AND cadre_code = $cadre AND unit_type = $unit_type;
