-- Totals per agency under the filter, most people short first.
SELECT f.agency_code, a.name,
       count(DISTINCT f.unit_code), sum(f.actual), coalesce(sum(f.required), 0),
       sum(f.shortage_people), sum(f.surplus_people),
       count(*) FILTER (WHERE status = 'severe_shortage'), count(*) FILTER (WHERE status = 'shortage'),
       count(*) FILTER (WHERE status = 'balanced'), count(*) FILTER (WHERE status = 'surplus'),
       count(*) FILTER (WHERE status = 'no_data')
FROM f JOIN agencies a ON a.code = f.agency_code
GROUP BY f.agency_code, a.name
ORDER BY sum(f.shortage_people) DESC, a.name;
