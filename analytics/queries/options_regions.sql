-- Regions that hold units, at levels 1 to 3, for filter menus: the region of every unit and the
-- regions above it, whose codes are the first 2, 5 and 8 characters of its code.
SELECT r.code, r.name, r.level
FROM regions r
WHERE r.level <= 3
  AND r.code IN (
      SELECT DISTINCT left(u.region_code, l.n)
      FROM rollup_units u, (VALUES (2), (5), (8)) l(n)
      WHERE length(u.region_code) >= l.n
  )
ORDER BY r.code;
