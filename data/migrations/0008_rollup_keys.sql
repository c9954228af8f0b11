-- The rollup tables (unit_stats, scope_stats) lose their PRIMARY KEY index.
--
-- Why: analytics.Refresh deletes and rewrites every row after each data change. At national
-- scale (12.4 million unit rows) keeping the ART index made the delete alone take over a minute
-- and the insert twice as long as without it (docs/BENCHMARKS.md, issue 8). Pages never look a
-- row up by its key through the index: they scan one period and filter, which zone maps serve
-- because the refresh writes rows in period order.
--
-- The keys still hold: the refresh, the tables' only writer, produces one row per key by
-- construction (one per period and pair; one per grouping of scope_stats), and the analytics
-- tests compare every row with an independent recomputation. DuckDB cannot drop a constraint,
-- so each table is rebuilt, as migration 5 did for staff.

CREATE TABLE unit_stats_v7 (
    period             DATE NOT NULL,
    unit_code          VARCHAR NOT NULL,
    cadre_code         VARCHAR NOT NULL,
    unit_type          VARCHAR NOT NULL,
    agency_code        VARCHAR NOT NULL,
    region_code        VARCHAR NOT NULL,
    method             VARCHAR,
    workload           DOUBLE,
    actual             INTEGER NOT NULL,
    required           DOUBLE,
    required_rounded   INTEGER,
    ratio              DOUBLE,
    difference         DOUBLE,
    workload_per_staff DOUBLE,
    ej                 DOUBLE,
    grade              VARCHAR,
    status             VARCHAR NOT NULL,
    shortage_people    INTEGER NOT NULL,
    surplus_people     INTEGER NOT NULL
);
INSERT INTO unit_stats_v7 SELECT * FROM unit_stats ORDER BY period, region_code, unit_code, cadre_code;
DROP TABLE unit_stats;
ALTER TABLE unit_stats_v7 RENAME TO unit_stats;

CREATE TABLE scope_stats_v7 (
    period              DATE NOT NULL,
    scope_kind          VARCHAR NOT NULL CHECK (scope_kind IN ('all', 'region', 'agency')),
    scope_code          VARCHAR NOT NULL,
    cadre_code          VARCHAR NOT NULL,
    unit_type           VARCHAR NOT NULL,
    units               INTEGER NOT NULL,
    positions           INTEGER NOT NULL,
    staff               INTEGER NOT NULL,
    staff_measured      INTEGER NOT NULL,
    required            DOUBLE NOT NULL,
    required_rounded    INTEGER NOT NULL,
    shortage_people     INTEGER NOT NULL,
    surplus_people      INTEGER NOT NULL,
    n_severe_shortage   INTEGER NOT NULL,
    n_shortage          INTEGER NOT NULL,
    n_balanced          INTEGER NOT NULL,
    n_surplus           INTEGER NOT NULL,
    n_no_data           INTEGER NOT NULL,
    gini                DOUBLE
);
INSERT INTO scope_stats_v7 SELECT * FROM scope_stats ORDER BY period, scope_kind, scope_code;
DROP TABLE scope_stats;
ALTER TABLE scope_stats_v7 RENAME TO scope_stats;
