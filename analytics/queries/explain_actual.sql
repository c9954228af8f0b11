-- The people who may count in a unit's cadre: working (aktif or on short leave) and either in
-- the unit now or moved into or out of it some time, with their moves oldest first (one row
-- per move, NULLs for people who never moved). UnitAt decides in Go where each counts when.
WITH people AS (
    SELECT s.nip, s.unit_code, s.post_start
    FROM staff s
    WHERE s.cadre_code = $cadre AND s.status IN ('aktif', 'cuti')
      AND (s.unit_code = $unit
           OR s.nip IN (SELECT nip FROM transfers WHERE from_unit = $unit OR to_unit = $unit))
)
SELECT p.nip, p.unit_code, p.post_start, t.moved_on, t.from_unit
FROM people p
LEFT JOIN transfers t ON t.nip = p.nip
ORDER BY p.nip, t.moved_on;
