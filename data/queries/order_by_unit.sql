-- Rewrites staff and workload in unit order, so that DuckDB's per-row-group ranges of
-- unit_code let a unit's rows be read from a few row groups (see migrations 11 and 12).
CREATE TEMP TABLE staff_by_unit AS SELECT * FROM staff ORDER BY unit_code, nip;
DELETE FROM staff;
INSERT INTO staff SELECT * FROM staff_by_unit;
DROP TABLE staff_by_unit;
CREATE TEMP TABLE workload_by_unit AS SELECT * FROM workload ORDER BY unit_code, period, indicator;
DELETE FROM workload;
INSERT INTO workload SELECT * FROM workload_by_unit;
DROP TABLE workload_by_unit;
