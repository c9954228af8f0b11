-- Every user, disabled ones too, in the column order scanUser reads.
SELECT id, username, role, disabled, failed_logins, locked_until, created_at, updated_at
FROM users
ORDER BY username;
