-- Workload a scoped batch reports must be of units in the scope (as the batch leaves them).
SELECT b._file, b._row, 'unit_code', 'outside_scope', s.label
FROM batch_workload b JOIN import_units_now u ON u.code = b.unit_code CROSS JOIN import_scope s
WHERE NOT tb_in_scope(s.regions, s.agencies, u.region_code, u.agency_code)
