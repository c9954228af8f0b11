-- Logs a user out everywhere: after a password change or when the user is disabled.
DELETE FROM sessions WHERE user_id = ?;
