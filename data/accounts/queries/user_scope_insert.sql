INSERT INTO user_scopes (user_id, kind, code) VALUES (?, ?, ?);
