-- unit_history: each unit's rows of unit_stats for the unit page's history charts, stored in
-- unit order.
--
-- Why: unit_stats is stored in period and region order, which every overview, region and agency
-- page needs (one period, one region: a few row groups). A unit page reads the opposite way, one
-- unit over all 24 periods, and found its rows in 24 row groups (3 million rows read at
-- national scale, about 30 ms of the page). Here a unit's rows are neighbours, one or two row
-- groups that DuckDB finds by their zone maps. Only the columns the charts draw are kept.
--
-- Like the other rollups it is derived data that analytics.Refresh rebuilds after every data
-- change (queries/refresh_unit_history.sql, from unit_stats); it is filled here from the
-- current unit_stats so an existing database needs no refresh.
CREATE TABLE unit_history (
    unit_code  VARCHAR NOT NULL,
    cadre_code VARCHAR NOT NULL,
    period     DATE NOT NULL,
    workload   DOUBLE,
    actual     INTEGER NOT NULL,
    required   DOUBLE,
    ratio      DOUBLE,
    status     VARCHAR NOT NULL
);
INSERT INTO unit_history
SELECT unit_code, cadre_code, period, workload, actual, required, ratio, status
FROM unit_stats
ORDER BY unit_code, cadre_code, period;
