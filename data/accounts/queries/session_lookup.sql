-- A session by the hash of its token, with its user in the column order scanUser reads.
SELECT u.id, u.username, u.role, u.disabled, u.failed_logins, u.locked_until, u.created_at, u.updated_at,
       s.csrf_token, s.created_at, s.last_seen, s.expires_at
FROM sessions s
JOIN users u ON u.id = s.user_id
WHERE s.token_hash = ?;
