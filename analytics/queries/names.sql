-- Every display name a read attaches to a code (names.go keeps them in memory): regions and
-- agencies have one name, unit types and cadres one per language.
SELECT 'region' AS kind, code, name AS name_id, name AS name_en FROM regions
UNION ALL
SELECT 'agency', code, name, name FROM agencies
UNION ALL
SELECT 'unit_type', code, name_id, name_en FROM unit_types
UNION ALL
SELECT 'cadre', code, name_id, name_en FROM cadres;
