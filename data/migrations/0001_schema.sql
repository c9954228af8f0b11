-- Timbang schema, version 1.
--
-- Natural keys everywhere (region code, agency code, unit code, NIP) so that an import can
-- upsert on them and a URL can name a thing without an internal id. Foreign keys are not
-- declared: DuckDB checks them row by row during bulk loads and refuses updates of referenced
-- rows, which would make idempotent re-imports fail. References are checked by the importer
-- and by data.Store.CheckIntegrity instead.

-- Kemendagri region codes: PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD.
CREATE TABLE regions (
    code        VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    level       TINYINT NOT NULL CHECK (level BETWEEN 1 AND 4), -- 1 province .. 4 village
    parent_code VARCHAR,                                        -- NULL for provinces
    population  BIGINT,                                         -- provinces and regencies only
    area_km2    DOUBLE
);

-- An agency (instansi / perangkat daerah) of one regional government.
CREATE TABLE agencies (
    code        VARCHAR PRIMARY KEY,   -- e.g. '36.73-disdik'
    name        VARCHAR NOT NULL,
    region_code VARCHAR NOT NULL,      -- the province or regency/city that owns it
    sector      VARCHAR NOT NULL       -- pendidikan, kesehatan, pemerintahan, ...
);

CREATE TABLE unit_types (
    code    VARCHAR PRIMARY KEY,       -- sd, smp, sma, smk, puskesmas, kelurahan
    name_id VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    sort    INTEGER NOT NULL DEFAULT 0
);

-- A work unit: a school, a puskesmas, a kelurahan office.
CREATE TABLE units (
    code        VARCHAR PRIMARY KEY,   -- NPSN for schools, ministry code for puskesmas
    name        VARCHAR NOT NULL,
    unit_type   VARCHAR NOT NULL,
    agency_code VARCHAR NOT NULL,
    region_code VARCHAR NOT NULL,      -- the village or district it stands in
    lat         DOUBLE,
    lon         DOUBLE
);

-- Position families (rumpun jabatan). The code is short, lower-case Indonesian and is what
-- URLs and the CLI use.
CREATE TABLE cadres (
    code           VARCHAR PRIMARY KEY CHECK (regexp_full_match(code, '[a-z][a-z0-9_]*')),
    name_id        VARCHAR NOT NULL,
    name_en        VARCHAR NOT NULL,
    retirement_age INTEGER NOT NULL DEFAULT 58,
    sort           INTEGER NOT NULL DEFAULT 0
);

-- Civil servants (ASN). The NIP is text: it is an identifier whose first eight digits are the
-- birth date, and 18 digits do not survive a float.
CREATE TABLE staff (
    nip             VARCHAR PRIMARY KEY CHECK (regexp_full_match(nip, '[0-9]{18}')),
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

-- What a workload indicator counts. A stock (students enrolled, population) is a level at the
-- month; a flow (visits, deliveries) is the count during the month and is annualised x12 by the
-- methods that need yearly volumes.
CREATE TABLE indicators (
    code    VARCHAR PRIMARY KEY,
    name_id VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    unit_id VARCHAR NOT NULL,          -- 'siswa', 'kunjungan', ...
    unit_en VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL CHECK (kind IN ('stock', 'flow'))
);

-- Workload measured per unit, month and indicator. period is the first day of the month.
CREATE TABLE workload (
    unit_code VARCHAR NOT NULL,
    period    DATE NOT NULL CHECK (day(period) = 1),
    indicator VARCHAR NOT NULL,
    value     DOUBLE NOT NULL CHECK (value >= 0),
    PRIMARY KEY (unit_code, period, indicator)
);

-- How the staff a unit type needs in a cadre is computed: one row per unit type and cadre.
--   ratio: required = value(indicator) / per_staff
--   wisn:  required = sum(annual volume / (AWT / minutes)) x CAF + IAF   (activity_standards,
--          allowances, wisn_working_time)
--   abk:   required = sum(annual volume x minutes) x STP / effective minutes of the agency
CREATE TABLE staffing_norms (
    unit_type   VARCHAR NOT NULL,
    cadre_code  VARCHAR NOT NULL,
    method      VARCHAR NOT NULL CHECK (method IN ('ratio', 'wisn', 'abk')),
    indicator   VARCHAR,                -- ratio only
    per_staff   DOUBLE CHECK (per_staff > 0), -- ratio only: workload one person carries
    support_pct DOUBLE NOT NULL DEFAULT 0 CHECK (support_pct >= 0 AND support_pct < 1), -- abk: FTP
    source      VARCHAR NOT NULL,       -- regulation or study the figure comes from
    PRIMARY KEY (unit_type, cadre_code),
    CHECK (method <> 'ratio' OR (indicator IS NOT NULL AND per_staff IS NOT NULL))
);

-- WISN activity standards and ABK task norm times: minutes of one staff member per unit of the
-- indicator's annual volume.
CREATE TABLE activity_standards (
    unit_type  VARCHAR NOT NULL,
    cadre_code VARCHAR NOT NULL,
    activity   VARCHAR NOT NULL,        -- short code
    name_id    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    indicator  VARCHAR NOT NULL,
    minutes    DOUBLE NOT NULL CHECK (minutes > 0),
    PRIMARY KEY (unit_type, cadre_code, activity)
);

-- WISN allowances. category: share of available working time (0.05 = 5%) spent on support work
-- every member of the cadre does. individual: staff-hours per year of work only some do.
CREATE TABLE allowances (
    unit_type  VARCHAR NOT NULL,
    cadre_code VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ('category', 'individual')),
    name_id    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    value      DOUBLE NOT NULL CHECK (value >= 0),
    PRIMARY KEY (unit_type, cadre_code, kind, name_id),
    CHECK (kind <> 'category' OR value < 1)
);

-- WISN available working time per cadre: (days - holidays - leave - sick - training) x hours.
CREATE TABLE wisn_working_time (
    cadre_code      VARCHAR PRIMARY KEY,
    working_days    DOUBLE NOT NULL,
    public_holidays DOUBLE NOT NULL,
    leave_days      DOUBLE NOT NULL,
    sick_days       DOUBLE NOT NULL,
    training_days   DOUBLE NOT NULL,
    hours_per_day   DOUBLE NOT NULL CHECK (hours_per_day > 0)
);

-- ABK effective working hours per agency; agencies without a row use the default setting.
CREATE TABLE agency_settings (
    agency_code     VARCHAR PRIMARY KEY,
    effective_hours DOUBLE NOT NULL CHECK (effective_hours > 0)
);

-- Ratio bands that decide a status: severe < severe_below <= shortage < shortage_below
-- <= balanced <= surplus_above < surplus.
CREATE TABLE settings (
    key   VARCHAR PRIMARY KEY,
    value DOUBLE NOT NULL
);

-- ABK job-efficiency (EJ) grade bands: a unit gets the grade of the highest min_ej it reaches
-- (EJ > min_ej when min_inclusive is false, so that A can mean "above 1.00").
CREATE TABLE abk_grades (
    grade         VARCHAR PRIMARY KEY,
    min_ej        DOUBLE NOT NULL,
    min_inclusive BOOLEAN NOT NULL DEFAULT true
);

-- Bumped whenever stored data changes, so caches and rollups know what they reflect.
CREATE TABLE data_version (
    version      BIGINT NOT NULL,
    refreshed_at TIMESTAMP
);
INSERT INTO data_version VALUES (0, NULL);
