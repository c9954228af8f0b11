-- Enabled admins other than the given user: disabling that user must leave at least one.
SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled AND id <> ?;
