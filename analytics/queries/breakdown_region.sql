-- Totals per region at $level (1 province, 2 regency/city, 3 district) under the filter.
SELECT r.code, r.name,
       count(DISTINCT f.unit_code), sum(f.actual), coalesce(sum(f.required), 0),
       sum(f.shortage_people), sum(f.surplus_people),
       count(*) FILTER (WHERE status = 'severe_shortage'), count(*) FILTER (WHERE status = 'shortage'),
       count(*) FILTER (WHERE status = 'balanced'), count(*) FILTER (WHERE status = 'surplus'),
       count(*) FILTER (WHERE status = 'no_data')
FROM f JOIN regions r ON r.code = left(f.region_code, CASE $level WHEN 1 THEN 2 WHEN 2 THEN 5 ELSE 8 END)
WHERE length(f.region_code) >= CASE $level WHEN 1 THEN 2 WHEN 2 THEN 5 ELSE 8 END
GROUP BY r.code, r.name
ORDER BY sum(f.shortage_people) DESC, r.name;
