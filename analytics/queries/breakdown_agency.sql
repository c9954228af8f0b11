-- Totals per agency under the filter; named and ordered in Go (nameGroups in names.go). The
-- agency goes out as text: for an ENUM column the Go driver reads the type's whole list of values
-- (some 1,500 agencies nationally) with every result.
SELECT agency_code::VARCHAR,
       count(DISTINCT unit_no), sum(actual), coalesce(sum(required), 0),
       sum(shortage_people), sum(surplus_people),
       count(*) FILTER (WHERE status = 'severe_shortage'::rollup_status), count(*) FILTER (WHERE status = 'shortage'::rollup_status),
       count(*) FILTER (WHERE status = 'balanced'::rollup_status), count(*) FILTER (WHERE status = 'surplus'::rollup_status),
       count(*) FILTER (WHERE status = 'no_data'::rollup_status)
FROM f
GROUP BY agency_code;
