SELECT working_days, public_holidays, leave_days, sick_days, training_days, hours_per_day
FROM wisn_working_time
WHERE cadre_code = ?;
