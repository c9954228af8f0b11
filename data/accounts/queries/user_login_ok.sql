-- A successful login clears the failure count; skipped when there is nothing to clear, so most
-- logins write nothing here.
UPDATE users
SET failed_logins = 0, locked_until = NULL
WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL);
