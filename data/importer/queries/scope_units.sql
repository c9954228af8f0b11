-- A unit a scoped batch adds or changes must lie in the scope where the file puts it and where
-- it is stored now: otherwise a planner could pull another region's school into their own.
SELECT b._file, b._row, 'region_code', 'outside_scope', s.label
FROM batch_units b CROSS JOIN import_scope s
WHERE b.region_code IS NOT NULL AND b.agency_code IS NOT NULL
  AND NOT tb_in_scope(s.regions, s.agencies, b.region_code, b.agency_code)
UNION ALL
SELECT b._file, b._row, 'code', 'outside_scope_stored', u.region_code
FROM batch_units b JOIN units u ON u.code = b.code CROSS JOIN import_scope s
WHERE NOT tb_in_scope(s.regions, s.agencies, u.region_code, u.agency_code)
