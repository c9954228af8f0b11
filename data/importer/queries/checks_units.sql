SELECT _file, _row, 'agency_code', 'unknown_agency', ''
FROM batch_units b
WHERE agency_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM agencies a WHERE a.code = b.agency_code)
  AND NOT EXISTS (SELECT 1 FROM batch_agencies a WHERE a.code = b.agency_code)
UNION ALL
SELECT _file, _row, 'region_code', 'unknown_region', ''
FROM batch_units b
WHERE region_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = b.region_code)
  AND NOT EXISTS (SELECT 1 FROM batch_regions r WHERE r.code = b.region_code)
UNION ALL
SELECT _file, _row, 'unit_type', 'unknown_unit_type', ''
FROM batch_units b
WHERE unit_type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unit_types t WHERE t.code = b.unit_type)
