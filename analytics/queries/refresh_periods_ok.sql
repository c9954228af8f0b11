-- Whether rewriting only the periods in refresh_targets gives the rollups a full refresh would,
-- given that nothing but the workload of those periods changed since the rollups were built
-- (the caller's promise; see refresh.go). refresh_unit_stats.sql makes a unit row depend on the
-- workload of its own period and on which period is the first, so this holds when:
--   - the rollups were built at all (stale.sql) and hold some period;
--   - the first period is still the one they were built from: the opening counts and which unit
--     and cadre pairs have rows depend on it (a period before it changes every row). The last
--     condition implies it once the rollups hold a period; it is spelled out for the reader;
--   - every target is a period of the workload;
--   - the rollups hold every period but new targets, and those come after their last. A new
--     period between two old ones would leave the others' rows as they are too, but a backfill is
--     rare, so it takes the full refresh rather than a path the tests would also have to prove.
--   - every ABK grade is a value of the unit rows' grade ENUM (refresh_tables.sql), which only a
--     full refresh makes anew: grades are settings, outside the caller's promise;
--   - every unit has the number and name rollup_units gave it (refresh_tables.sql), which only
--     a full refresh gives: units are outside the promise too, and a unit without its number
--     would lose its rows.
WITH
stored AS (SELECT DISTINCT period FROM unit_stats),
current AS (SELECT DISTINCT period FROM workload)
SELECT coalesce(
    (SELECT refreshed_at IS NOT NULL FROM data_version)
    AND (SELECT min(period) FROM stored) = (SELECT min(period) FROM current)
    AND NOT EXISTS (SELECT period FROM refresh_targets EXCEPT SELECT period FROM current)
    AND NOT EXISTS (SELECT period FROM stored EXCEPT SELECT period FROM current)
    AND NOT EXISTS (
        SELECT period FROM current
        EXCEPT SELECT period FROM stored
        EXCEPT SELECT period FROM refresh_targets WHERE period > (SELECT max(period) FROM stored)
    )
    AND NOT EXISTS (SELECT grade FROM abk_grades WHERE TRY_CAST(grade AS rollup_grade) IS NULL)
    AND NOT EXISTS (SELECT code, name FROM units EXCEPT SELECT code, name FROM rollup_units),
    false);
