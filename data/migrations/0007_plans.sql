-- Transfer plans (rencana mutasi, issue 7) and the two facts the planner needs beyond staff and
-- units: which education fields a post accepts, and where staff would like to work.

-- The education fields a post (unit type and cadre) accepts, spelled as staff.education_field.
-- A post without a row accepts any field. required: a person of another field is not eligible
-- (a nurse is no midwife); otherwise they are, and the plan flags them for training (the
-- Surakarta story: staff moved into a new field are trained).
CREATE TABLE post_fields (
    unit_type  VARCHAR NOT NULL,
    cadre_code VARCHAR NOT NULL,
    fields     VARCHAR[] NOT NULL CHECK (len(fields) > 0),
    required   BOOLEAN NOT NULL,
    PRIMARY KEY (unit_type, cadre_code)
);

-- Teachers: a primary class teacher is a PGSD graduate (or teaches religion, sport or English);
-- secondary teachers hold a subject degree. Moving across them is possible with training.
-- Health professions are licensed: only their own field qualifies.
INSERT INTO post_fields VALUES
    ('sd', 'guru', ['PGSD', 'Pendidikan Agama Islam', 'Pendidikan Agama Kristen', 'Pendidikan Jasmani',
                    'Pendidikan Bahasa Inggris', 'Manajemen Pendidikan'], false),
    ('smp', 'guru', ['Pendidikan Matematika', 'Pendidikan Bahasa Indonesia', 'Pendidikan Bahasa Inggris',
                     'Pendidikan Biologi', 'Pendidikan Fisika', 'Pendidikan Sejarah', 'Pendidikan Jasmani',
                     'Pendidikan Agama Islam', 'Pendidikan Agama Kristen', 'Pendidikan Pancasila dan Kewarganegaraan',
                     'Pendidikan Ekonomi', 'Pendidikan Geografi', 'Bimbingan dan Konseling', 'Manajemen Pendidikan'], false),
    ('sma', 'guru', ['Pendidikan Matematika', 'Pendidikan Bahasa Indonesia', 'Pendidikan Bahasa Inggris',
                     'Pendidikan Biologi', 'Pendidikan Fisika', 'Pendidikan Sejarah', 'Pendidikan Jasmani',
                     'Pendidikan Agama Islam', 'Pendidikan Agama Kristen', 'Pendidikan Pancasila dan Kewarganegaraan',
                     'Pendidikan Ekonomi', 'Pendidikan Geografi', 'Bimbingan dan Konseling', 'Manajemen Pendidikan',
                     'Pendidikan Kimia', 'Pendidikan Sosiologi', 'Pendidikan Seni Budaya'], false),
    ('smk', 'guru', ['Pendidikan Matematika', 'Pendidikan Bahasa Indonesia', 'Pendidikan Bahasa Inggris',
                     'Pendidikan Biologi', 'Pendidikan Fisika', 'Pendidikan Sejarah', 'Pendidikan Jasmani',
                     'Pendidikan Agama Islam', 'Pendidikan Agama Kristen', 'Pendidikan Pancasila dan Kewarganegaraan',
                     'Pendidikan Ekonomi', 'Pendidikan Geografi', 'Bimbingan dan Konseling', 'Manajemen Pendidikan',
                     'Teknik Mesin', 'Pendidikan Teknik Mesin', 'Pendidikan Teknik Otomotif', 'Akuntansi',
                     'Teknik Informatika', 'Pendidikan Tata Boga', 'Teknik Elektro', 'Pendidikan Administrasi Perkantoran'], false),
    ('puskesmas', 'dokter', ['Profesi Dokter'], true),
    ('puskesmas', 'perawat', ['Keperawatan'], true),
    ('puskesmas', 'bidan', ['Kebidanan'], true);

-- Where a person would like to work, first choice first (the Sorong story: staff are asked what
-- posts they want). The planner lowers the cost of a move to a preferred unit.
CREATE TABLE staff_preferences (
    nip       VARCHAR NOT NULL CHECK (regexp_full_match(nip, '[0-9]{18}')),
    unit_code VARCHAR NOT NULL,
    rank      INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 3),
    PRIMARY KEY (nip, unit_code)
);

-- A named transfer plan of one scope and period: draft until approved. The planner's choices
-- (plan_choices) are kept separately from the result they led to (result: the optimiser's output
-- as JSON, replaced on every re-run of a draft and frozen once approved), so a re-run on newer
-- data keeps every lock, removal and manual move.
CREATE SEQUENCE plans_id;
CREATE TABLE plans (
    id          BIGINT PRIMARY KEY DEFAULT nextval('plans_id'),
    name        VARCHAR NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    status      VARCHAR NOT NULL CHECK (status IN ('draft', 'approved')),
    region_code VARCHAR NOT NULL CHECK (region_code <> ''), -- the region planned (a regency, a province)
    agency_code VARCHAR NOT NULL,        -- '' for every agency
    cadres      VARCHAR[] NOT NULL,      -- position families planned, at least one
    period      DATE NOT NULL,           -- the month whose staffing the plan starts from
    settings    JSON NOT NULL,           -- the rules (tenure, retirement, distance, weights)
    result      JSON,                    -- NULL until first generated
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,      -- UTC, like every timestamp below
    updated_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    approved_by VARCHAR,
    approved_at TIMESTAMP
);

-- The planner's decisions on a plan, in the order made: lock a proposed move (it stays whatever
-- the re-run finds), remove one (that person does not go there), or add a manual move.
CREATE SEQUENCE plan_choices_id;
CREATE TABLE plan_choices (
    id        BIGINT PRIMARY KEY DEFAULT nextval('plan_choices_id'),
    plan_id   BIGINT NOT NULL,
    kind      VARCHAR NOT NULL CHECK (kind IN ('lock', 'remove', 'manual')),
    nip       VARCHAR NOT NULL CHECK (regexp_full_match(nip, '[0-9]{18}')),
    to_unit   VARCHAR NOT NULL,
    made_by   VARCHAR NOT NULL,
    made_at   TIMESTAMP NOT NULL
);
