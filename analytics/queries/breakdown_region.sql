-- Totals per region at $level (1 province, 2 regency/city, 3 district) under the filter. Added
-- up first by the region code's prefix, named after.
SELECT r.code, r.name,
       g.units, g.staff, g.required, g.shortage, g.surplus, g.n_severe, g.n_short, g.n_balanced, g.n_surplus, g.n_no_data
FROM (
        SELECT left(region_code, CASE $level WHEN 1 THEN 2 WHEN 2 THEN 5 ELSE 8 END) AS code,
               count(DISTINCT unit_code) AS units, sum(actual) AS staff, coalesce(sum(required), 0) AS required,
               sum(shortage_people) AS shortage, sum(surplus_people) AS surplus,
               count(*) FILTER (WHERE status = 'severe_shortage') AS n_severe, count(*) FILTER (WHERE status = 'shortage') AS n_short,
               count(*) FILTER (WHERE status = 'balanced') AS n_balanced, count(*) FILTER (WHERE status = 'surplus') AS n_surplus,
               count(*) FILTER (WHERE status = 'no_data') AS n_no_data
        FROM f
        WHERE length(region_code) >= CASE $level WHEN 1 THEN 2 WHEN 2 THEN 5 ELSE 8 END
        GROUP BY 1
) g JOIN regions r ON r.code = g.code
ORDER BY g.shortage DESC, r.name;
