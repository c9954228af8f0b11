SELECT a.code, a.name, a.region_code, coalesce(r.name, ''), a.sector
FROM agencies a LEFT JOIN regions r ON r.code = a.region_code
WHERE a.code = $code;
