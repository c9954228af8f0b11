-- The norm that decides a unit's need in one cadre, with the agency's ABK effective hours.
SELECT n.method, coalesce(n.indicator, ''), coalesce(n.per_staff, 0), n.support_pct, n.source,
       coalesce(ag.effective_hours,
                (SELECT value FROM settings WHERE key = 'abk_effective_hours_default')),
       coalesce(i.name_id, ''), coalesce(i.name_en, ''), coalesce(i.unit_id, ''), coalesce(i.unit_en, '')
FROM units u
JOIN staffing_norms n ON n.unit_type = u.unit_type
LEFT JOIN indicators i ON i.code = n.indicator
LEFT JOIN agency_settings ag ON ag.agency_code = u.agency_code
WHERE u.code = ? AND n.cadre_code = ?;
