-- The unit_stats rows a dashboard filter selects; every read query below builds on it.
-- A region filter matches the region and everything under it.
WITH f AS (
    SELECT s.*
    FROM unit_stats s
    WHERE s.period = $period
      AND ($region = '' OR s.region_code = $region OR starts_with(s.region_code, $region || '.'))
      AND ($agency = '' OR s.agency_code = $agency)
      AND ($unit_type = '' OR s.unit_type = $unit_type)
      AND ($cadre = '' OR s.cadre_code = $cadre)
      AND ($unit = '' OR s.unit_code = $unit)
),
fs AS (
    SELECT * FROM f WHERE $status = '' OR f.status = $status
)
