-- staff and transfers check a NIP's length, no longer its digits with a regular expression.
--
-- Why: the regular expression ran on every inserted row and cost about 0.25 s per 2,000,000
-- rows, an eighth of what the validated import of a staff file may spend beside a plain load
-- (issue 4). The importer, these tables' only writer besides the demo generator, already refuses
-- any NIP that is not 18 digits, with its file, row and column; data.Store.CheckIntegrity
-- reports a malformed stored NIP, and the tests run it after imports. The length check stays
-- as a cheap guard against a value that is plainly no NIP. As in migration 5, DuckDB cannot
-- change a constraint, so each table is rebuilt.

CREATE TABLE staff_v10 (
    nip             VARCHAR NOT NULL CHECK (length(nip) = 18),
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
INSERT INTO staff_v10 SELECT * FROM staff;
DROP TABLE staff;
ALTER TABLE staff_v10 RENAME TO staff;

-- Key: (nip, moved_on).
CREATE TABLE transfers_v10 (
    nip        VARCHAR NOT NULL CHECK (length(nip) = 18),
    moved_on   DATE NOT NULL,
    from_unit  VARCHAR NOT NULL,
    to_unit    VARCHAR NOT NULL,
    reason     VARCHAR,
    decree     VARCHAR            -- nomor SK
);
INSERT INTO transfers_v10 SELECT * FROM transfers;
DROP TABLE transfers;
ALTER TABLE transfers_v10 RENAME TO transfers;
