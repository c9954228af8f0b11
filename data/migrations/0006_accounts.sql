-- Accounts, server-side sessions and the audit log.
--
-- As in migration 1, references (user_scopes.user_id, sessions.user_id, the region and agency
-- codes of a scope) are not declared as foreign keys: DuckDB refuses to update a row other rows
-- refer to, and users are updated on every login. data/accounts checks them instead, and
-- users are disabled, never deleted, so nothing can point at a missing user.

CREATE SEQUENCE users_id;
CREATE TABLE users (
    id            BIGINT PRIMARY KEY DEFAULT nextval('users_id'),
    -- Stored lower-case, so UNIQUE makes names unique case-insensitively ("Budi" = "budi").
    username      VARCHAR NOT NULL UNIQUE
        CHECK (regexp_full_match(username, '[a-z0-9][a-z0-9._-]{1,63}')),
    -- PHC string form: $argon2id$v=19$m=KiB,t=passes,p=lanes$salt$key, parameters included so
    -- they can be raised later without invalidating stored hashes.
    password_hash VARCHAR NOT NULL CHECK (starts_with(password_hash, '$argon2id$')),
    role          VARCHAR NOT NULL CHECK (role IN ('admin', 'planner', 'agency-head', 'viewer')),
    disabled      BOOLEAN NOT NULL DEFAULT false,
    failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0), -- consecutive, since the last success or lock
    locked_until  TIMESTAMP,             -- UTC; NULL or past: not locked
    created_at    TIMESTAMP NOT NULL,    -- UTC, like every timestamp below
    updated_at    TIMESTAMP NOT NULL
);

-- What a planner (regions), agency head (agencies) or viewer (either) may see. Admins have no
-- rows: they see everything.
CREATE TABLE user_scopes (
    user_id BIGINT NOT NULL,
    kind    VARCHAR NOT NULL CHECK (kind IN ('region', 'agency')),
    code    VARCHAR NOT NULL,             -- a regions.code (e.g. '36.73') or an agencies.code
    PRIMARY KEY (user_id, kind, code)
);

-- One row per logged-in browser. Only the SHA-256 of the session token is kept, so a copy of
-- the database (a backup, a support bundle) holds no usable session.
CREATE TABLE sessions (
    token_hash VARCHAR PRIMARY KEY CHECK (regexp_full_match(token_hash, '[0-9a-f]{64}')),
    user_id    BIGINT NOT NULL,
    csrf_token VARCHAR NOT NULL,          -- echoed by every state-changing form of the session
    created_at TIMESTAMP NOT NULL,
    last_seen  TIMESTAMP NOT NULL,        -- idle expiry counts from here
    expires_at TIMESTAMP NOT NULL         -- absolute expiry, fixed at login
);

-- Who did what, when, in which scope. The application only ever inserts here.
CREATE SEQUENCE audit_log_id;
CREATE TABLE audit_log (
    id        BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id'),
    logged_at TIMESTAMP NOT NULL,            -- named so because AT is a keyword in DuckDB
    actor     VARCHAR NOT NULL,              -- a username, 'cli' or 'timbang' (first start)
    action    VARCHAR NOT NULL,              -- login, login_failed, import, export, user_add, ...
    scope     VARCHAR NOT NULL DEFAULT '',   -- e.g. 'region:36.73' or 'all'
    detail    VARCHAR NOT NULL DEFAULT '',
    remote    VARCHAR NOT NULL DEFAULT ''    -- client address for web requests, '' from the CLI
);
