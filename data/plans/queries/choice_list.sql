SELECT id, kind, nip, to_unit, made_by, made_at
FROM plan_choices
WHERE plan_id = $plan
ORDER BY id;
