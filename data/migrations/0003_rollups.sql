-- Rollup tables that pages read. They are derived data: analytics.Refresh rebuilds them from
-- the tables of migration 1 after every data change, so a request never scans the staff table.

-- One row per period, unit and cadre (every cadre the unit type has a norm for, and every cadre
-- the unit has staff in).
CREATE TABLE unit_stats (
    period             DATE NOT NULL,
    unit_code          VARCHAR NOT NULL,
    cadre_code         VARCHAR NOT NULL,
    unit_type          VARCHAR NOT NULL,
    agency_code        VARCHAR NOT NULL,
    region_code        VARCHAR NOT NULL,
    method             VARCHAR,           -- NULL when no norm covers the unit type and cadre
    workload           DOUBLE,            -- ratio: the indicator's value; wisn/abk: hours a year
    actual             INTEGER NOT NULL,  -- staff in post at the end of the period
    required           DOUBLE,            -- exact; NULL when there is no (complete) data
    required_rounded   INTEGER,
    ratio              DOUBLE,            -- actual / required (WISN ratio); NULL if required is 0 or NULL
    difference         DOUBLE,            -- actual - required
    workload_per_staff DOUBLE,
    ej                 DOUBLE,            -- job efficiency: required / actual (1/ratio)
    grade              VARCHAR,           -- ABK EJ grade A..E
    status             VARCHAR NOT NULL,  -- severe_shortage, shortage, balanced, surplus, no_data
    shortage_people    INTEGER NOT NULL,
    surplus_people     INTEGER NOT NULL,
    PRIMARY KEY (period, unit_code, cadre_code)
);

-- Totals per period, scope (all, a region at any level, an agency), cadre and unit type; ''
-- in cadre_code or unit_type means all of them.
CREATE TABLE scope_stats (
    period              DATE NOT NULL,
    scope_kind          VARCHAR NOT NULL CHECK (scope_kind IN ('all', 'region', 'agency')),
    scope_code          VARCHAR NOT NULL,
    cadre_code          VARCHAR NOT NULL,
    unit_type           VARCHAR NOT NULL,
    units               INTEGER NOT NULL,
    positions           INTEGER NOT NULL, -- unit x cadre rows
    staff               INTEGER NOT NULL,
    staff_measured      INTEGER NOT NULL, -- staff in rows that have data
    required            DOUBLE NOT NULL,
    required_rounded    INTEGER NOT NULL,
    shortage_people     INTEGER NOT NULL,
    surplus_people      INTEGER NOT NULL,
    n_severe_shortage   INTEGER NOT NULL,
    n_shortage          INTEGER NOT NULL,
    n_balanced          INTEGER NOT NULL,
    n_surplus           INTEGER NOT NULL,
    n_no_data           INTEGER NOT NULL,
    gini                DOUBLE,           -- staff-weighted Gini of EJ; NULL without staffed rows
    PRIMARY KEY (period, scope_kind, scope_code, cadre_code, unit_type)
);
