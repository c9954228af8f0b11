-- One user by lower-case username, with the password hash for logins. The first eight columns
-- are the order scanUser reads.
SELECT id, username, role, disabled, failed_logins, locked_until, created_at, updated_at,
       password_hash
FROM users
WHERE username = ?;
