-- Rollups are stale when there is data but no refresh has ever completed.
SELECT (SELECT refreshed_at IS NULL FROM data_version)
   AND EXISTS (SELECT 1 FROM units);
