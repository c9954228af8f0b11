-- References the schema does not enforce with foreign keys (see 0001_schema.sql): each row
-- names one dangling reference.
SELECT 'agencies', code, 'region_code', region_code FROM agencies
WHERE region_code NOT IN (SELECT code FROM regions)
UNION ALL
SELECT 'units', code, 'agency_code', agency_code FROM units
WHERE agency_code NOT IN (SELECT code FROM agencies)
UNION ALL
SELECT 'units', code, 'region_code', region_code FROM units
WHERE region_code NOT IN (SELECT code FROM regions)
UNION ALL
SELECT 'units', code, 'unit_type', unit_type FROM units
WHERE unit_type NOT IN (SELECT code FROM unit_types)
UNION ALL
SELECT 'staff', nip, 'unit_code', unit_code FROM staff
WHERE unit_code NOT IN (SELECT code FROM units)
UNION ALL
SELECT 'staff', nip, 'cadre_code', cadre_code FROM staff
WHERE cadre_code NOT IN (SELECT code FROM cadres)
UNION ALL
SELECT 'workload', unit_code || ' ' || strftime(period, '%Y-%m') || ' ' || indicator, 'unit_code', unit_code FROM workload
WHERE unit_code NOT IN (SELECT code FROM units)
UNION ALL
SELECT 'workload', unit_code || ' ' || strftime(period, '%Y-%m') || ' ' || indicator, 'indicator', indicator FROM workload
WHERE indicator NOT IN (SELECT code FROM indicators)
UNION ALL
SELECT 'staffing_norms', unit_type || '/' || cadre_code, 'indicator', indicator FROM staffing_norms
WHERE indicator IS NOT NULL AND indicator NOT IN (SELECT code FROM indicators)
UNION ALL
SELECT 'activity_standards', unit_type || '/' || cadre_code || '/' || activity, 'indicator', indicator FROM activity_standards
WHERE indicator NOT IN (SELECT code FROM indicators)
ORDER BY 1, 2, 3
LIMIT 100;
