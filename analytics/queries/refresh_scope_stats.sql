-- Writes scope_stats from unit_stats for the periods in refresh_targets, whose old rows are
-- already deleted: totals, counts per status and the staff-weighted Gini of EJ for every such
-- period x scope (all, region at levels 1 and 2, agency) x cadre x unit type, with '' standing
-- for "all" in cadre_code and unit_type. A period's rows depend on its unit rows alone.
--
-- Districts (level 3) have no rows here: pages add a district's figures up from its unit rows
-- when they are asked for (Filter.scope in filter.go). A district holds some seventy units, a
-- few rows of one or two row groups per period, while its rows here were six in seven of all
-- (3.2 of 3.7 million nationally), and writing them took 3.2 s of the refresh's 4.5.
--
-- At national scale unit_stats holds about 12 million rows, so nothing here copies them once
-- per scope: the totals add up small cells (period, agency, regency, cadre, unit type) that
-- every scope is a union of, keyed by the numbers refresh_gini_setup.sql gives cells, places,
-- cadres and types. The Gini, which needs each scope's rows in EJ order, comes from gini.go,
-- which runs first and leaves it in refresh_gini.

INSERT INTO scope_stats
WITH
-- Sums per period, agency, regency, cadre and unit type. The integer sums and counts travel as
-- DOUBLE, which holds every integer below 2^53 exactly, so every sum of them is exact: DuckDB
-- adds doubles faster than the HUGEINT its integer sums return (at national scale the scope
-- rows took 2 s of CPU less, of 11.5). (Grouped by the cell's key instead, refresh_gini_setup.sql,
-- they took no less time.)
cadre_cells AS (
    SELECT period, agency_code, region_no // 1000000 AS regency_no, cadre_code, unit_type,
           count(*)::DOUBLE AS positions,
           sum(actual)::DOUBLE AS staff,
           coalesce(sum(actual) FILTER (WHERE status <> 'no_data'::rollup_status), 0)::DOUBLE AS staff_measured,
           coalesce(sum(required), 0) AS required,
           coalesce(sum(required_rounded), 0)::DOUBLE AS required_rounded,
           sum(shortage_people)::DOUBLE AS shortage_people,
           sum(surplus_people)::DOUBLE AS surplus_people,
           count(*) FILTER (WHERE status = 'severe_shortage'::rollup_status)::DOUBLE AS n_severe_shortage,
           count(*) FILTER (WHERE status = 'shortage'::rollup_status)::DOUBLE AS n_shortage,
           count(*) FILTER (WHERE status = 'balanced'::rollup_status)::DOUBLE AS n_balanced,
           count(*) FILTER (WHERE status = 'surplus'::rollup_status)::DOUBLE AS n_surplus,
           count(*) FILTER (WHERE status = 'no_data'::rollup_status)::DOUBLE AS n_no_data
    FROM unit_stats
    WHERE period IN (SELECT period FROM refresh_targets)
    GROUP BY ALL
),
-- Each cell once for every place it lies in: all, its agency, its regions at levels 1 and 2.
places AS (
    SELECT x.period, unnest([c.all_no, c.agency_no, c.region1_no, c.region2_no]) AS code_no,
           c.cadre_no, c.type_no, c.units_all_cadres::DOUBLE AS units_all_cadres,
           x.* EXCLUDE (period, agency_code, regency_no, cadre_code, unit_type)
    FROM cadre_cells x
    JOIN refresh_cells c USING (agency_code, regency_no, cadre_code, unit_type)
),
-- By cadre or all cadres (0) and by unit type or all types (0). In "all cadres" a unit counts
-- once (units_all_cadres, see refresh_gini_setup.sql); by cadre, once per cadre.
totals AS (
    SELECT period, code_no, coalesce(cadre_no, 0) AS cadre_no, coalesce(type_no, 0) AS type_no,
           CASE WHEN grouping(cadre_no) = 1 THEN sum(units_all_cadres) ELSE sum(positions) END AS units,
           sum(COLUMNS(* EXCLUDE (period, code_no, cadre_no, type_no, units_all_cadres)))
    FROM places
    WHERE code_no IS NOT NULL -- a region level above the units
    GROUP BY GROUPING SETS ((period, code_no, cadre_no, type_no), (period, code_no, cadre_no),
                            (period, code_no, type_no), (period, code_no))
)
SELECT t.period, k.scope_kind, k.scope_code, cd.cadre_code, ty.unit_type,
       t.units, t.positions, t.staff, t.staff_measured, t.required, t.required_rounded,
       t.shortage_people, t.surplus_people,
       t.n_severe_shortage, t.n_shortage, t.n_balanced, t.n_surplus, t.n_no_data,
       g.gini
FROM totals t
JOIN refresh_periods p ON p.period = t.period
JOIN refresh_codes k ON k.code_no = t.code_no
JOIN refresh_cadres cd ON cd.cadre_no = t.cadre_no
JOIN refresh_types ty ON ty.type_no = t.type_no
LEFT JOIN refresh_gini g
    ON g.scope_key = refresh_scope_key(p.period_no, t.code_no, t.cadre_no, t.type_no)
-- In the order of scope_kind, scope_code, cadre_code, unit_type and period, as the numbers
-- follow the codes. A refresh by period appends its period's rows after the others, in the
-- same order.
ORDER BY t.code_no, t.cadre_no, t.type_no, t.period;

DROP MACRO refresh_cell_key;
DROP MACRO refresh_scope_key;
DROP TABLE refresh_gini;
DROP TABLE refresh_types;
DROP TABLE refresh_cadres;
DROP TABLE refresh_codes;
DROP TABLE refresh_cells;
DROP TABLE refresh_periods;
DROP TABLE refresh_targets;
