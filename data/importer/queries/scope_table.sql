-- The importer's scope for one batch (see scope.go): the regions and agencies a planner may
-- change, and the scope as the audit log writes it, for the problem text. One row.
CREATE OR REPLACE TEMP TABLE import_scope AS
SELECT list_filter(string_split($regions, ','), x -> x <> '')  AS regions,
       list_filter(string_split($agencies, ','), x -> x <> '') AS agencies,
       $label                                                   AS label;
