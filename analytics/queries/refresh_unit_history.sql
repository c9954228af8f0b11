-- Writes unit_history, the unit page's copy of unit_stats in unit order (migration 13), for the
-- periods in refresh_targets, after refresh_unit_stats.sql in the same transaction.
--
-- A full refresh writes every period, so each unit's rows are neighbours. A refresh by period
-- appends that period's rows as a block of their own, in unit order too: a unit's rows are then
-- in the main block and in one place per block appended since, one or two row groups more for
-- the unit page to read each; the next full refresh makes it one block again.
INSERT INTO unit_history
SELECT unit_no, cadre_code, period, workload, actual, required, status
FROM unit_stats
WHERE period IN (SELECT period FROM refresh_targets)
-- By unit alone: that makes a unit's rows neighbours, and the page sorts its few rows itself.
-- DuckDB sorted the 12.4 million national rows by the one column in half the CPU time it took
-- by unit, cadre and period.
ORDER BY unit_no;
