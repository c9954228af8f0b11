-- Sessions past their absolute expiry ($1 = now) or idle since before $2 (now - idle timeout).
DELETE FROM sessions WHERE expires_at <= $1 OR last_seen <= $2;
