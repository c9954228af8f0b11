-- Every period of one unit, per cadre, oldest first. The unit's region narrows the scan:
-- unit_stats is written in (period, region) order, so DuckDB reads one row group per period
-- instead of all 12 million rows of a national dataset.
SELECT s.cadre_code, s.period, s.workload, s.actual, s.required, s.ratio, s.status
FROM unit_stats s
JOIN cadres c ON c.code = s.cadre_code
WHERE s.region_code = $region AND s.unit_code = $code
ORDER BY c.sort, s.period;
