-- A new choice on a person replaces the earlier ones it contradicts: any choice on the same move,
-- and, for a lock or a manual move, the person's other lock or manual move (a person has one
-- destination). Removals of other moves stay.
DELETE FROM plan_choices
WHERE plan_id = $plan AND nip = $nip
  AND (to_unit = $to OR ($kind <> 'remove' AND kind <> 'remove'));
