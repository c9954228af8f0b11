-- A new password also lifts a lock: an admin resetting a password is how a locked-out user
-- gets back in before the lock runs out.
UPDATE users
SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ?
WHERE id = ?;
