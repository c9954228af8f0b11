INSERT INTO audit_log (logged_at, actor, action, scope, detail, remote)
VALUES (?, ?, ?, ?, ?, ?);
