DELETE FROM sessions WHERE token_hash = ?;
