-- What the schema does not enforce itself: references (no foreign keys, see 0001_schema.sql) and
-- the keys of the tables without a primary-key index (see 0005_bulk_keys.sql). Each row names
-- one dangling reference or one repeated key.
SELECT 'agencies', code, 'region_code', region_code, false FROM agencies
WHERE region_code NOT IN (SELECT code FROM regions)
UNION ALL
SELECT 'units', code, 'agency_code', agency_code, false FROM units
WHERE agency_code NOT IN (SELECT code FROM agencies)
UNION ALL
SELECT 'units', code, 'region_code', region_code, false FROM units
WHERE region_code NOT IN (SELECT code FROM regions)
UNION ALL
SELECT 'units', code, 'unit_type', unit_type, false FROM units
WHERE unit_type NOT IN (SELECT code FROM unit_types)
UNION ALL
SELECT 'staff', nip, 'unit_code', unit_code, false FROM staff
WHERE unit_code NOT IN (SELECT code FROM units)
UNION ALL
SELECT 'staff', nip, 'cadre_code', cadre_code, false FROM staff
WHERE cadre_code NOT IN (SELECT code FROM cadres)
UNION ALL
SELECT 'workload', unit_code || ' ' || strftime(period, '%Y-%m') || ' ' || indicator, 'unit_code', unit_code, false FROM workload
WHERE unit_code NOT IN (SELECT code FROM units)
UNION ALL
SELECT 'workload', unit_code || ' ' || strftime(period, '%Y-%m') || ' ' || indicator, 'indicator', indicator, false FROM workload
WHERE indicator NOT IN (SELECT code FROM indicators)
UNION ALL
SELECT 'staffing_norms', unit_type || '/' || cadre_code, 'indicator', indicator, false FROM staffing_norms
WHERE indicator IS NOT NULL AND indicator NOT IN (SELECT code FROM indicators)
UNION ALL
SELECT 'activity_standards', unit_type || '/' || cadre_code || '/' || activity, 'indicator', indicator, false FROM activity_standards
WHERE indicator NOT IN (SELECT code FROM indicators)
UNION ALL
SELECT 'staff', nip, 'nip', nip, true FROM staff GROUP BY nip HAVING count(*) > 1
UNION ALL
SELECT 'workload', unit_code || ' ' || strftime(period, '%Y-%m') || ' ' || indicator, '', '', true FROM workload
GROUP BY unit_code, period, indicator HAVING count(*) > 1
UNION ALL
SELECT 'transfers', nip || ' ' || strftime(moved_on, '%Y-%m-%d'), '', '', true FROM transfers
GROUP BY nip, moved_on HAVING count(*) > 1
ORDER BY 1, 2, 3
LIMIT 100;
