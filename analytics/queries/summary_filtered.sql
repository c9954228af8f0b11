-- Headline figures for a filter no single scope covers (an agency inside a region).
SELECT count(DISTINCT unit_no), count(*), coalesce(sum(actual), 0),
       coalesce(sum(actual) FILTER (WHERE status <> 'no_data'::rollup_status), 0),
       coalesce(sum(required), 0), coalesce(sum(required_rounded), 0),
       coalesce(sum(shortage_people), 0), coalesce(sum(surplus_people), 0),
       count(*) FILTER (WHERE status = 'severe_shortage'::rollup_status), count(*) FILTER (WHERE status = 'shortage'::rollup_status),
       count(*) FILTER (WHERE status = 'balanced'::rollup_status), count(*) FILTER (WHERE status = 'surplus'::rollup_status),
       count(*) FILTER (WHERE status = 'no_data'::rollup_status),
       NULL::DOUBLE
FROM f;
