-- A full refresh makes the unit rollup tables anew, empty, before refresh_unit_stats.sql and
-- refresh_unit_history.sql fill them: unit_stats and unit_history are derived data (migrations
-- 3, 8, 9, 13 and 14 describe them), and this file is their current definition.
--
-- Why the tables are made again: most of their text columns hold a code out of a short list
-- (cadres, unit types, agencies, grades, methods, statuses), so they are ENUM types, and the
-- lists come from the data. An ENUM value is stored as a small integer, which DuckDB writes,
-- groups and joins on for less than text (docs/BENCHMARKS.md, issue 8). A query compares an
-- ENUM with a text parameter as text, and sorts it in the order of its values, which are listed
-- here in code order, so every read query reads them as before.
-- DuckDB cannot change the values of an ENUM a table uses, so each full refresh drops both
-- tables and their types and makes them again from the current data. A refresh by period
-- writes into the tables as they are: nothing but workload figures changed, so every value it
-- writes is in the sets (refresh_periods_ok.sql also checks the grades).
--
-- Three columns stay VARCHAR. region_code: pages filter it by a range of codes, which DuckDB
-- checks against each row group's smallest and largest value only for a plain column.
-- unit_code and unit_name: as ENUMs of half a million values they cost every query that returns
-- them a quarter of a second, as the Go driver reads the whole list of values for each result.
DROP TABLE IF EXISTS unit_stats;
DROP TABLE IF EXISTS unit_history;
DROP TYPE IF EXISTS rollup_unit_type;
DROP TYPE IF EXISTS rollup_agency;
DROP TYPE IF EXISTS rollup_cadre;
DROP TYPE IF EXISTS rollup_grade;

-- Every value a unit row can hold: the units' types and agencies, every cadre a norm or a
-- person names, and the grades. Status and method are fixed lists (migration 14).
CREATE TYPE rollup_unit_type AS ENUM (SELECT DISTINCT unit_type FROM units ORDER BY unit_type);
CREATE TYPE rollup_agency AS ENUM (SELECT DISTINCT agency_code FROM units ORDER BY agency_code);
CREATE TYPE rollup_cadre AS ENUM (
    SELECT cadre_code FROM staffing_norms
    UNION
    SELECT cadre_code FROM staff
    ORDER BY cadre_code
);
CREATE TYPE rollup_grade AS ENUM (SELECT grade FROM abk_grades ORDER BY grade);

-- One row per period, unit and cadre (every cadre the unit type has a norm for, and every cadre
-- the unit has staff in), in period and region order (refresh_unit_stats.sql says why).
CREATE TABLE unit_stats (
    period             DATE NOT NULL,
    unit_code          VARCHAR NOT NULL,
    cadre_code         rollup_cadre NOT NULL,
    unit_type          rollup_unit_type NOT NULL,
    agency_code        rollup_agency NOT NULL,
    region_code        VARCHAR NOT NULL,
    method             rollup_method,      -- NULL when no norm covers the unit type and cadre
    workload           DOUBLE,             -- ratio: the indicator's value; wisn/abk: hours a year
    actual             INTEGER NOT NULL,   -- staff in post at the end of the period
    required           DOUBLE,             -- exact; NULL when there is no (complete) data
    required_rounded   INTEGER,
    ratio              DOUBLE,             -- actual / required (WISN ratio); NULL if required is 0 or NULL
    difference         DOUBLE,             -- actual - required
    workload_per_staff DOUBLE,
    ej                 DOUBLE,             -- job efficiency: required / actual (1/ratio)
    grade              rollup_grade,       -- ABK EJ grade
    status             rollup_status NOT NULL,
    shortage_people    INTEGER NOT NULL,
    surplus_people     INTEGER NOT NULL,
    unit_name          VARCHAR
);

-- unit_stats in unit order, only the columns the unit page's history charts draw (migration 13).
CREATE TABLE unit_history (
    unit_code  VARCHAR NOT NULL,
    cadre_code rollup_cadre NOT NULL,
    period     DATE NOT NULL,
    workload   DOUBLE,
    actual     INTEGER NOT NULL,
    required   DOUBLE,
    ratio      DOUBLE,
    status     rollup_status NOT NULL
);
