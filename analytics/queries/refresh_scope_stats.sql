-- Rebuilds scope_stats from unit_stats: totals, counts per status and the staff-weighted Gini
-- of EJ for every period x scope (all, region at levels 1-3, agency) x cadre x unit type, with
-- '' standing for "all" in cadre_code and unit_type.
--
-- At national scale unit_stats holds about 12 million rows, so nothing here copies them once
-- per scope: the totals add up small cells (period, agency, district, cadre, unit type) that
-- every scope is a union of, and the Gini, which needs each scope's rows in EJ order, takes one
-- window per kind of scope straight from unit_stats (scope_gini below).
DELETE FROM scope_stats;

-- The pieces of the Gini of every scope of one kind and level (1: province, 2: regency or city,
-- 3: district; 0 for 'all' and 'agency'), by cadre or all cadres, by unit type or all types.
-- Sorted by EJ, the Gini is sum_i w_i (x_i W_before_i - S_before_i) / (W S), x = EJ, w = staff
-- (see Gini in formulas.go), with W_before and S_before the weight and the weighted EJ of the
-- scope's rows before row i. A window partitioned by scope is very slow with tens of
-- thousands of small scopes, so one running sum runs over each period, ordered by scope then
-- EJ (G, H below, row i included); a scope's rows are contiguous in it, so
--   W_before_i = G_i - w_i - G0 and S_before_i = H_i - w_i x_i - H0,
-- where G0 and H0, the sums before the scope's first row, are the least G - w and H - w x in
-- the scope. Summing over the scope: spread = A - G0 Wx - B + H0 W with A = sum w x (G - w),
-- B = sum w (H - w x). The terms are as large as a period's staff (5 million) times EJ, so a
-- small scope's spread loses some digits; analytics tests hold the result to 1e-9 of the Gini.
CREATE OR REPLACE TEMP MACRO scope_gini(kind, level, all_cadres, all_types) AS TABLE
SELECT period, scope_code, cadre_key, type_key,
       sum(w * x * (g - w)) - min(g - w) * sum(w * x) - sum(w * (h - w * x)) + min(h - w * x) * sum(w) AS spread,
       sum(w) AS w, sum(w * x) AS wx
