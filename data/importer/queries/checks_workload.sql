SELECT _file, _row, 'unit_code', 'unknown_unit', ''
FROM batch_workload b
WHERE unit_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM units u WHERE u.code = b.unit_code)
  AND NOT EXISTS (SELECT 1 FROM batch_units u WHERE u.code = b.unit_code)
UNION ALL
SELECT _file, _row, 'indicator', 'unknown_indicator', ''
FROM batch_workload b
WHERE indicator IS NOT NULL AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.code = b.indicator)
