-- Unit rows name their unit by a number, and keep only figures that cannot be worked out from
-- the others.
--
-- Why: a full refresh writes 12.4 million unit rows at national scale, 24 periods of every unit
-- and cadre. Each repeated the unit's code and name as text and four figures that follow from
-- actual, required and workload (ratio, difference, workload per staff, EJ). Writing those
-- cost about two thirds of the CPU of writing a row (docs/BENCHMARKS.md, issue 8). Now:
--   - rollup_units numbers every unit in region and code order, the order unit rows are stored
--     in, and again in the order of its name (then region and code), the order lists sort by,
--     and holds its code and name once; unit_stats holds both numbers, unit_history the first;
--   - view unit_figures adds the four figures to unit_stats where they are read, and view
--     unit_figures_named adds the unit's code and name too: every column a unit row had.
-- Pages still filter, add up and sort the rows alone, and join the names to the few they list.
--
-- As in migration 14, the analytics refresh owns the current definitions
-- (analytics/queries/refresh_tables.sql), and this builds the same tables from the rows already
-- stored, so a database needs no refresh. A unit the rows hold that the units table does not
-- any more (rollups older than the data) is numbered too, with the name the rows gave it.

CREATE TABLE rollup_units AS
WITH named AS (
    SELECT code, name, region_code FROM units
    UNION ALL
    SELECT unit_code, coalesce(any_value(unit_name), ''), any_value(region_code)
    FROM unit_stats
    WHERE unit_code NOT IN (SELECT code FROM units)
    GROUP BY unit_code
)
SELECT row_number() OVER (ORDER BY region_code, code)::INTEGER AS unit_no,
       row_number() OVER (ORDER BY name, region_code, code)::INTEGER AS name_no,
       code, name
FROM named
ORDER BY unit_no;
CREATE UNIQUE INDEX rollup_units_code ON rollup_units (code);

CREATE TABLE unit_stats_v15 (
    period             DATE NOT NULL,
    unit_no            INTEGER NOT NULL,
    name_no            INTEGER NOT NULL,
    cadre_code         rollup_cadre NOT NULL,
    unit_type          rollup_unit_type NOT NULL,
    agency_code        rollup_agency NOT NULL,
    region_code        VARCHAR NOT NULL,
    method             rollup_method,
    workload           DOUBLE,
    actual             INTEGER NOT NULL,
    required           DOUBLE,
    required_rounded   INTEGER,
    grade              rollup_grade,
    status             rollup_status NOT NULL,
    shortage_people    INTEGER NOT NULL,
    surplus_people     INTEGER NOT NULL
);
-- The stored order (period, then region) is kept: rowid is the order rows were written in.
INSERT INTO unit_stats_v15
SELECT s.period, u.unit_no, u.name_no, s.cadre_code, s.unit_type, s.agency_code, s.region_code, s.method,
       s.workload, s.actual, s.required, s.required_rounded, s.grade, s.status,
       s.shortage_people, s.surplus_people
FROM unit_stats s
JOIN rollup_units u ON u.code = s.unit_code
ORDER BY s.rowid;
DROP TABLE unit_stats;
ALTER TABLE unit_stats_v15 RENAME TO unit_stats;

CREATE TABLE unit_history_v15 (
    unit_no    INTEGER NOT NULL,
    cadre_code rollup_cadre NOT NULL,
    period     DATE NOT NULL,
    workload   DOUBLE,
    actual     INTEGER NOT NULL,
    required   DOUBLE,
    status     rollup_status NOT NULL
);
-- In unit order, which is now the order of the numbers.
INSERT INTO unit_history_v15
SELECT u.unit_no, h.cadre_code, h.period, h.workload, h.actual, h.required, h.status
FROM unit_history h
JOIN rollup_units u ON u.code = h.unit_code
ORDER BY u.unit_no, h.rowid;
DROP TABLE unit_history;
ALTER TABLE unit_history_v15 RENAME TO unit_history;

CREATE VIEW unit_figures AS
SELECT s.*,
       CASE WHEN s.required > 0 THEN s.actual / s.required END AS ratio,
       s.actual - s.required AS difference,
       CASE WHEN s.actual > 0 THEN s.workload / s.actual END AS workload_per_staff,
       CASE WHEN s.actual > 0 THEN s.required / s.actual END AS ej
FROM unit_stats s;

CREATE VIEW unit_figures_named AS
SELECT f.*, u.code AS unit_code, u.name AS unit_name
FROM unit_figures f
JOIN rollup_units u ON u.unit_no = f.unit_no;
