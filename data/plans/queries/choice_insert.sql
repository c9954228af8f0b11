INSERT INTO plan_choices (plan_id, kind, nip, to_unit, made_by, made_at)
VALUES ($plan, $kind, $nip, $to, $by, $at);
