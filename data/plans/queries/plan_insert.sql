INSERT INTO plans (name, status, region_code, agency_code, cadres, period, settings, created_by, created_at,
                   updated_by, updated_at)
VALUES ($name, 'draft', $region, $agency, string_split($cadres, ','), $period, $settings, $by, $at, $by, $at)
RETURNING id;
