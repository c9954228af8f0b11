-- Headline figures per period, oldest first, for a filter no single precomputed scope covers:
-- an agency inside a region, or a district or village (refresh_scope_stats.sql). f holds the
-- filter's period, or every period for a trend (Filter.allPeriods); a period without rows has
-- no row here. The Gini comes from load_pairs.sql.
SELECT period, count(DISTINCT unit_no), count(*), coalesce(sum(actual), 0),
       coalesce(sum(actual) FILTER (WHERE status <> 'no_data'::rollup_status), 0),
       coalesce(sum(required), 0), coalesce(sum(required_rounded), 0),
       coalesce(sum(shortage_people), 0), coalesce(sum(surplus_people), 0),
       count(*) FILTER (WHERE status = 'severe_shortage'::rollup_status), count(*) FILTER (WHERE status = 'shortage'::rollup_status),
       count(*) FILTER (WHERE status = 'balanced'::rollup_status), count(*) FILTER (WHERE status = 'surplus'::rollup_status),
       count(*) FILTER (WHERE status = 'no_data'::rollup_status)
FROM f
GROUP BY period
ORDER BY period;
