-- One page of unit rows under the filter, with names, in the requested order. The page is cut
-- from the rollup rows first and only its rows are joined with the names, the unit's own too:
-- at national scale a filter selects hundreds of thousands. The rows sort by name on name_no,
-- the unit's place in name order (rollup_units). The total is counted apart, so the page is a
-- top-N, not a sort of every row.
--
-- This continues the WITH list of queries/filtered.sql. The village and district names come
-- from the few regions the page names (names below): joined straight to regions, DuckDB built
-- a hash table of all 90,000 regions for the district, about 10 ms of every unit list. The
-- district's code is computed on the page's rows, not on every filtered row before the cut.
, page AS (
        SELECT f.*, (SELECT count(*) FROM fs) AS total
        FROM fs f
        ORDER BY
            CASE WHEN $sort = 'ratio' THEN coalesce(f.ratio, CASE WHEN f.status = 'severe_shortage'::rollup_status THEN -1 END) END ASC NULLS LAST,
            CASE WHEN $sort = '-ratio' THEN coalesce(f.ratio, CASE WHEN f.status = 'surplus'::rollup_status THEN 1e9 END) END DESC NULLS LAST,
            CASE WHEN $sort = 'shortage' THEN f.shortage_people END DESC,
            CASE WHEN $sort = 'surplus' THEN f.surplus_people END DESC,
            CASE WHEN $sort = 'workload' THEN f.workload_per_staff END DESC NULLS LAST,
            CASE WHEN $sort = 'name' THEN f.name_no END ASC,
            f.name_no, f.cadre_code
        LIMIT $limit OFFSET $offset
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
       f.shortage_people, f.surplus_people, f.total
FROM listed f
JOIN unit_types t ON t.code = f.unit_type
JOIN agencies a ON a.code = f.agency_code
JOIN cadres c ON c.code = f.cadre_code
LEFT JOIN names v ON v.code = f.region_code
LEFT JOIN names d ON d.code = CASE WHEN length(f.region_code) >= 8 THEN left(f.region_code, 8) END
ORDER BY
    CASE WHEN $sort = 'ratio' THEN coalesce(f.ratio, CASE WHEN f.status = 'severe_shortage'::rollup_status THEN -1 END) END ASC NULLS LAST,
    CASE WHEN $sort = '-ratio' THEN coalesce(f.ratio, CASE WHEN f.status = 'surplus'::rollup_status THEN 1e9 END) END DESC NULLS LAST,
    CASE WHEN $sort = 'shortage' THEN f.shortage_people END DESC,
    CASE WHEN $sort = 'surplus' THEN f.surplus_people END DESC,
    CASE WHEN $sort = 'workload' THEN f.workload_per_staff END DESC NULLS LAST,
    CASE WHEN $sort = 'name' THEN f.name_no END ASC,
    f.name_no, f.cadre_code;
