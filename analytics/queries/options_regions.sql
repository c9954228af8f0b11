-- Regions that hold units, at levels 1 to 3, for filter menus.
SELECT r.code, r.name, r.level
FROM regions r
WHERE r.code IN (SELECT DISTINCT scope_code FROM scope_stats WHERE scope_kind = 'region')
ORDER BY r.code;
