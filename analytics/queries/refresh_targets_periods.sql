-- The periods a refresh by period rewrites ($periods: ISO dates, comma-separated; bound, not
-- spliced), for refresh_periods_ok.sql to judge and the refresh statements to write.
CREATE OR REPLACE TEMP TABLE refresh_targets AS
SELECT DISTINCT CAST(p AS DATE) AS period
FROM unnest(string_split($periods, ',')) AS t(p)
WHERE p <> '';
