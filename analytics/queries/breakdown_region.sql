-- Totals per region at $level (1 province, 2 regency/city, 3 district) under the filter, by the
-- region code's prefix; named and ordered in Go (nameGroups in names.go).
SELECT left(region_code, CASE $level WHEN 1 THEN 2 WHEN 2 THEN 5 ELSE 8 END),
       count(DISTINCT unit_no), sum(actual), coalesce(sum(required), 0),
       sum(shortage_people), sum(surplus_people),
       count(*) FILTER (WHERE status = 'severe_shortage'::rollup_status), count(*) FILTER (WHERE status = 'shortage'::rollup_status),
       count(*) FILTER (WHERE status = 'balanced'::rollup_status), count(*) FILTER (WHERE status = 'surplus'::rollup_status),
       count(*) FILTER (WHERE status = 'no_data'::rollup_status)
FROM f
WHERE length(region_code) >= CASE $level WHEN 1 THEN 2 WHEN 2 THEN 5 ELSE 8 END
GROUP BY 1;
