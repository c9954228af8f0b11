SELECT id, name, status, region_code, agency_code, array_to_string(cadres, ','), period, settings::VARCHAR,
       coalesce(result::VARCHAR, ''), created_by, created_at, updated_by, updated_at,
       coalesce(approved_by, ''), approved_at
FROM plans
WHERE id = $id;
