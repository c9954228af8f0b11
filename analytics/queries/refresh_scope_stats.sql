-- Writes scope_stats from unit_stats for the periods in refresh_targets, whose old rows are
-- already deleted: totals, counts per status and the staff-weighted Gini of EJ for every such
-- period x scope (all, region at levels 1-3, agency) x cadre x unit type, with '' standing for
-- "all" in cadre_code and unit_type. A period's rows depend on its unit rows alone.
--
-- At national scale unit_stats holds about 12 million rows, so nothing here copies them once
-- per scope: the totals add up small cells (period, agency, district, cadre, unit type) that
-- every scope is a union of. The Gini, which needs each scope's rows in EJ order, comes from
-- gini.go, which runs first and leaves it in refresh_gini.

INSERT INTO scope_stats
WITH
-- Units per agency, district and unit type, and their first cadre. The unit rows of every period
-- are the same (one per unit and cadre, refresh_unit_stats.sql), so the first target period
-- counts them for all.
unit_counts AS (
    SELECT agency_code, left(region_code, 8) AS region8, unit_type, count(DISTINCT unit_code) AS units,
           min(cadre_code) AS first_cadre
    FROM unit_stats
    WHERE period = (SELECT min(period) FROM refresh_targets)
    GROUP BY ALL
),
-- Sums per period, agency, district, cadre and unit type. The sums of INTEGER columns are
-- HUGEINT; as BIGINT (a cell's sums are far from its limits) the sums of the cells add 64-bit
-- inputs, not 128-bit ones (0.3 s of CPU less at national scale).
cadre_cells AS (
    SELECT period, agency_code, left(region_code, 8) AS region8, cadre_code, unit_type,
           count(*) AS positions,
           sum(actual)::BIGINT AS staff,
           coalesce(sum(actual) FILTER (WHERE status <> 'no_data'), 0)::BIGINT AS staff_measured,
           coalesce(sum(required), 0) AS required,
           coalesce(sum(required_rounded), 0)::BIGINT AS required_rounded,
           sum(shortage_people)::BIGINT AS shortage_people,
           sum(surplus_people)::BIGINT AS surplus_people,
           count(*) FILTER (WHERE status = 'severe_shortage') AS n_severe_shortage,
           count(*) FILTER (WHERE status = 'shortage') AS n_shortage,
           count(*) FILTER (WHERE status = 'balanced') AS n_balanced,
           count(*) FILTER (WHERE status = 'surplus') AS n_surplus,
           count(*) FILTER (WHERE status = 'no_data') AS n_no_data
    FROM unit_stats
    WHERE period IN (SELECT period FROM refresh_targets)
    GROUP BY ALL
),
-- A unit has one row per cadre, so in "all cadres" it must count once: the units of an agency,
-- district and type go to the cell of their first cadre, and the cadre cells add up to them.
-- The first cadre is the same in every period, so unit_counts finds it once (a window over the
-- cells of every period cost 0.8 s of CPU at national scale).
cells AS (
    SELECT c.*, CASE WHEN c.cadre_code = u.first_cadre THEN u.units ELSE 0 END AS units_all_cadres
    FROM cadre_cells c
    JOIN unit_counts u ON u.agency_code = c.agency_code AND u.region8 = c.region8 AND u.unit_type = c.unit_type
),
-- The cells with a scope code, by cadre or all cadres and by unit type or all types ('' is
-- "all"): places are the districts (or the region of a unit that sits higher), then agencies.
-- Each coarser region level adds up the level below instead of all cells again.
by_place AS (
    SELECT period, 'region' AS scope_kind, region8 AS scope_code,
           coalesce(cadre_code, '') AS cadre_key, coalesce(unit_type, '') AS type_key,
           CASE WHEN grouping(cadre_code) = 1 THEN sum(units_all_cadres) ELSE sum(positions) END AS units,
           sum(COLUMNS(* EXCLUDE (period, agency_code, region8, cadre_code, unit_type, units_all_cadres)))
    FROM cells
    GROUP BY GROUPING SETS ((period, region8, cadre_code, unit_type), (period, region8, cadre_code),
                            (period, region8, unit_type), (period, region8))
    UNION ALL
    SELECT period, 'agency', agency_code,
           coalesce(cadre_code, ''), coalesce(unit_type, ''),
           CASE WHEN grouping(cadre_code) = 1 THEN sum(units_all_cadres) ELSE sum(positions) END,
           sum(COLUMNS(* EXCLUDE (period, agency_code, region8, cadre_code, unit_type, units_all_cadres)))
    FROM cells
    GROUP BY GROUPING SETS ((period, agency_code, cadre_code, unit_type), (period, agency_code, cadre_code),
                            (period, agency_code, unit_type), (period, agency_code))
),
regencies AS (
    SELECT period, scope_kind, left(scope_code, 5) AS scope_code, cadre_key, type_key,
           sum(COLUMNS(* EXCLUDE (period, scope_kind, scope_code, cadre_key, type_key)))
    FROM by_place
    WHERE scope_kind = 'region' AND length(scope_code) >= 5
    GROUP BY ALL
),
provinces AS (
    SELECT period, scope_kind, left(scope_code, 2) AS scope_code, cadre_key, type_key,
           sum(COLUMNS(* EXCLUDE (period, scope_kind, scope_code, cadre_key, type_key)))
    FROM (
        SELECT * FROM regencies
        UNION ALL
        SELECT * FROM by_place WHERE scope_kind = 'region' AND length(scope_code) < 5
    )
    GROUP BY ALL
),
totals AS (
    SELECT * FROM by_place WHERE scope_kind = 'agency' OR length(scope_code) >= 8
    UNION ALL
    SELECT * FROM regencies
    UNION ALL
    SELECT * FROM provinces
    UNION ALL
    SELECT period, 'all', '', cadre_key, type_key,
           sum(COLUMNS(* EXCLUDE (period, scope_kind, scope_code, cadre_key, type_key)))
    FROM provinces
    GROUP BY ALL
),
gini AS (
    SELECT p.period, s.scope_kind, s.scope_code, s.cadre_key, s.type_key, g.gini
    FROM refresh_gini g
    JOIN refresh_gini_scopes s ON s.scope_no = g.scope_no
    JOIN refresh_periods p ON p.period_no = g.period_no
)
SELECT t.period, t.scope_kind, t.scope_code, t.cadre_key, t.type_key,
       t.units, t.positions, t.staff, t.staff_measured, t.required, t.required_rounded,
       t.shortage_people, t.surplus_people,
       t.n_severe_shortage, t.n_shortage, t.n_balanced, t.n_surplus, t.n_no_data,
       g.gini
FROM totals t
LEFT JOIN gini g
    ON g.period = t.period AND g.scope_kind = t.scope_kind AND g.scope_code = t.scope_code
   AND g.cadre_key = t.cadre_key AND g.type_key = t.type_key
-- A refresh by period appends its period's rows after the others, in the same order.
ORDER BY t.scope_kind, t.scope_code, t.cadre_key, t.type_key, t.period;

DROP TABLE refresh_gini;
DROP TABLE refresh_gini_scopes;
DROP TABLE refresh_cells;
DROP TABLE refresh_periods;
DROP TABLE refresh_targets;
