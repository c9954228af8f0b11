-- The scope condition of queries/filtered.sql, for a reader limited to a scope (analytics.Scope):
-- the units of its agencies, and of its regions and everything under them, which are the units
-- whose region number, cut to the level of one of them, is that region's (region_numbers.go).
-- A reader that sees everything reads without it: DuckDB worked these out for every row even
-- when a first condition, true for all, settled it (about 0.5 ms of CPU per agency page read).
      AND (list_contains(TRY_CAST(string_split($scope_agencies, ',') AS rollup_agency[]), s.agency_code)
           OR list_contains($scope_provinces, s.region_no // 100000000)
           OR list_contains($scope_regencies, s.region_no // 1000000)
           OR list_contains($scope_districts, s.region_no // 10000)
           OR list_contains($scope_villages, s.region_no))
