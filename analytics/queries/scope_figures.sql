-- A region's figures from scope_stats in one read (ScopeFigures in scope_figures.go): its own
-- rows of every period (its trend, and its headline of $period) and its child regions' rows of
-- $period at one level ($code_length characters: the breakdown by region). Both lie in the
-- region's range of codes, which zone maps serve (see queries/filtered.sql); read apart they
-- were two scans of the same row groups. Ordered and named in Go.
SELECT s.scope_code, s.period, s.units, s.positions, s.staff, s.staff_measured, s.required, s.required_rounded,
       s.shortage_people, s.surplus_people,
       s.n_severe_shortage, s.n_shortage, s.n_balanced, s.n_surplus, s.n_no_data, s.gini
FROM scope_stats s
WHERE s.scope_kind = 'region' AND s.cadre_code = $cadre AND s.unit_type = $unit_type
  AND s.scope_code >= $region AND s.scope_code < $region_end
  AND (s.scope_code = $region
       OR (s.period = $period AND length(s.scope_code) = $code_length AND starts_with(s.scope_code, $region || '.')));
