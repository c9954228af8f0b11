-- The macro and view the scope checks (scope_<kind>.sql) read; see scope_table.sql.

-- Whether a unit in region (a village or any code below the scope's) of agency lies in the
-- scope: its agency is one of the scope's, or its region is one of the scope's regions or under
-- one. A region code's ancestors are its prefixes of 2, 5 and 8 characters, as analytics reads.
CREATE OR REPLACE TEMP MACRO tb_in_scope(regions, agencies, region, agency) AS
    list_contains(agencies, agency)
    OR list_has_any(regions, [region, left(region, 2), left(region, 5), left(region, 8)]);

-- Every unit as this batch leaves it: the batch's version where it has one, else the stored one.
-- (Created after the batch views it reads.) Units neither place knows are reported elsewhere.
CREATE OR REPLACE TEMP VIEW import_units_now AS
SELECT code, region_code, agency_code FROM batch_units
UNION ALL
SELECT code, region_code, agency_code FROM units u
WHERE NOT EXISTS (SELECT 1 FROM batch_units b WHERE b.code = u.code);
