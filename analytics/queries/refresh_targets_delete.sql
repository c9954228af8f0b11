-- Deletes the rollup rows of the periods in refresh_targets, which a refresh by period then
-- writes again. The rows of other periods stay where they are.
DELETE FROM unit_stats WHERE period IN (SELECT period FROM refresh_targets);
DELETE FROM unit_history WHERE period IN (SELECT period FROM refresh_targets);
DELETE FROM scope_stats WHERE period IN (SELECT period FROM refresh_targets);
