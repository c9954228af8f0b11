-- Audit entries, newest first, optionally of one action ($1) and one actor ($2); '' means any.
SELECT id, logged_at, actor, action, scope, detail, remote
FROM audit_log
WHERE ($1 = '' OR action = $1) AND ($2 = '' OR actor = $2)
ORDER BY logged_at DESC, id DESC
LIMIT $3 OFFSET $4;
