-- The tables that carry the cells and the Gini of every scope_stats row between SQL and Go
-- (see gini.go), and that refresh_scope_stats.sql adds up.
--
-- A cell is one agency, regency (regency_no: the unit's region number without its district and
-- village parts, whose regency part is 00 when the unit sits in a province office), cadre and
-- unit type: every scope, cadre and type of scope_stats is a union of cells (its places are
-- regions at levels 1 and 2 only; see refresh_scope_stats.sql), so Go reads each unit row with its cell
-- number, not its strings. Every period has the same unit rows, so the cells of one period are
-- the cells of all.
--
-- Places (scope kind and code), cadres and unit types are numbered in the order of their codes
-- ('' for all cadres or types is 0), so Go and refresh_scope_stats.sql key every scope by
-- integers and sort scope_stats on them in the order of the codes: adding up, joining and
-- sorting 3.5 million rows on integers took 0.8 s of CPU less than on four strings at national
-- scale.
--
-- Only the periods being refreshed (refresh_targets) are numbered: the Gini of the others stays
-- in scope_stats as it is.
CREATE OR REPLACE TEMP TABLE refresh_periods AS
SELECT (row_number() OVER (ORDER BY period) - 1)::INTEGER AS period_no, period
FROM refresh_targets;

-- The first period's rows are found by a constant, not a subquery: DuckDB then skips the other
-- periods' row groups by their zone maps, where the subquery had it read all 12 million unit rows
-- (1.9 s of CPU at national scale, the rows being the transaction's own).
SET VARIABLE refresh_first_period = (SELECT min(period) FROM refresh_periods);

CREATE OR REPLACE TEMP TABLE refresh_unit_cells AS
WITH unit_rows AS (
    SELECT agency_code, region_no // 1000000 AS regency_no, cadre_code, unit_type, unit_no
    FROM unit_stats
    WHERE period = getvariable('refresh_first_period')
),
-- Units per agency, regency and unit type, and their first cadre.
places AS (
    SELECT agency_code, regency_no, unit_type, count(DISTINCT unit_no) AS units, min(cadre_code) AS first_cadre
    FROM unit_rows
    GROUP BY ALL
)
SELECT c.*,
       -- A unit has one row per cadre, so in "all cadres" it must count once: the units of an
       -- agency, regency and type go to the cell of their first cadre.
       CASE WHEN c.cadre_code = p.first_cadre THEN p.units ELSE 0 END AS units_all_cadres,
       -- the cell's region at levels 1 and 2; NULL where the units sit higher than the level
       region_code_at(c.regency_no * 1000000, 1) AS region1,
       region_code_at(c.regency_no * 1000000, 2) AS region2
FROM (SELECT DISTINCT agency_code, regency_no, cadre_code, unit_type FROM unit_rows) c
JOIN places p USING (agency_code, regency_no, unit_type);

RESET VARIABLE refresh_first_period;

-- Every place a scope_stats row is about: 'all', an agency or a region at levels 1 and 2.
CREATE OR REPLACE TEMP TABLE refresh_codes AS
SELECT (row_number() OVER (ORDER BY scope_kind, scope_code) - 1)::INTEGER AS code_no, scope_kind, scope_code
FROM (
    SELECT 'all' AS scope_kind, '' AS scope_code
    UNION SELECT 'agency', agency_code FROM refresh_unit_cells
    UNION SELECT 'region', region1 FROM refresh_unit_cells
    UNION SELECT 'region', region2 FROM refresh_unit_cells WHERE region2 IS NOT NULL
);

CREATE OR REPLACE TEMP TABLE refresh_cadres AS
SELECT (row_number() OVER (ORDER BY cadre_code) - 1)::INTEGER AS cadre_no, cadre_code
FROM (SELECT '' AS cadre_code UNION SELECT cadre_code FROM refresh_unit_cells);

CREATE OR REPLACE TEMP TABLE refresh_types AS
SELECT (row_number() OVER (ORDER BY unit_type) - 1)::INTEGER AS type_no, unit_type
FROM (SELECT '' AS unit_type UNION SELECT unit_type FROM refresh_unit_cells);

-- The cells, numbered, with the numbers of their places (region2_no NULL where the units sit
-- higher), cadre and type.
-- A unit row's cell as one BIGINT, which the Gini rows join the 12 million unit rows on: one
-- integer costs DuckDB less than the four columns (the Gini rows' read 1.0 -> 0.6 s
-- nationally). The parts are the ENUMs' codes (enum_code: a macro cannot call it on a parameter
-- of unknown type) and the regency number, which has at most 14 bits (4 digits); the check below makes the refresh fail rather than give two cells one key if a list
-- ever outgrows its bits.
CREATE OR REPLACE TEMP MACRO refresh_cell_key(agency_no, regency_no, cadre_no, type_no) AS
    (agency_no::BIGINT << 40) | (regency_no::BIGINT << 20) | (cadre_no::BIGINT << 10) | type_no::BIGINT;

