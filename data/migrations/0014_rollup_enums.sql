-- The text columns of unit_stats and unit_history become ENUM types.
--
-- Why: most of them hold a code out of a short list (cadre, unit type, agency, grade, method,
-- status), and each of the 12.4 million unit rows of a national dataset repeated them as text.
-- Stored as an ENUM, a value is a small integer, which the full refresh writes, groups and joins
-- on for less CPU (docs/BENCHMARKS.md, issue 8). Read queries are unchanged: DuckDB compares an
-- ENUM with text as text, and sorts it in the order of its values, which are listed in code
-- order.
--
-- From now on the analytics refresh owns the definition of both tables
-- (analytics/queries/refresh_tables.sql): the value sets come from the data, and DuckDB cannot
-- change an ENUM a table uses, so each full refresh makes the tables and their types anew. This
-- migration builds the same tables from the rows already stored, so a database needs no refresh;
-- the sets also take in every value those rows hold, in case they are older than the data.
-- region_code stays text: pages filter it by a range of codes, which row-group zone maps serve
-- only for a plain column. So do unit_code and unit_name: as ENUMs of half a million values they
-- would cost every query that returns them a quarter of a second, as the Go driver reads the
-- whole list of values for each result.

-- Fixed lists, the same in every database.
CREATE TYPE rollup_status AS ENUM ('balanced', 'no_data', 'severe_shortage', 'shortage', 'surplus');
CREATE TYPE rollup_method AS ENUM ('abk', 'ratio', 'wisn');

CREATE TYPE rollup_unit_type AS ENUM (
    SELECT unit_type FROM units UNION SELECT unit_type FROM unit_stats ORDER BY 1);
CREATE TYPE rollup_agency AS ENUM (
    SELECT agency_code FROM units UNION SELECT agency_code FROM unit_stats ORDER BY 1);
CREATE TYPE rollup_cadre AS ENUM (
    SELECT cadre_code FROM staffing_norms UNION SELECT cadre_code FROM staff
    UNION SELECT cadre_code FROM unit_stats ORDER BY 1);
CREATE TYPE rollup_grade AS ENUM (
    SELECT grade FROM abk_grades UNION SELECT grade FROM unit_stats WHERE grade IS NOT NULL ORDER BY 1);

CREATE TABLE unit_stats_v14 (
    period             DATE NOT NULL,
    unit_code          VARCHAR NOT NULL,
    cadre_code         rollup_cadre NOT NULL,
    unit_type          rollup_unit_type NOT NULL,
    agency_code        rollup_agency NOT NULL,
    region_code        VARCHAR NOT NULL,
    method             rollup_method,
    workload           DOUBLE,
    actual             INTEGER NOT NULL,
    required           DOUBLE,
    required_rounded   INTEGER,
    ratio              DOUBLE,
    difference         DOUBLE,
    workload_per_staff DOUBLE,
    ej                 DOUBLE,
    grade              rollup_grade,
    status             rollup_status NOT NULL,
    shortage_people    INTEGER NOT NULL,
    surplus_people     INTEGER NOT NULL,
    unit_name          VARCHAR
);
-- The stored order (period, then region) is kept: rowid is the order rows were written in.
INSERT INTO unit_stats_v14 SELECT * FROM unit_stats ORDER BY rowid;
DROP TABLE unit_stats;
ALTER TABLE unit_stats_v14 RENAME TO unit_stats;

CREATE TABLE unit_history_v14 (
    unit_code  VARCHAR NOT NULL,
    cadre_code rollup_cadre NOT NULL,
    period     DATE NOT NULL,
    workload   DOUBLE,
    actual     INTEGER NOT NULL,
    required   DOUBLE,
    ratio      DOUBLE,
    status     rollup_status NOT NULL
);
INSERT INTO unit_history_v14 SELECT * FROM unit_history ORDER BY rowid;
DROP TABLE unit_history;
ALTER TABLE unit_history_v14 RENAME TO unit_history;
