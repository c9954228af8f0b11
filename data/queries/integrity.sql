-- What the schema does not enforce itself: references (no foreign keys, see 0001_schema.sql) and
-- the keys of the tables without a primary-key index (see 0005_bulk_keys.sql). Each row names
-- one dangling reference, one repeated key or one malformed NIP.
SELECT 'agencies', code, 'region_code', region_code, 'missing' FROM agencies
WHERE region_code NOT IN (SELECT code FROM regions)
UNION ALL
SELECT 'units', code, 'agency_code', agency_code, 'missing' FROM units
WHERE agency_code NOT IN (SELECT code FROM agencies)
UNION ALL
SELECT 'units', code, 'region_code', region_code, 'missing' FROM units
WHERE region_code NOT IN (SELECT code FROM regions)
UNION ALL
SELECT 'units', code, 'unit_type', unit_type, 'missing' FROM units
WHERE unit_type NOT IN (SELECT code FROM unit_types)
UNION ALL
SELECT 'staff', nip, 'unit_code', unit_code, 'missing' FROM staff
WHERE unit_code NOT IN (SELECT code FROM units)
UNION ALL
SELECT 'staff', nip, 'cadre_code', cadre_code, 'missing' FROM staff
WHERE cadre_code NOT IN (SELECT code FROM cadres)
UNION ALL
SELECT 'workload', unit_code || ' ' || strftime(period, '%Y-%m') || ' ' || indicator, 'unit_code', unit_code, 'missing' FROM workload
WHERE unit_code NOT IN (SELECT code FROM units)
UNION ALL
SELECT 'workload', unit_code || ' ' || strftime(period, '%Y-%m') || ' ' || indicator, 'indicator', indicator, 'missing' FROM workload
WHERE indicator NOT IN (SELECT code FROM indicators)
UNION ALL
SELECT 'staffing_norms', unit_type || '/' || cadre_code, 'indicator', indicator, 'missing' FROM staffing_norms
WHERE indicator IS NOT NULL AND indicator NOT IN (SELECT code FROM indicators)
UNION ALL
SELECT 'activity_standards', unit_type || '/' || cadre_code || '/' || activity, 'indicator', indicator, 'missing' FROM activity_standards
WHERE indicator NOT IN (SELECT code FROM indicators)
UNION ALL
SELECT 'staff', nip, 'nip', nip, 'duplicate' FROM staff GROUP BY nip HAVING count(*) > 1
UNION ALL
SELECT 'workload', unit_code || ' ' || strftime(period, '%Y-%m') || ' ' || indicator, '', '', 'duplicate' FROM workload
GROUP BY unit_code, period, indicator HAVING count(*) > 1
UNION ALL
SELECT 'transfers', nip || ' ' || strftime(moved_on, '%Y-%m-%d'), '', '', 'duplicate' FROM transfers
GROUP BY nip, moved_on HAVING count(*) > 1
UNION ALL
-- NIPs: the tables check only the length (migration 10); importers check the digits.
SELECT 'staff', nip, 'nip', nip, 'malformed' FROM staff WHERE NOT regexp_full_match(nip, '[0-9]{18}')
UNION ALL
SELECT 'transfers', nip || ' ' || strftime(moved_on, '%Y-%m-%d'), 'nip', nip, 'malformed' FROM transfers
WHERE NOT regexp_full_match(nip, '[0-9]{18}')
ORDER BY 1, 2, 3
LIMIT 100;
