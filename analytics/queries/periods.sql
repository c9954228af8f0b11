SELECT DISTINCT period FROM unit_stats ORDER BY period;
