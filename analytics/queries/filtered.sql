-- The unit_stats rows a dashboard filter selects; every read query below builds on it.
-- A region filter matches the region and everything under it. The user's scope (analytics.Scope)
-- lets through the units of its agencies and of its regions and everything under them; a region
-- code's ancestors are its prefixes of 2, 5 and 8 characters.
-- The region is also given as the range [$region, $region_end) of codes (see Filter.args): a
-- plain range lets DuckDB skip the row groups of other regions by their zone maps, as the rows
-- of a period are stored in region order, which the OR below alone does not.
-- A query that reads fs twice (a unit list and its count) has DuckDB copy the filtered rows
-- once, which is cheaper for a place's few thousand rows than reading them twice, and far
-- dearer for the 500,000 of a whole country: there listed queries read them as often as
-- needed (wholeCountry in filter.go).
WITH f AS (
    SELECT s.*
    FROM unit_stats s
    WHERE s.period = $period
      AND s.region_code >= $region AND s.region_code < $region_end
      AND ($region = '' OR s.region_code = $region OR starts_with(s.region_code, $region || '.'))
      AND ($agency = '' OR s.agency_code = $agency)
      AND ($unit_type = '' OR s.unit_type = $unit_type)
      AND ($cadre = '' OR s.cadre_code = $cadre)
      AND ($unit = '' OR s.unit_code = $unit)
      AND ($scope_all
           OR list_contains(string_split($scope_agencies, ','), s.agency_code)
           OR list_has_any(string_split($scope_regions, ','),
                           [s.region_code, left(s.region_code, 2), left(s.region_code, 5), left(s.region_code, 8)]))
),
fs AS (
    SELECT * FROM f WHERE $status = '' OR f.status = $status
)
