-- Rebuilds unit_history, the unit page's copy of unit_stats in unit order (migration 13), after
-- refresh_unit_stats.sql in the same transaction.
DELETE FROM unit_history;

INSERT INTO unit_history
SELECT unit_code, cadre_code, period, workload, actual, required, ratio, status
FROM unit_stats
ORDER BY unit_code, cadre_code, period;
