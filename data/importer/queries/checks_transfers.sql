SELECT _file, _row, 'from_unit', 'unknown_unit', ''
FROM batch_transfers b
WHERE from_unit IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM units u WHERE u.code = b.from_unit)
  AND NOT EXISTS (SELECT 1 FROM batch_units u WHERE u.code = b.from_unit)
UNION ALL
SELECT _file, _row, 'to_unit', 'unknown_unit', ''
FROM batch_transfers b
WHERE to_unit IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM units u WHERE u.code = b.to_unit)
  AND NOT EXISTS (SELECT 1 FROM batch_units u WHERE u.code = b.to_unit)
