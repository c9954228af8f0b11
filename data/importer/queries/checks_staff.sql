-- The NIP begins with the birth date; a mismatch is a typo in one of them. (A parsed NIP is 18
-- digits, so its first 8 compare as a number, which is cheaper than formatting every date.)
SELECT _file, _row, 'birth_date', 'nip_birth_mismatch', left(nip, 8)
FROM batch_staff
WHERE nip IS NOT NULL AND birth_date IS NOT NULL
  AND CAST(left(nip, 8) AS INTEGER) <> year(birth_date) * 10000 + month(birth_date) * 100 + day(birth_date)
  AND tb_nip_problem(nip) IS NULL
UNION ALL
SELECT _file, _row, 'post_start', 'date_order', 'TMT jabatan sebelum tanggal lahir / post start before birth date'
FROM batch_staff
WHERE post_start IS NOT NULL AND birth_date IS NOT NULL AND post_start <= birth_date
UNION ALL
SELECT _file, _row, 'unit_code', 'unknown_unit', ''
FROM batch_staff b
WHERE unit_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM units u WHERE u.code = b.unit_code)
  AND NOT EXISTS (SELECT 1 FROM batch_units u WHERE u.code = b.unit_code)
UNION ALL
SELECT _file, _row, 'cadre_code', 'unknown_cadre', ''
FROM batch_staff b
WHERE cadre_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cadres c WHERE c.code = b.cadre_code)
