-- unit_stats carries each unit's name, so a unit list sorts and pages the rollup rows without
-- joining the units table first (at national scale the join of every filtered row with 500,000
-- units cost more than the rest of the page). analytics.Refresh writes it with the other
-- columns; until the next refresh it is NULL, so the rollups are marked stale and the server
-- refreshes them when it starts.
ALTER TABLE unit_stats ADD COLUMN unit_name VARCHAR;
UPDATE data_version SET refreshed_at = NULL;
