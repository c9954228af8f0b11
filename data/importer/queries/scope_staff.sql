-- A person a scoped batch adds or changes must work in a unit of the scope, the unit as this
-- batch leaves it (its file, else the database; unknown units are reported by checks_staff),
-- and a person already stored must be stored in the scope: moving someone in from another
-- region is a transfer between two scopes, which only an administrator can record.
SELECT b._file, b._row, 'unit_code', 'outside_scope', s.label
FROM batch_staff b JOIN import_units_now u ON u.code = b.unit_code CROSS JOIN import_scope s
WHERE NOT tb_in_scope(s.regions, s.agencies, u.region_code, u.agency_code)
UNION ALL
SELECT b._file, b._row, 'nip', 'outside_scope_stored', st.unit_code
FROM batch_staff b
JOIN staff st ON st.nip = b.nip
JOIN units u ON u.code = st.unit_code
CROSS JOIN import_scope s
WHERE NOT tb_in_scope(s.regions, s.agencies, u.region_code, u.agency_code)
