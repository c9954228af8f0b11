-- Rebuilds scope_stats from unit_stats: totals, counts per status and the staff-weighted Gini
-- of EJ for every period x scope (all, region at levels 1-3, agency) x cadre x unit type, with
-- '' standing for "all" in cadre_code and unit_type.
DELETE FROM scope_stats;

CREATE OR REPLACE TEMP TABLE scope_members AS
WITH rows AS (
    SELECT period, unit_code, cadre_code, unit_type, agency_code, region_code, actual, required,
           required_rounded, shortage_people, surplus_people, status, ej
    FROM unit_stats
),
scoped AS (
    SELECT 'all' AS scope_kind, '' AS scope_code, * FROM rows
    UNION ALL
    SELECT 'agency', agency_code, * FROM rows
    UNION ALL
    SELECT 'region', left(region_code, 2), * FROM rows
    UNION ALL
    SELECT 'region', left(region_code, 5), * FROM rows WHERE length(region_code) >= 5
    UNION ALL
    SELECT 'region', left(region_code, 8), * FROM rows WHERE length(region_code) >= 8
)
-- Each row counts in its own cadre and unit type and in "all" ('') of each.
SELECT s.* EXCLUDE (cadre_code, unit_type, agency_code, region_code),
       CASE WHEN c.all_cadres THEN '' ELSE s.cadre_code END AS cadre_key,
       CASE WHEN t.all_types THEN '' ELSE s.unit_type END AS type_key
FROM scoped s
CROSS JOIN (VALUES (false), (true)) c(all_cadres)
CROSS JOIN (VALUES (false), (true)) t(all_types);

INSERT INTO scope_stats
WITH totals AS (
    SELECT period, scope_kind, scope_code, cadre_key, type_key,
           count(DISTINCT unit_code) AS units,
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
           count(*) FILTER (WHERE status = 'no_data') AS n_no_data
    FROM scope_members
    GROUP BY ALL
),
-- Gini with values sorted: sum_i w_i (x_i W_before - S_before) / (W S), x = EJ, w = staff.
running AS (
    SELECT period, scope_kind, scope_code, cadre_key, type_key, ej AS x, actual AS w,
           sum(actual) OVER win - actual AS w_before,
           sum(actual * ej) OVER win - actual * ej AS s_before
    FROM scope_members
    WHERE ej IS NOT NULL
    WINDOW win AS (PARTITION BY period, scope_kind, scope_code, cadre_key, type_key
                   ORDER BY ej ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
gini AS (
    SELECT period, scope_kind, scope_code, cadre_key, type_key,
           CASE WHEN sum(w * x) > 0
                THEN sum(w * (x * w_before - s_before)) / (sum(w) * sum(w * x)) END AS gini
    FROM running
    GROUP BY ALL
)
SELECT t.period, t.scope_kind, t.scope_code, t.cadre_key, t.type_key,
       t.units, t.positions, t.staff, t.staff_measured, t.required, t.required_rounded,
       t.shortage_people, t.surplus_people,
       t.n_severe_shortage, t.n_shortage, t.n_balanced, t.n_surplus, t.n_no_data,
       g.gini
FROM totals t
LEFT JOIN gini g USING (period, scope_kind, scope_code, cadre_key, type_key);

DROP TABLE scope_members;
