-- staff is stored in unit order, so a unit's people are a few row groups, not a scan.
--
-- Why: the unit page lists a unit's people and counts them per cadre; staff has no index
-- (migration 5: the importer's bulk writes would pay for it), so each of those reads went
-- through all 5,000,000 rows of a national dataset. DuckDB keeps each row group's smallest and
-- largest unit_code and skips the row groups that cannot hold the unit asked for, but only when
-- the rows are in unit order: the demo wrote schools and health centres of one regency side by
-- side, so every row group spanned almost every code. The demo generator sorts once when it is
-- done (data.Store.OrderByUnit, the same statements as here); the importer appends in the
-- file's order, which for an export listed unit by unit is unit order too. People who move to
-- another unit by an update stay where they are stored and widen their row group's range a
-- little.
CREATE TEMP TABLE staff_by_unit AS SELECT * FROM staff ORDER BY unit_code, nip;
DELETE FROM staff;
INSERT INTO staff SELECT * FROM staff_by_unit;
DROP TABLE staff_by_unit;
