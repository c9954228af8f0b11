-- Replaces a hash made with older parameters by one made with the current ones, at a login
-- that just proved the password.
UPDATE users SET password_hash = ? WHERE id = ?;
