-- Totals per region at $level (1 province, 2 regency/city, 3 district) under the filter: the rows
-- are added up by their region number cut to the level ($span, regionSpans in
-- region_numbers.go), and the groups then get their codes (macro region_code_at, migration 16).
-- Units that sit above the level (their number's part at the level is 00) are left out. Named
-- and ordered in Go (nameGroups in names.go).
SELECT region_code_at(g.region * $span, $level), g.* EXCLUDE (region)
FROM (
    SELECT region_no // $span AS region,
           count(DISTINCT unit_no) AS units, sum(actual) AS staff, coalesce(sum(required), 0) AS required,
           sum(shortage_people) AS shortage, sum(surplus_people) AS surplus,
           count(*) FILTER (WHERE status = 'severe_shortage'::rollup_status) AS n_severe,
           count(*) FILTER (WHERE status = 'shortage'::rollup_status) AS n_short,
           count(*) FILTER (WHERE status = 'balanced'::rollup_status) AS n_balanced,
           count(*) FILTER (WHERE status = 'surplus'::rollup_status) AS n_surplus,
           count(*) FILTER (WHERE status = 'no_data'::rollup_status) AS n_no_data
    FROM f
    WHERE $level = 1 OR (region_no // $span) % 100 <> 0
    GROUP BY 1
) g;
