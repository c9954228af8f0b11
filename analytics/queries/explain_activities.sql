-- Activities (WISN) or tasks (ABK) of a unit's norm with the period's reported volume;
-- volume is NULL where the unit reported nothing.
SELECT a.activity, a.name_id, a.name_en, a.indicator, a.minutes, i.kind, w.value
FROM units u
JOIN activity_standards a ON a.unit_type = u.unit_type
JOIN indicators i ON i.code = a.indicator
LEFT JOIN workload w ON w.unit_code = u.code AND w.indicator = a.indicator AND w.period = ?
WHERE u.code = ? AND a.cadre_code = ?
ORDER BY a.activity;
