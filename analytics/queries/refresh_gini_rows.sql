-- Every staffed unit row with an EJ, as two numbers: the Gini's inputs, read once by gini.go.
-- Scanning a row costs Go about as much per column as the rest of the Gini's work per row, so
-- the period, the cell and the staff travel packed in one BIGINT: (period_no x cells + cell)
-- in the high 32 bits, the staff (a positive INTEGER) in the low 32.
SELECT u.ej,
       ((p.period_no::BIGINT * (SELECT count(*) FROM refresh_cells) + c.cell) << 32) | u.actual::BIGINT AS key
FROM unit_figures u -- ej is computed there
JOIN refresh_periods p ON p.period = u.period
JOIN refresh_cells c
    ON c.cell_key = refresh_cell_key(enum_code(u.agency_code), u.region_no // 1000000, enum_code(u.cadre_code), enum_code(u.unit_type))
WHERE u.ej IS NOT NULL AND u.actual > 0
