UPDATE plans SET status = 'approved', approved_by = $by, approved_at = $at, updated_by = $by, updated_at = $at
WHERE id = $id AND status = 'draft' AND result IS NOT NULL;
