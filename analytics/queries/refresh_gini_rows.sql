-- Every staffed unit row with an EJ, as numbers only: the Gini's inputs, read once by gini.go.
SELECT u.ej, u.actual, c.cell, p.period_no
FROM unit_stats u
JOIN refresh_periods p ON p.period = u.period
JOIN refresh_cells c
    ON c.agency_code = u.agency_code AND c.region8 = left(u.region_code, 8)
   AND c.cadre_code = u.cadre_code AND c.unit_type = u.unit_type
WHERE u.ej IS NOT NULL AND u.actual > 0
