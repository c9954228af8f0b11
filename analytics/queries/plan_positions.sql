-- The unit x cadre positions a plan covers: the filter's rows of the planned cadres, with what the
-- optimiser needs about each (need, location, accepted education fields).
SELECT u.code, u.name, f.cadre_code, f.actual, coalesce(f.required, 0), f.status = 'no_data'::rollup_status,
       u.lat, u.lon, coalesce(pf.fields, []::VARCHAR[]), coalesce(pf.required, false)
FROM fs f
JOIN rollup_units r ON r.unit_no = f.unit_no
JOIN units u ON u.code = r.code
LEFT JOIN post_fields pf ON pf.unit_type = f.unit_type AND pf.cadre_code = f.cadre_code
WHERE list_contains(string_split($cadres, ','), f.cadre_code)
ORDER BY f.cadre_code, u.code;
