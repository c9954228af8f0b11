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
-- Agency, unit type, cadre and status are ENUMs (analytics/queries/refresh_tables.sql): each is
-- compared with its parameter cast to the ENUM, a comparison of small integers. Compared with the
-- text, DuckDB would turn every row's value into text first, which doubled the CPU time of an
-- agency page at national scale. A value that is no code at all casts to NULL and matches no row,
-- as before.
-- The rows are unit_figures (unit_stats with its derived figures, refresh_tables.sql): a unit is
-- its number there, and queries that list units join the code and name to the rows they list.
-- A unit filter is the unit's number ($unit_no, 0 for none), which Go looks up (restrict in
-- filter.go).
WITH f AS (
    SELECT s.*
    FROM unit_figures s
    WHERE s.period = $period
      AND s.region_code >= $region AND s.region_code < $region_end
      AND ($region = '' OR s.region_code = $region OR starts_with(s.region_code, $region || '.'))
      AND ($agency = '' OR s.agency_code = TRY_CAST($agency AS rollup_agency))
      AND ($unit_type = '' OR s.unit_type = TRY_CAST($unit_type AS rollup_unit_type))
      AND ($cadre = '' OR s.cadre_code = TRY_CAST($cadre AS rollup_cadre))
      AND ($unit_no = 0 OR s.unit_no = $unit_no)
      AND ($scope_all
           OR list_contains(TRY_CAST(string_split($scope_agencies, ',') AS rollup_agency[]), s.agency_code)
           OR list_has_any(string_split($scope_regions, ','),
                           [s.region_code, left(s.region_code, 2), left(s.region_code, 5), left(s.region_code, 8)]))
),
fs AS (
    SELECT * FROM f WHERE $status = '' OR f.status = TRY_CAST($status AS rollup_status)
)
