SELECT u.code, u.name, u.unit_type, CASE WHEN $lang = 'en' THEN t.name_en ELSE t.name_id END,
       u.agency_code, a.name, u.region_code, u.lat, u.lon
FROM units u
JOIN unit_types t ON t.code = u.unit_type
JOIN agencies a ON a.code = u.agency_code
WHERE u.code = $code;
