-- The staffing norms in force, with names in the requested language, for a report's cover.
SELECT n.unit_type,
       CASE WHEN $lang = 'en' THEN t.name_en ELSE t.name_id END,
       n.cadre_code,
       CASE WHEN $lang = 'en' THEN c.name_en ELSE c.name_id END,
       n.method,
       coalesce(n.indicator, ''),
       n.per_staff,
       n.source
FROM staffing_norms n
JOIN unit_types t ON t.code = n.unit_type
JOIN cadres c ON c.code = n.cadre_code
ORDER BY n.unit_type, n.cadre_code;
