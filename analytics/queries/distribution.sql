-- Units per ratio band of width 0.1 from 0 to 2 (2 and above in the last bin), per status.
SELECT least(floor(ratio * 10), 20)::INTEGER AS bin, status, count(*)
FROM fs
-- the rows with a ratio (unit_figures): a filter on a stored column, which DuckDB applies as it scans
WHERE required > 0
GROUP BY ALL
ORDER BY bin, status;
