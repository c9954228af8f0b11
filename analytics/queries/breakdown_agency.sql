-- Totals per agency under the filter; named and ordered in Go (nameGroups in names.go).
SELECT agency_code,
       count(DISTINCT unit_code), sum(actual), coalesce(sum(required), 0),
       sum(shortage_people), sum(surplus_people),
       count(*) FILTER (WHERE status = 'severe_shortage'), count(*) FILTER (WHERE status = 'shortage'),
       count(*) FILTER (WHERE status = 'balanced'), count(*) FILTER (WHERE status = 'surplus'),
       count(*) FILTER (WHERE status = 'no_data')
FROM f
GROUP BY agency_code;
