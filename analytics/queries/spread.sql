-- What the overview reads from the filtered unit rows, in one read of them: the breakdown by
-- agency and the ratio distribution (when $groups), the two top lists, and the breakdown by
-- region at $level when scope_stats does not hold it ($level 0: not here; Overview in
-- overview.go). Read apart, the first three scanned the same row groups three times and cost
-- about 20 ms of CPU at national scale, together 7 to 11 (docs/BENCHMARKS.md). For the whole
-- country Spread reads only the top lists here (spread.go says why).
-- The parts have different columns; UNION ALL BY NAME fills the ones a part lacks with NULL,
-- and the last SELECT gives every column a value Go can scan. Codes and units are named in Go
-- (names.go, unit_names.go).
-- Continues the WITH list of queries/filtered.sql. The breakdown counts every status (the
-- headline's rows, f); the distribution and the lists only the filter's status (fs).
, rows AS MATERIALIZED (
    -- A place's rows are copied once for all parts; the whole country's 500,000 are read by
    -- each part instead (filteredFor, in filter.go).
    SELECT * FROM f
),
listed AS NOT MATERIALIZED (
    -- read by three parts, which DuckDB would otherwise copy
    SELECT * FROM rows WHERE $status = '' OR status = TRY_CAST($status AS rollup_status)
),
-- The $limit rows most short (severe shortage and shortage, lowest ratio first) and the $limit
-- most in surplus (highest ratio first), in the orders of units_page.sql's 'ratio' and '-ratio'.
tops AS (
    (SELECT 'short' AS part, *
     FROM listed
     WHERE status IN ('severe_shortage'::rollup_status, 'shortage'::rollup_status)
     ORDER BY coalesce(ratio, CASE WHEN status = 'severe_shortage'::rollup_status THEN -1 END) ASC NULLS LAST, name_no, cadre_code
     LIMIT $limit)
    UNION ALL
    (SELECT 'surplus' AS part, *
     FROM listed
     WHERE status = 'surplus'::rollup_status
     ORDER BY coalesce(ratio, 1e9) DESC, name_no, cadre_code
     LIMIT $limit)
),
parts AS (
    -- the top lists with the data version this read sees: Go names their units by number at
    -- that version (unit_names.go)
    SELECT t.*, (SELECT version FROM data_version) AS version
    FROM tops t
    UNION ALL BY NAME
    SELECT 'agency' AS part, agency_code AS code,
           count(DISTINCT unit_no) AS g_units, sum(actual) AS g_staff, coalesce(sum(required), 0) AS g_required,
           sum(shortage_people) AS g_shortage, sum(surplus_people) AS g_surplus,
           count(*) FILTER (WHERE status = 'severe_shortage'::rollup_status) AS n_severe_shortage,
           count(*) FILTER (WHERE status = 'shortage'::rollup_status) AS n_shortage,
           count(*) FILTER (WHERE status = 'balanced'::rollup_status) AS n_balanced,
           count(*) FILTER (WHERE status = 'surplus'::rollup_status) AS n_surplus,
           count(*) FILTER (WHERE status = 'no_data'::rollup_status) AS n_no_data
    FROM rows
    WHERE $groups
    GROUP BY agency_code
    UNION ALL BY NAME
    -- As breakdown_region.sql: the rows by their region number cut to the level ($span), units
    -- above the level left out. A regency's districts cost its cold overview about 2 ms of CPU
    -- here, against 4 as a read of their own (docs/BENCHMARKS.md, issue 8). One GROUPING SETS
    -- with the agencies' part cost every other overview 0.7 ms more.
    SELECT 'region' AS part, region_code_at((region_no // $span) * $span, $level) AS code,
           count(DISTINCT unit_no) AS g_units, sum(actual) AS g_staff, coalesce(sum(required), 0) AS g_required,
           sum(shortage_people) AS g_shortage, sum(surplus_people) AS g_surplus,
           count(*) FILTER (WHERE status = 'severe_shortage'::rollup_status) AS n_severe_shortage,
           count(*) FILTER (WHERE status = 'shortage'::rollup_status) AS n_shortage,
           count(*) FILTER (WHERE status = 'balanced'::rollup_status) AS n_balanced,
           count(*) FILTER (WHERE status = 'surplus'::rollup_status) AS n_surplus,
           count(*) FILTER (WHERE status = 'no_data'::rollup_status) AS n_no_data
    FROM rows
    WHERE $level > 0 AND ($level = 1 OR (region_no // $span) % 100 <> 0)
    GROUP BY region_no // $span
    UNION ALL BY NAME
    -- Bands of width 0.1 from 0 to 2 (2 and above in the last), per status.
    SELECT 'bin' AS part, least(floor(ratio * 10), 20)::INTEGER::VARCHAR AS code,
           count(*) FILTER (WHERE status = 'severe_shortage'::rollup_status) AS n_severe_shortage,
           count(*) FILTER (WHERE status = 'shortage'::rollup_status) AS n_shortage,
           count(*) FILTER (WHERE status = 'balanced'::rollup_status) AS n_balanced,
           count(*) FILTER (WHERE status = 'surplus'::rollup_status) AS n_surplus,
           count(*) FILTER (WHERE status = 'no_data'::rollup_status) AS n_no_data
    FROM listed
    WHERE $groups AND ratio IS NOT NULL
    GROUP BY 2
)
SELECT part, coalesce(code, ''),
       -- a unit row of a top list (scanned in spread.go)
       coalesce(unit_no, 0), coalesce(version, 0), coalesce(unit_type, ''), coalesce(agency_code, ''),
       coalesce(cadre_code, ''), coalesce(method, ''), workload, coalesce(actual, 0), required, required_rounded,
       ratio, difference, workload_per_staff, ej, coalesce(grade, ''), coalesce(status, ''),
       coalesce(shortage_people, 0), coalesce(surplus_people, 0),
       -- a group of the breakdown or the distribution
       coalesce(g_units, 0), coalesce(g_staff, 0), coalesce(g_required, 0), coalesce(g_shortage, 0),
       coalesce(g_surplus, 0), coalesce(n_severe_shortage, 0), coalesce(n_shortage, 0), coalesce(n_balanced, 0),
       coalesce(n_surplus, 0), coalesce(n_no_data, 0)
-- Not sorted here: the top lists are few rows, which Go puts in order (sortExtremes in
-- spread.go); a sort of the result was about a tenth of the read's CPU.
FROM parts;
