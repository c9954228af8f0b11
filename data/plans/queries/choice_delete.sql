DELETE FROM plan_choices WHERE plan_id = $plan AND id = $id;
