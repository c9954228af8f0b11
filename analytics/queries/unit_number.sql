-- A unit's number in the unit rollups (rollup_units, refresh_tables.sql), by its code.
SELECT unit_no FROM rollup_units WHERE code = $code;
