-- A transfer a scoped batch records must be between two units of the scope: it changes the
-- back-dated staff counts of both.
SELECT b._file, b._row, 'from_unit', 'outside_scope', s.label
FROM batch_transfers b JOIN import_units_now u ON u.code = b.from_unit CROSS JOIN import_scope s
WHERE NOT tb_in_scope(s.regions, s.agencies, u.region_code, u.agency_code)
UNION ALL
SELECT b._file, b._row, 'to_unit', 'outside_scope', s.label
FROM batch_transfers b JOIN import_units_now u ON u.code = b.to_unit CROSS JOIN import_scope s
WHERE NOT tb_in_scope(s.regions, s.agencies, u.region_code, u.agency_code)
