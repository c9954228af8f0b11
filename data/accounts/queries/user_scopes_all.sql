-- The scopes of every user, for the user list.
SELECT user_id, kind, code
FROM user_scopes
ORDER BY user_id, kind, code;
