-- Every period of one unit, per cadre, oldest first.
SELECT s.cadre_code, s.period, s.workload, s.actual, s.required, s.ratio, s.status
FROM unit_stats s
JOIN cadres c ON c.code = s.cadre_code
WHERE s.unit_code = $code
ORDER BY c.sort, s.period;
