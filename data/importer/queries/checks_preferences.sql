SELECT _file, _row, 'nip', 'unknown_staff', ''
FROM batch_preferences b
WHERE nip IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.nip = b.nip)
  AND NOT EXISTS (SELECT 1 FROM batch_staff s WHERE s.nip = b.nip)
UNION ALL
SELECT _file, _row, 'unit_code', 'unknown_unit', ''
FROM batch_preferences b
WHERE unit_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM units u WHERE u.code = b.unit_code)
  AND NOT EXISTS (SELECT 1 FROM batch_units u WHERE u.code = b.unit_code)
