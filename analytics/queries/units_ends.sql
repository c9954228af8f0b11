-- Both ends of the unit list in one read, for the units chart of region and agency pages: the
-- $low first rows in units_page.sql's 'ratio' order with the count of all rows, and the $high
-- first in its '-ratio' order (two unit lists, each with its own names and count, before).
-- Continues the WITH list of queries/filtered.sql; the names are joined and the rows sorted by
-- name (name_no) as in units_page.sql.
, page AS (
    (SELECT 'low' AS side, f.*, (SELECT count(*) FROM fs) AS total
     FROM fs f
     ORDER BY coalesce(f.ratio, CASE WHEN f.status = 'severe_shortage'::rollup_status THEN -1 END) ASC NULLS LAST, f.name_no, f.cadre_code
     LIMIT $low)
    UNION ALL
    (SELECT 'high' AS side, f.*, 0 AS total
     FROM fs f
     ORDER BY coalesce(f.ratio, CASE WHEN f.status = 'surplus'::rollup_status THEN 1e9 END) DESC NULLS LAST, f.name_no, f.cadre_code
     LIMIT $high)
),
-- the page's rows with their units' codes, names and region codes (rollup_units)
listed AS (
    SELECT p.*, u.code, u.name, u.region_code
    FROM page p
    JOIN rollup_units u ON u.unit_no = p.unit_no
),
names AS (
    SELECT code, name FROM regions
    WHERE code IN (SELECT region_code FROM listed UNION ALL SELECT left(region_code, 8) FROM listed)
)
SELECT f.code, f.name, f.unit_type,
       CASE WHEN $lang = 'en' THEN t.name_en ELSE t.name_id END,
       -- as text: the Go driver would read the agency ENUM's whole list with every result
       f.agency_code::VARCHAR, a.name, f.region_code, coalesce(d.name, ''), coalesce(v.name, ''),
       f.cadre_code, CASE WHEN $lang = 'en' THEN c.name_en ELSE c.name_id END,
       coalesce(f.method, ''), f.workload, f.actual, f.required, f.required_rounded, f.ratio,
       f.difference, f.workload_per_staff, f.ej, coalesce(f.grade, ''), f.status,
       f.shortage_people, f.surplus_people, f.side, f.total
FROM listed f
JOIN unit_types t ON t.code = f.unit_type
JOIN agencies a ON a.code = f.agency_code
JOIN cadres c ON c.code = f.cadre_code
LEFT JOIN names v ON v.code = f.region_code
LEFT JOIN names d ON d.code = CASE WHEN length(f.region_code) >= 8 THEN left(f.region_code, 8) END
ORDER BY f.side DESC,
    CASE WHEN f.side = 'low' THEN coalesce(f.ratio, CASE WHEN f.status = 'severe_shortage'::rollup_status THEN -1 END) END ASC NULLS LAST,
    CASE WHEN f.side = 'high' THEN coalesce(f.ratio, CASE WHEN f.status = 'surplus'::rollup_status THEN 1e9 END) END DESC NULLS LAST,
    f.name_no, f.cadre_code;