CREATE OR REPLACE TEMP TABLE refresh_cells AS
SELECT (row_number() OVER (ORDER BY c.agency_code, c.regency_no, c.cadre_code, c.unit_type) - 1)::INTEGER AS cell,
       refresh_cell_key(enum_code(c.agency_code), c.regency_no, enum_code(c.cadre_code), enum_code(c.unit_type)) AS cell_key,
       c.agency_code, c.regency_no, c.cadre_code, c.unit_type, c.units_all_cadres,
       (SELECT code_no FROM refresh_codes WHERE scope_kind = 'all') AS all_no,
       a.code_no AS agency_no, r1.code_no AS region1_no, r2.code_no AS region2_no,
       k.cadre_no, t.type_no
FROM refresh_unit_cells c
JOIN refresh_codes a ON a.scope_kind = 'agency' AND a.scope_code = c.agency_code
JOIN refresh_codes r1 ON r1.scope_kind = 'region' AND r1.scope_code = c.region1
LEFT JOIN refresh_codes r2 ON r2.scope_kind = 'region' AND r2.scope_code = c.region2
JOIN refresh_cadres k ON k.cadre_code = c.cadre_code
JOIN refresh_types t ON t.unit_type = c.unit_type;

DROP TABLE refresh_unit_cells;

-- Both keys' bits (the scope key below): 23 for agencies, 20 for regencies, 10 for cadres and
-- unit types in a cell; 16 for periods, 24 for places, 11 for cadres and types in a scope.
SELECT CASE WHEN max(enum_code(agency_code)) >= 8388608 OR max(regency_no) >= 1048576
                 OR max(enum_code(cadre_code)) >= 1024 OR max(enum_code(unit_type)) >= 1024
                 OR (SELECT count(*) FROM refresh_periods) > 65536
                 OR (SELECT count(*) FROM refresh_codes) > 16777216
            THEN error('refresh: more periods, places, agencies, cadres or unit types than the keys hold (refresh_gini_setup.sql)') END
FROM refresh_cells;

-- Filled by Go through the appender: the Gini of each scope (place, cadre or 0, type or 0) and
-- period that has staffed rows with some EJ, under the four numbers packed in one BIGINT, as
-- gini.go's scopeKey packs them: some 500,000 rows nationally, which Go appends and
-- refresh_scope_stats.sql joins in less time as two columns than as five.
CREATE OR REPLACE TEMP MACRO refresh_scope_key(period_no, code_no, cadre_no, type_no) AS
    (period_no::BIGINT << 46) | (code_no::BIGINT << 22) | (cadre_no::BIGINT << 11) | type_no::BIGINT;
CREATE OR REPLACE TEMP TABLE refresh_gini (
    scope_key BIGINT NOT NULL,
    gini      DOUBLE NOT NULL
);
