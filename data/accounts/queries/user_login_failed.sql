-- Counts one failed login of user $1. The failure that reaches $2 consecutive ones locks the
-- account until $3 and starts the count again, so the next lock takes as many failures again.
-- Returns whether this failure locked the account.
UPDATE users
SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
    locked_until  = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
WHERE id = $1
RETURNING failed_logins = 0 AS locked;
