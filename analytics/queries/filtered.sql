-- The unit_stats rows a dashboard filter selects; every read query below builds on it.
-- Its periods are [$period_from, $period_to]: the filter's period alone, or every period for a
-- trend added up from unit rows (Filter.allPeriods in filter.go); a range, as the rows of a
-- period are stored together, lets DuckDB skip the other periods' row groups by their zone maps.
-- A region filter matches the region and everything under it: the range [$region_lo,
-- $region_hi) of region numbers (region_numbers.go), which lets DuckDB skip the row groups of
-- other regions by their zone maps, as the rows of a period are stored in region order. For a
-- user limited to a scope, filter.go puts the conditions of filtered_scope.sql in place of
-- the scope comment below.
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
    WHERE s.period BETWEEN $period_from AND $period_to
      AND s.region_no >= $region_lo AND s.region_no < $region_hi
      AND ($agency = '' OR s.agency_code = TRY_CAST($agency AS rollup_agency))
      AND ($unit_type = '' OR s.unit_type = TRY_CAST($unit_type AS rollup_unit_type))
      AND ($cadre = '' OR s.cadre_code = TRY_CAST($cadre AS rollup_cadre))
      AND ($unit_no = 0 OR s.unit_no = $unit_no)
      /* scope */
),
fs AS (
    SELECT * FROM f WHERE $status = '' OR f.status = TRY_CAST($status AS rollup_status)
)
