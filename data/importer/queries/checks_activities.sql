SELECT _file, _row, 'unit_type', 'unknown_unit_type', ''
FROM batch_activities b
WHERE unit_type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unit_types t WHERE t.code = b.unit_type)
UNION ALL
SELECT _file, _row, 'cadre_code', 'unknown_cadre', ''
FROM batch_activities b
WHERE cadre_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cadres c WHERE c.code = b.cadre_code)
UNION ALL
SELECT _file, _row, 'indicator', 'unknown_indicator', ''
FROM batch_activities b
WHERE indicator IS NOT NULL AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.code = b.indicator)
