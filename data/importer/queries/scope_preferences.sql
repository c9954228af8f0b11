-- The wishes a scoped batch records must be of people who work in the scope (as the batch
-- leaves them); the unit they wish for may lie anywhere.
SELECT b._file, b._row, 'nip', 'outside_scope', s.label
FROM batch_preferences b
JOIN (
    SELECT nip, unit_code FROM batch_staff
    UNION ALL
    SELECT nip, unit_code FROM staff st WHERE NOT EXISTS (SELECT 1 FROM batch_staff bs WHERE bs.nip = st.nip)
) p ON p.nip = b.nip
JOIN import_units_now u ON u.code = p.unit_code
CROSS JOIN import_scope s
WHERE NOT tb_in_scope(s.regions, s.agencies, u.region_code, u.agency_code)
