SELECT al.kind, al.value
FROM units u
JOIN allowances al ON al.unit_type = u.unit_type
WHERE u.code = ? AND al.cadre_code = ?
ORDER BY al.kind, al.name_id;
