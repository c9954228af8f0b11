-- workload is stored in unit order too (see migration 11): a unit page looks up each cadre's
-- workload indicators of one unit and period, which read all 12.6 million rows of a national
-- dataset when every row group held every unit range and every period. The rollup refresh
-- reads the whole table either way.
CREATE TEMP TABLE workload_by_unit AS SELECT * FROM workload ORDER BY unit_code, period, indicator;
DELETE FROM workload;
INSERT INTO workload SELECT * FROM workload_by_unit;
DROP TABLE workload_by_unit;
