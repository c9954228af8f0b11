-- Units per ratio band of width 0.1 from 0 to 2 (2 and above in the last bin), per status.
SELECT least(floor(ratio * 10), 20)::INTEGER AS bin, status, count(*)
FROM fs
WHERE ratio IS NOT NULL
GROUP BY ALL
ORDER BY bin, status;
