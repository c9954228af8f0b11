SELECT _file, _row, 'region_code', 'unknown_region', ''
FROM batch_agencies b
WHERE region_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = b.region_code)
  AND NOT EXISTS (SELECT 1 FROM batch_regions r WHERE r.code = b.region_code)
