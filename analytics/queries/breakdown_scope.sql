-- Totals per agency ($kind 'agency') or per region of one level ($kind 'region', codes of
-- $code_length characters under $parent, '' for all) from the precomputed scope_stats, for a
-- filter that covers whole places: a national overview then reads 1,500 rows instead of adding
-- up 500,000. Named and ordered in Go (nameGroups in names.go), as the breakdowns from unit rows.
SELECT s.scope_code, s.units, s.staff, s.required, s.shortage_people, s.surplus_people,
       s.n_severe_shortage, s.n_shortage, s.n_balanced, s.n_surplus, s.n_no_data
FROM scope_stats s
WHERE s.period = $period AND s.scope_kind = $kind AND s.cadre_code = $cadre AND s.unit_type = $unit_type
  -- the parent's codes as a range too, which zone maps serve (see queries/filtered.sql)
  AND s.scope_code >= $parent AND s.scope_code < $parent_end
  AND ($kind = 'agency'
       OR (length(s.scope_code) = $code_length AND ($parent = '' OR starts_with(s.scope_code, $parent || '.'))));
