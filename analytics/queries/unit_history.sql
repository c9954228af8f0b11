-- Every period of one unit, per cadre, oldest first, from unit_history: stored in unit order, so
-- DuckDB reads the one or two row groups that can hold the unit.
SELECT h.cadre_code, h.period, h.workload, h.actual, h.required, h.ratio, h.status
FROM unit_history h
JOIN cadres c ON c.code = h.cadre_code
WHERE h.unit_code = $code
ORDER BY c.sort, h.period;
