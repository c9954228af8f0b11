-- Unit rows hold their region as a number, and rollup_units holds the region's code.
--
-- Why: the region code was the last text column of the 12.4 million unit rows a national full
-- refresh writes, and it cost about 2 s of the refresh's 20 (docs/BENCHMARKS.md, issue 8). A
-- code has a fixed shape (two digits for the province, then two for the regency or city, two
-- for the district and four for the village; the importer checks it), so its digits, padded
-- with zeros to ten, are a number that keeps every use of the code:
--   - the codes under a region are one range of numbers: 36.73 holds [3673000000, 3674000000);
--   - the region of a unit at a level is a division: 3673011001 // 10000 is district 367301;
--   - no real code has a part of zeros, so a number whose district part is 00 sits above the
--     districts (a unit of a regency office).
-- Pages filter the range by the row groups' smallest and largest values, as they did the text.
-- Lists of units show the code, which they join from rollup_units with the unit's name.
--
-- As in migrations 14 and 15, analytics/queries/refresh_tables.sql owns the current definitions
-- and this builds the same tables from the rows already stored.

-- A region code as its number, and back at a level (1 province, 2 regency or city, 3 district):
-- NULL when the number sits above that level.
CREATE MACRO region_number(code) AS rpad(replace(code, '.', ''), 10, '0')::BIGINT;
CREATE MACRO region_code_at(region_no, level) AS CASE level
    WHEN 1 THEN lpad((region_no // 100000000)::VARCHAR, 2, '0')
    WHEN 2 THEN CASE WHEN (region_no // 1000000) % 100 <> 0
                     THEN printf('%02d.%02d', region_no // 100000000, (region_no // 1000000) % 100) END
    WHEN 3 THEN CASE WHEN (region_no // 10000) % 100 <> 0
                     THEN printf('%02d.%02d.%02d', region_no // 100000000, (region_no // 1000000) % 100,
                                 (region_no // 10000) % 100) END
END;

DROP VIEW unit_figures_named;
DROP VIEW unit_figures;

-- With the region's code: the units', or for a unit the units table no longer holds, the one
-- its rows gave.
CREATE TABLE rollup_units_v16 AS
SELECT r.unit_no, r.name_no, r.code, r.name, coalesce(u.region_code, s.region_code, '') AS region_code
FROM rollup_units r
LEFT JOIN units u ON u.code = r.code
LEFT JOIN (SELECT unit_no, any_value(region_code) AS region_code FROM unit_stats GROUP BY unit_no) s
    ON s.unit_no = r.unit_no
ORDER BY r.unit_no;
DROP TABLE rollup_units;
ALTER TABLE rollup_units_v16 RENAME TO rollup_units;
CREATE UNIQUE INDEX rollup_units_code ON rollup_units (code);

CREATE TABLE unit_stats_v16 (
    period             DATE NOT NULL,
    unit_no            INTEGER NOT NULL,
    name_no            INTEGER NOT NULL,
    cadre_code         rollup_cadre NOT NULL,
    unit_type          rollup_unit_type NOT NULL,
    agency_code        rollup_agency NOT NULL,
    region_no          BIGINT NOT NULL,
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
INSERT INTO unit_stats_v16
SELECT period, unit_no, name_no, cadre_code, unit_type, agency_code, region_number(region_code), method,
       workload, actual, required, required_rounded, grade, status, shortage_people, surplus_people
FROM unit_stats
ORDER BY rowid;
DROP TABLE unit_stats;
ALTER TABLE unit_stats_v16 RENAME TO unit_stats;

CREATE VIEW unit_figures AS
SELECT s.*,
       CASE WHEN s.required > 0 THEN s.actual / s.required END AS ratio,
       s.actual - s.required AS difference,
       CASE WHEN s.actual > 0 THEN s.workload / s.actual END AS workload_per_staff,
       CASE WHEN s.actual > 0 THEN s.required / s.actual END AS ej
FROM unit_stats s;

CREATE VIEW unit_figures_named AS
SELECT f.*, u.code AS unit_code, u.name AS unit_name, u.region_code
FROM unit_figures f
JOIN rollup_units u ON u.unit_no = f.unit_no;
