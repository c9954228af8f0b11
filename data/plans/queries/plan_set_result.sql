UPDATE plans SET result = $result, updated_by = $by, updated_at = $at
WHERE id = $id AND status = 'draft';
