-- Totals per agency under the filter, most people short first. Added up first, named after.
SELECT g.agency_code, a.name,
       g.units, g.staff, g.required, g.shortage, g.surplus, g.n_severe, g.n_short, g.n_balanced, g.n_surplus, g.n_no_data
FROM (
        SELECT agency_code,
               count(DISTINCT unit_code) AS units, sum(actual) AS staff, coalesce(sum(required), 0) AS required,
               sum(shortage_people) AS shortage, sum(surplus_people) AS surplus,
               count(*) FILTER (WHERE status = 'severe_shortage') AS n_severe, count(*) FILTER (WHERE status = 'shortage') AS n_short,
               count(*) FILTER (WHERE status = 'balanced') AS n_balanced, count(*) FILTER (WHERE status = 'surplus') AS n_surplus,
               count(*) FILTER (WHERE status = 'no_data') AS n_no_data
        FROM f
        GROUP BY agency_code
) g JOIN agencies a ON a.code = g.agency_code
ORDER BY g.shortage DESC, a.name;
