INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen, expires_at)
VALUES (?, ?, ?, ?, ?, ?);
