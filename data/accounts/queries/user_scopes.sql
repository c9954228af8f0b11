-- The scope of one user.
SELECT kind, code
FROM user_scopes
WHERE user_id = ?
ORDER BY kind, code;
