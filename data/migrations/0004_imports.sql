-- Transfer history and the record of imports.

-- A completed transfer (mutasi): who moved from which unit to which, when and why.
CREATE TABLE transfers (
    nip        VARCHAR NOT NULL CHECK (regexp_full_match(nip, '[0-9]{18}')),
    moved_on   DATE NOT NULL,
    from_unit  VARCHAR NOT NULL,
    to_unit    VARCHAR NOT NULL,
    reason     VARCHAR,
    decree     VARCHAR,            -- nomor SK
    PRIMARY KEY (nip, moved_on)
);

-- One import batch (one or more files), applied, rejected or only checked.
CREATE SEQUENCE import_runs_id;
CREATE TABLE import_runs (
    id          BIGINT PRIMARY KEY DEFAULT nextval('import_runs_id'),
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    actor       VARCHAR NOT NULL,  -- 'cli' or the user who uploaded
    files       VARCHAR NOT NULL,  -- file names and their kinds, one per line
    outcome     VARCHAR NOT NULL CHECK (outcome IN ('applied', 'rejected', 'dry_run', 'failed')),
    inserted    BIGINT NOT NULL,
    updated     BIGINT NOT NULL,
    unchanged   BIGINT NOT NULL,
    problems    BIGINT NOT NULL,
    message     VARCHAR
);
