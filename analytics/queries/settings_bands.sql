SELECT
    max(value) FILTER (WHERE key = 'band_severe_below'),
    max(value) FILTER (WHERE key = 'band_shortage_below'),
    max(value) FILTER (WHERE key = 'band_surplus_above')
FROM settings;
