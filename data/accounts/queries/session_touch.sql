UPDATE sessions SET last_seen = ? WHERE token_hash = ?;
