-- The overview's two top lists in one read: the $limit rows most short (severe shortage and
-- shortage, lowest ratio first) and the $limit most in surplus (highest ratio first), in the
-- orders of units_page.sql's 'ratio' and '-ratio'. Three unit lists, each cutting its page and
-- counting all rows, were a third of a cold overview; here two cuts and no count. The flagged
-- rows of a place are copied once for both cuts; those of the whole country are read twice
-- instead (wholeCountry in filter.go).
-- Continues the WITH list of queries/filtered.sql; the names are joined as in units_page.sql.
, flagged AS MATERIALIZED (
    SELECT * FROM fs WHERE status IN ('severe_shortage', 'shortage', 'surplus')
),
page AS (
    (SELECT 'short' AS side, f.*
     FROM flagged f
     WHERE f.status <> 'surplus'
     ORDER BY coalesce(f.ratio, CASE WHEN f.status = 'severe_shortage' THEN -1 END) ASC NULLS LAST, f.unit_name, f.cadre_code
     LIMIT $limit)
    UNION ALL
    (SELECT 'surplus' AS side, f.*
     FROM flagged f
     WHERE f.status = 'surplus'
     ORDER BY coalesce(f.ratio, 1e9) DESC, f.unit_name, f.cadre_code
     LIMIT $limit)
),
names AS (
    SELECT code, name FROM regions
    WHERE code IN (SELECT region_code FROM page UNION ALL SELECT left(region_code, 8) FROM page)
)
SELECT f.unit_code, f.unit_name, f.unit_type,
       CASE WHEN $lang = 'en' THEN t.name_en ELSE t.name_id END,
       f.agency_code, a.name, f.region_code, coalesce(d.name, ''), coalesce(v.name, ''),
       f.cadre_code, CASE WHEN $lang = 'en' THEN c.name_en ELSE c.name_id END,
       coalesce(f.method, ''), f.workload, f.actual, f.required, f.required_rounded, f.ratio,
       f.difference, f.workload_per_staff, f.ej, coalesce(f.grade, ''), f.status,
       f.shortage_people, f.surplus_people, f.side
FROM page f
JOIN unit_types t ON t.code = f.unit_type
JOIN agencies a ON a.code = f.agency_code
JOIN cadres c ON c.code = f.cadre_code
LEFT JOIN names v ON v.code = f.region_code
LEFT JOIN names d ON d.code = CASE WHEN length(f.region_code) >= 8 THEN left(f.region_code, 8) END
ORDER BY f.side,
    CASE WHEN f.side = 'short' THEN coalesce(f.ratio, CASE WHEN f.status = 'severe_shortage' THEN -1 END) END ASC NULLS LAST,
    CASE WHEN f.side = 'surplus' THEN coalesce(f.ratio, 1e9) END DESC,
    f.unit_name, f.cadre_code;
