-- A full refresh rewrites every period: the targets of the refresh statements are all the
-- periods of the workload, and every rollup row goes first. unit_stats and unit_history are
-- made anew (refresh_tables.sql, which runs next); scope_stats is emptied in one statement
-- without a filter, DuckDB's cheapest way to empty a table.
CREATE OR REPLACE TEMP TABLE refresh_targets AS
SELECT DISTINCT period FROM workload;

DELETE FROM scope_stats;
