-- The three tables that grow with the civil service itself (staff, workload, transfers: millions
-- of rows at national scale) lose their PRIMARY KEY index.
--
-- Why: DuckDB keeps a primary key in an ART index that is built row by row on insert. Loading
-- 2,000,000 staff rows took 2.4 s with the index and 0.2 s without it on our 2-core machines,
-- and rebuilding the index after the load still took 1.3 s, so the index alone cost more than
-- the whole validated import is allowed (see docs/BENCHMARKS.md). Pages never look a row up by
-- its key: they read rollups, and scans use DuckDB's zone maps.
--
-- The keys still hold: the importer, their only writer besides the demo generator, refuses
-- duplicate keys inside a batch, updates rows whose key exists and inserts the rest, one import
-- at a time (data.Store.LockWrites); data.Store.CheckIntegrity reports any duplicate key, and the
-- tests run it after every import. DuckDB cannot drop a constraint, so each table is rebuilt.

CREATE TABLE staff_v5 (
    nip             VARCHAR NOT NULL CHECK (regexp_full_match(nip, '[0-9]{18}')),
    name            VARCHAR NOT NULL,
    cadre_code      VARCHAR NOT NULL,
    unit_code       VARCHAR NOT NULL,
    employment      VARCHAR NOT NULL DEFAULT 'PNS' CHECK (employment IN ('PNS', 'PPPK')),
    education_level VARCHAR,           -- SMA, D3, D4, S1, S2, S3, profesi
    education_field VARCHAR,           -- e.g. 'Pendidikan Matematika', 'Kebidanan'
    rank            VARCHAR,           -- golongan/ruang, e.g. 'III/b'
    birth_date      DATE NOT NULL,
    post_start      DATE NOT NULL,     -- date into the current post (TMT jabatan)
    home_lat        DOUBLE,
    home_lon        DOUBLE,
    performance     VARCHAR,           -- SKP rating
    status          VARCHAR NOT NULL DEFAULT 'aktif'
        CHECK (status IN ('aktif', 'cuti', 'tugas_belajar', 'diberhentikan_sementara', 'pensiun'))
);
INSERT INTO staff_v5 SELECT * FROM staff;
DROP TABLE staff;
ALTER TABLE staff_v5 RENAME TO staff;

-- Key: (unit_code, period, indicator).
CREATE TABLE workload_v5 (
    unit_code VARCHAR NOT NULL,
    period    DATE NOT NULL CHECK (day(period) = 1),
    indicator VARCHAR NOT NULL,
    value     DOUBLE NOT NULL CHECK (value >= 0)
);
INSERT INTO workload_v5 SELECT * FROM workload;
DROP TABLE workload;
ALTER TABLE workload_v5 RENAME TO workload;

-- Key: (nip, moved_on).
CREATE TABLE transfers_v5 (
    nip        VARCHAR NOT NULL CHECK (regexp_full_match(nip, '[0-9]{18}')),
    moved_on   DATE NOT NULL,
    from_unit  VARCHAR NOT NULL,
    to_unit    VARCHAR NOT NULL,
    reason     VARCHAR,
    decree     VARCHAR            -- nomor SK
);
INSERT INTO transfers_v5 SELECT * FROM transfers;
DROP TABLE transfers;
ALTER TABLE transfers_v5 RENAME TO transfers;
