-- Staff in post at the end of the period: working (aktif or on short leave) and in the post
-- since that month or earlier.
SELECT count(*)
FROM staff
WHERE unit_code = ? AND cadre_code = ? AND status IN ('aktif', 'cuti')
  AND date_trunc('month', post_start) <= ?;
