-- The tables that carry the Gini of every scope_stats row between SQL and Go (see gini.go).
--
-- A cell is one agency, district (the region code cut to 8 characters, or shorter when the unit
-- sits higher), cadre and unit type: every scope, cadre and type of scope_stats is a union of
-- cells, so Go reads each unit row with its cell number, not its strings. Every period has the
-- same unit rows, so the cells of one period are the cells of all.
--
-- Only the periods being refreshed (refresh_targets) are numbered: the Gini of the others stays
-- in scope_stats as it is.
CREATE OR REPLACE TEMP TABLE refresh_periods AS
SELECT (row_number() OVER (ORDER BY period) - 1)::INTEGER AS period_no, period
FROM refresh_targets;

CREATE OR REPLACE TEMP TABLE refresh_cells AS
SELECT (row_number() OVER (ORDER BY agency_code, region8, cadre_code, unit_type) - 1)::INTEGER AS cell, *,
       -- the cell's region at levels 1 to 3, cut as refresh_scope_stats.sql cuts it; NULL where
       -- the units sit higher than the level
       left(region8, 2) AS region1,
       CASE WHEN length(region8) >= 5 THEN left(region8, 5) END AS region2,
       CASE WHEN length(region8) >= 8 THEN region8 END AS region3
FROM (
    SELECT DISTINCT agency_code, left(region_code, 8) AS region8, cadre_code, unit_type
    FROM unit_stats
    WHERE period = (SELECT min(period) FROM refresh_periods)
);

-- Filled by Go through the appender: the scopes (one per scope, cadre or all, type or all) and
-- the Gini of each scope and period that has staffed rows with some EJ.
CREATE OR REPLACE TEMP TABLE refresh_gini_scopes (
    scope_no   INTEGER NOT NULL,
    scope_kind VARCHAR NOT NULL,
    scope_code VARCHAR NOT NULL,
    cadre_key  VARCHAR NOT NULL,
    type_key   VARCHAR NOT NULL
);
CREATE OR REPLACE TEMP TABLE refresh_gini (
    scope_no  INTEGER NOT NULL,
    period_no INTEGER NOT NULL,
    gini      DOUBLE NOT NULL
);
