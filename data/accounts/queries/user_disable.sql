UPDATE users SET disabled = true, updated_at = ? WHERE id = ?;
