-- An agency a scoped batch adds or changes must be one of the scope's agencies or be seated in
-- one of its regions, both as the file has it and as it is stored now.
SELECT b._file, b._row, 'region_code', 'outside_scope', s.label
FROM batch_agencies b CROSS JOIN import_scope s
WHERE b.code IS NOT NULL AND b.region_code IS NOT NULL
  AND NOT tb_in_scope(s.regions, s.agencies, b.region_code, b.code)
UNION ALL
SELECT b._file, b._row, 'code', 'outside_scope_stored', a.region_code
FROM batch_agencies b JOIN agencies a ON a.code = b.code CROSS JOIN import_scope s
WHERE NOT tb_in_scope(s.regions, s.agencies, a.region_code, a.code)
