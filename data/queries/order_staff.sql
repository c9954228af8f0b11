-- Rewrites staff in unit order, so that DuckDB's per-row-group ranges of unit_code let a
-- unit's people be read from a few row groups (see migration 11).
CREATE TEMP TABLE staff_by_unit AS SELECT * FROM staff ORDER BY unit_code, nip;
DELETE FROM staff;
INSERT INTO staff SELECT * FROM staff_by_unit;
DROP TABLE staff_by_unit;
