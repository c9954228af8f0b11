-- A full refresh rewrites every period: the targets of the refresh statements are all the
-- periods of the workload, and every rollup row goes first. Deleting all rows in one statement
-- without a filter is DuckDB's cheapest way to empty a table of 12 million rows.
CREATE OR REPLACE TEMP TABLE refresh_targets AS
SELECT DISTINCT period FROM workload;

DELETE FROM unit_stats;
DELETE FROM unit_history;
DELETE FROM scope_stats;
