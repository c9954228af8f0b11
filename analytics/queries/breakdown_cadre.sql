-- Totals per cadre under the filter, in the cadres' display order. The rows are added up first
-- and named after: joining every filtered row with the names cost more than the sums.
SELECT c.code, CASE WHEN $lang = 'en' THEN c.name_en ELSE c.name_id END,
       g.units, g.staff, g.required, g.shortage, g.surplus, g.n_severe, g.n_short, g.n_balanced, g.n_surplus, g.n_no_data
FROM (
        SELECT cadre_code,
               count(DISTINCT unit_no) AS units, sum(actual) AS staff, coalesce(sum(required), 0) AS required,
               sum(shortage_people) AS shortage, sum(surplus_people) AS surplus,
               count(*) FILTER (WHERE status = 'severe_shortage'::rollup_status) AS n_severe, count(*) FILTER (WHERE status = 'shortage'::rollup_status) AS n_short,
               count(*) FILTER (WHERE status = 'balanced'::rollup_status) AS n_balanced, count(*) FILTER (WHERE status = 'surplus'::rollup_status) AS n_surplus,
               count(*) FILTER (WHERE status = 'no_data'::rollup_status) AS n_no_data
        FROM f
        GROUP BY cadre_code
) g JOIN cadres c ON c.code = g.cadre_code
ORDER BY c.sort;
