-- Totals per cadre under the filter, in the cadres' display order.
SELECT c.code, CASE WHEN $lang = 'en' THEN c.name_en ELSE c.name_id END,
       count(DISTINCT f.unit_code), sum(f.actual), coalesce(sum(f.required), 0),
       sum(f.shortage_people), sum(f.surplus_people),
       count(*) FILTER (WHERE status = 'severe_shortage'), count(*) FILTER (WHERE status = 'shortage'),
       count(*) FILTER (WHERE status = 'balanced'), count(*) FILTER (WHERE status = 'surplus'),
       count(*) FILTER (WHERE status = 'no_data')
FROM f JOIN cadres c ON c.code = f.cadre_code
GROUP BY c.code, c.name_id, c.name_en, c.sort
ORDER BY c.sort;
