-- The people a plan may move: active staff (not on leave, study leave or suspended) of the
-- planned cadres in a position with more staff than it needs, and anyone the planner named in a
-- choice ($nips) wherever they work in the plan's scope. Staff elsewhere cannot leave (their
-- position would fall below need), so they are not loaded.
SELECT s.nip, s.name, s.cadre_code, s.unit_code, coalesce(s.education_field, ''),
       s.home_lat, s.home_lon, s.birth_date, s.post_start, c.retirement_age,
       coalesce(p.units, []::VARCHAR[]), coalesce(p.ranks, []::INTEGER[])
FROM staff s
JOIN rollup_units r ON r.code = s.unit_code
JOIN fs f ON f.unit_no = r.unit_no AND f.cadre_code = s.cadre_code
JOIN cadres c ON c.code = s.cadre_code
LEFT JOIN (
    SELECT nip, list(unit_code ORDER BY rank) AS units, list(rank ORDER BY rank) AS ranks
    FROM staff_preferences
    GROUP BY nip
) p ON p.nip = s.nip
WHERE s.status = 'aktif'
  AND list_contains(string_split($cadres, ','), f.cadre_code)
  AND (f.actual > coalesce(f.required_rounded, f.actual) OR list_contains(string_split($nips, ','), s.nip))
ORDER BY s.cadre_code, s.unit_code, s.nip;
