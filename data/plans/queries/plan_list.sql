-- Every plan, newest change first; the caller keeps those its user's scope covers.
SELECT id, name, status, region_code, agency_code, array_to_string(cadres, ','), period, updated_by, updated_at
FROM plans
ORDER BY updated_at DESC, id DESC;
