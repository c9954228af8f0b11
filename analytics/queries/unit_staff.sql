-- The people of one unit, by cadre and name.
SELECT s.nip, s.name, s.cadre_code, s.employment, coalesce(s.rank, ''), coalesce(s.education_level, ''),
       coalesce(s.education_field, ''), s.birth_date, s.post_start, coalesce(s.performance, ''), s.status
FROM staff s
JOIN cadres c ON c.code = s.cadre_code
WHERE s.unit_code = $code
ORDER BY c.sort, s.name;
