-- A full refresh makes the unit rollup tables anew, empty, before refresh_unit_stats.sql and
-- refresh_unit_history.sql fill them: rollup_units, unit_stats and unit_history are derived
-- data (migrations 3, 8, 9, 13, 14 and 15 describe them), and this file is their current
-- definition.
--
-- Why the tables are made again: most of their text columns hold a code out of a short list
-- (cadres, unit types, agencies, grades, methods, statuses), so they are ENUM types, and the
-- lists come from the data. An ENUM value is stored as a small integer, which DuckDB writes,
-- groups and joins on for less than text (docs/BENCHMARKS.md, issue 8). Read queries compare an
-- ENUM with its parameter cast to the ENUM, and it sorts in the order of its values, which are
-- listed here in code order.
-- DuckDB cannot change the values of an ENUM a table uses, so each full refresh drops the
-- tables and their types and makes them again from the current data. A refresh by period
-- writes into the tables as they are: nothing but workload figures changed, so every value it
-- writes is in the sets and every unit has its number (refresh_periods_ok.sql checks both).
--
-- A unit row holds what pages filter, add up and sort on, and nothing that can be looked up or
-- worked out from it (migration 15): the unit is a number (rollup_units gives its code and
-- name), and ratio, difference, workload per staff and EJ are computed where they are read
-- (queries/filtered.sql, view unit_stats_full). Writing 12.4 million rows nationally, the unit's
-- code and name alone cost more CPU than every other column together.
-- The region is a number too, the code's digits padded to ten (macro region_number, migration
-- 16): the codes under a region are a range of numbers, which pages filter by the row groups'
-- smallest and largest values, and a unit's region at a level is a division.
DROP TABLE IF EXISTS unit_stats;
DROP TABLE IF EXISTS unit_history;
DROP TABLE IF EXISTS rollup_units;
DROP TYPE IF EXISTS rollup_unit_type;
DROP TYPE IF EXISTS rollup_agency;
DROP TYPE IF EXISTS rollup_cadre;
DROP TYPE IF EXISTS rollup_grade;

-- Every value a unit row can hold: the units' types and agencies, every cadre a norm or a
-- person names, and the grades. Status and method are fixed lists (migration 14). Each list
-- also holds '', which no code is (the importer refuses empty codes): DuckDB cannot make a
-- table with a column of an ENUM without values, and a database with no units yet (regions
-- imported first) is refreshed too.
CREATE TYPE rollup_unit_type AS ENUM (SELECT '' UNION SELECT unit_type FROM units ORDER BY 1);
CREATE TYPE rollup_agency AS ENUM (SELECT '' UNION SELECT agency_code FROM units ORDER BY 1);
CREATE TYPE rollup_cadre AS ENUM (
    SELECT ''
    UNION
    SELECT cadre_code FROM staffing_norms
    UNION
    SELECT cadre_code FROM staff
    ORDER BY 1
);
CREATE TYPE rollup_grade AS ENUM (SELECT '' UNION SELECT grade FROM abk_grades ORDER BY 1);

-- Every unit's two numbers. unit_no follows region and code, the order unit rows are stored
-- in: rows join their unit's code and name by it once a page of them is cut, and the units of a
-- place, close in number, are in one or two row groups here. name_no follows the name (then
-- region and code, so that units of one name have an order too): unit lists sort by name on it.
CREATE TABLE rollup_units AS
SELECT row_number() OVER (ORDER BY region_code, code)::INTEGER AS unit_no,
       row_number() OVER (ORDER BY name, region_code, code)::INTEGER AS name_no,
       code, name, region_code
FROM units
ORDER BY unit_no;
-- A unit page finds its unit's number by code: through the index in well under a millisecond,
-- by a scan of every code in several (national scale).
CREATE UNIQUE INDEX rollup_units_code ON rollup_units (code);

-- One row per period, unit and cadre (every cadre the unit type has a norm for, and every cadre
-- the unit has staff in), in period and region order (refresh_unit_stats.sql says why).
CREATE TABLE unit_stats (
    period             DATE NOT NULL,
    unit_no            INTEGER NOT NULL,   -- rollup_units
    name_no            INTEGER NOT NULL,   -- rollup_units: the unit's place in name order
    cadre_code         rollup_cadre NOT NULL,
    unit_type          rollup_unit_type NOT NULL,
    agency_code        rollup_agency NOT NULL,
    region_no          BIGINT NOT NULL,    -- region_number(the unit's region code)
    method             rollup_method,      -- NULL when no norm covers the unit type and cadre
    workload           DOUBLE,             -- ratio: the indicator's value; wisn/abk: hours a year
    actual             INTEGER NOT NULL,   -- staff in post at the end of the period
    required           DOUBLE,             -- exact; NULL when there is no (complete) data
    required_rounded   INTEGER,
    grade              rollup_grade,       -- ABK EJ grade
    status             rollup_status NOT NULL,
    shortage_people    INTEGER NOT NULL,
    surplus_people     INTEGER NOT NULL
);

-- unit_stats in unit order, only the columns the unit page's history charts draw (migration 13).
CREATE TABLE unit_history (
    unit_no    INTEGER NOT NULL,
    cadre_code rollup_cadre NOT NULL,
    period     DATE NOT NULL,
    workload   DOUBLE,
    actual     INTEGER NOT NULL,
    required   DOUBLE,
    status     rollup_status NOT NULL
);

-- unit_stats with the figures that follow from its columns, as pages read them (filtered.sql):
-- computed where they are read, which costs less than writing them (see the head of this file).
-- Kept in step with formulas.go, as the refresh's classification is.
CREATE OR REPLACE VIEW unit_figures AS
SELECT s.*,
       CASE WHEN s.required > 0 THEN s.actual / s.required END AS ratio,
       s.actual - s.required AS difference,
       CASE WHEN s.actual > 0 THEN s.workload / s.actual END AS workload_per_staff,
       CASE WHEN s.actual > 0 THEN s.required / s.actual END AS ej
FROM unit_stats s;

-- unit_figures with each unit's code, name and region code: every column a unit row had before
-- migration 15, for tests, exports and anyone reading the database by hand. Pages do not read
-- it: the join costs a whole-country query more than the rest of it, so they join the names to
-- the few rows they list.
CREATE OR REPLACE VIEW unit_figures_named AS
SELECT f.*, u.code AS unit_code, u.name AS unit_name, u.region_code
FROM unit_figures f
JOIN rollup_units u ON u.unit_no = f.unit_no;
