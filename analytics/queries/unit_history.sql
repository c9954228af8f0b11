-- Every period of one unit, per cadre, oldest first, from unit_history: stored in unit order, so
-- DuckDB reads the one or two row groups that can hold the unit's number.
SELECT h.cadre_code, h.period, h.workload, h.actual, h.required,
       CASE WHEN h.required > 0 THEN h.actual / h.required END, -- the ratio, as unit_figures has it
       h.status
FROM unit_history h
JOIN cadres c ON c.code = h.cadre_code
WHERE h.unit_no = (SELECT unit_no FROM rollup_units WHERE code = $code)
ORDER BY c.sort, h.period;
