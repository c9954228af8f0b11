-- scope_stats no longer holds districts (level 3): pages add up a district's figures from its
-- unit rows when asked for. Its precomputed rows were six in seven of the table (3.2 of 3.7
-- million nationally) and took most of the time of refreshing it (analytics/queries/
-- refresh_scope_stats.sql, docs/BENCHMARKS.md issue 8). A full refresh writes none; this drops
-- the ones stored, which a refresh by period would otherwise leave in the periods it keeps.
DELETE FROM scope_stats WHERE scope_kind = 'region' AND length(scope_code) > 5;