FROM (
    SELECT period, scope_code, cadre_key, type_key, ej AS x, actual AS w,
           sum(actual) OVER win AS g, sum(actual * ej) OVER win AS h
    FROM (
        SELECT period, ej, actual,
               CASE kind WHEN 'all' THEN '' WHEN 'agency' THEN agency_code
                         ELSE left(region_code, CASE level WHEN 1 THEN 2 WHEN 2 THEN 5 ELSE 8 END) END AS scope_code,
               CASE WHEN all_cadres THEN '' ELSE cadre_code END AS cadre_key,
               CASE WHEN all_types THEN '' ELSE unit_type END AS type_key
        FROM unit_stats
        WHERE ej IS NOT NULL
          AND length(region_code) >= CASE level WHEN 2 THEN 5 WHEN 3 THEN 8 ELSE 0 END
    )
    WINDOW win AS (PARTITION BY period ORDER BY scope_code, cadre_key, type_key, ej
                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
GROUP BY ALL;

INSERT INTO scope_stats
WITH
-- Sums per period, agency, district, cadre and unit type.
cells AS (
    SELECT period, agency_code, left(region_code, 8) AS region8, cadre_code, unit_type,
           count(*) AS positions,
           sum(actual) AS staff,
           coalesce(sum(actual) FILTER (WHERE status <> 'no_data'), 0) AS staff_measured,
           coalesce(sum(required), 0) AS required,
           coalesce(sum(required_rounded), 0) AS required_rounded,
           sum(shortage_people) AS shortage_people,
           sum(surplus_people) AS surplus_people,
           count(*) FILTER (WHERE status = 'severe_shortage') AS n_severe_shortage,
           count(*) FILTER (WHERE status = 'shortage') AS n_shortage,
           count(*) FILTER (WHERE status = 'balanced') AS n_balanced,
           count(*) FILTER (WHERE status = 'surplus') AS n_surplus,
           count(*) FILTER (WHERE status = 'no_data') AS n_no_data,
           -- a unit has one row per cadre: in "all cadres" it counts once, on its first cadre
           count(*) FILTER (WHERE first_cadre) AS units_all_cadres
    FROM (
        SELECT *, cadre_code = min(cadre_code) OVER (PARTITION BY period, unit_code) AS first_cadre
        FROM unit_stats
    )
    GROUP BY ALL
),
scoped AS (
    SELECT 'all' AS scope_kind, '' AS scope_code, * FROM cells
    UNION ALL
    SELECT 'agency', agency_code, * FROM cells
    UNION ALL
    SELECT 'region', left(region8, 2), * FROM cells
    UNION ALL
    SELECT 'region', left(region8, 5), * FROM cells WHERE length(region8) >= 5
    UNION ALL
    SELECT 'region', region8, * FROM cells WHERE length(region8) >= 8
),
totals AS (
    SELECT period, scope_kind, scope_code,
           coalesce(cadre_code, '') AS cadre_key, coalesce(unit_type, '') AS type_key,
           CASE WHEN grouping(cadre_code) = 1 THEN sum(units_all_cadres) ELSE sum(positions) END AS units,
           sum(positions) AS positions, sum(staff) AS staff, sum(staff_measured) AS staff_measured,
           sum(required) AS required, sum(required_rounded) AS required_rounded,
           sum(shortage_people) AS shortage_people, sum(surplus_people) AS surplus_people,
           sum(n_severe_shortage) AS n_severe_shortage, sum(n_shortage) AS n_shortage,
           sum(n_balanced) AS n_balanced, sum(n_surplus) AS n_surplus, sum(n_no_data) AS n_no_data
    FROM scoped
    GROUP BY GROUPING SETS (
        (period, scope_kind, scope_code, cadre_code, unit_type),
        (period, scope_kind, scope_code, cadre_code),
        (period, scope_kind, scope_code, unit_type),
        (period, scope_kind, scope_code))
),
gini_parts AS (
    SELECT 'all' AS scope_kind, * FROM scope_gini('all', 0, false, false)
    UNION ALL SELECT 'all', * FROM scope_gini('all', 0, false, true)
    UNION ALL SELECT 'all', * FROM scope_gini('all', 0, true, false)
    UNION ALL SELECT 'all', * FROM scope_gini('all', 0, true, true)
    UNION ALL SELECT 'agency', * FROM scope_gini('agency', 0, false, false)
    UNION ALL SELECT 'agency', * FROM scope_gini('agency', 0, false, true)
    UNION ALL SELECT 'agency', * FROM scope_gini('agency', 0, true, false)
    UNION ALL SELECT 'agency', * FROM scope_gini('agency', 0, true, true)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 1, false, false)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 1, false, true)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 1, true, false)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 1, true, true)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 2, false, false)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 2, false, true)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 2, true, false)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 2, true, true)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 3, false, false)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 3, false, true)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 3, true, false)
    UNION ALL SELECT 'region', * FROM scope_gini('region', 3, true, true)
)
SELECT t.period, t.scope_kind, t.scope_code, t.cadre_key, t.type_key,
       t.units, t.positions, t.staff, t.staff_measured, t.required, t.required_rounded,
       t.shortage_people, t.surplus_people,
       t.n_severe_shortage, t.n_shortage, t.n_balanced, t.n_surplus, t.n_no_data,
       CASE WHEN g.wx > 0 THEN g.spread / (g.w * g.wx) END AS gini
FROM totals t
LEFT JOIN gini_parts g
    ON g.period = t.period AND g.scope_kind = t.scope_kind AND g.scope_code = t.scope_code
   AND g.cadre_key = t.cadre_key AND g.type_key = t.type_key
ORDER BY t.scope_kind, t.scope_code, t.cadre_key, t.type_key, t.period;

DROP MACRO TABLE scope_gini;
