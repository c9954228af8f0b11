-- The people who may count in a unit's cadre: working (aktif or on short leave) and either in
-- the unit now or moved into or out of it some time, with their moves oldest first (one row
-- per move, NULLs for people who never moved). UnitAt decides in Go where each counts when.
--
-- Two halves, not one OR: the unit's own people are a plain filter on unit_code, which DuckDB
-- pushes into the scan, and the people who moved are a join with the unit's few transfers
-- (none: no probe at all). The OR of both made every staff row go through the semi-join, about
-- 0.14 s a cadre at national scale against 4 to 14 ms now.
WITH moved AS (
    SELECT DISTINCT nip FROM transfers WHERE from_unit = $unit OR to_unit = $unit
),
people AS (
    SELECT s.nip, s.unit_code, s.post_start
    FROM staff s
    WHERE s.unit_code = $unit AND s.cadre_code = $cadre AND s.status IN ('aktif', 'cuti')
    UNION
    SELECT s.nip, s.unit_code, s.post_start
    FROM staff s
    JOIN moved m ON m.nip = s.nip
    WHERE s.cadre_code = $cadre AND s.status IN ('aktif', 'cuti')
)
SELECT p.nip, p.unit_code, p.post_start, t.moved_on, t.from_unit
FROM people p
LEFT JOIN transfers t ON t.nip = p.nip
ORDER BY p.nip, t.moved_on;
