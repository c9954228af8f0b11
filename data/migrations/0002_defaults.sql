-- Default reference data: unit types, cadres, indicators, norms and settings.
-- Every figure is editable data, not code; sources are named in staffing_norms.source and in
-- docs/METHOD.md.

INSERT INTO unit_types VALUES
    ('sd',        'Sekolah Dasar (SD)',               'Primary school (SD)',          1),
    ('smp',       'Sekolah Menengah Pertama (SMP)',   'Junior secondary school (SMP)', 2),
    ('sma',       'Sekolah Menengah Atas (SMA)',      'Senior secondary school (SMA)', 3),
    ('smk',       'Sekolah Menengah Kejuruan (SMK)',  'Vocational school (SMK)',      4),
    ('puskesmas', 'Puskesmas',                        'Community health centre',      5),
    ('kelurahan', 'Kantor Kelurahan',                 'Kelurahan office',             6);

-- Retirement ages (BUP): teachers 60, junior functional and administrative posts 58.
INSERT INTO cadres VALUES
    ('guru',      'Guru',                      'Teacher',                60, 1),
    ('dokter',    'Dokter',                    'Doctor',                 58, 2),
    ('perawat',   'Perawat',                   'Nurse',                  58, 3),
    ('bidan',     'Bidan',                     'Midwife',                58, 4),
    ('pelaksana', 'Pelaksana administrasi',    'Administrative staff',   58, 5);

INSERT INTO indicators VALUES
    ('siswa',       'Jumlah siswa',               'Students enrolled',         'siswa',     'students',   'stock'),
    ('kunjungan',   'Kunjungan rawat jalan',      'Outpatient visits',         'kunjungan', 'visits',     'flow'),
    ('anc',         'Pemeriksaan kehamilan (ANC)', 'Antenatal care visits',    'kunjungan', 'visits',     'flow'),
    ('persalinan',  'Persalinan',                 'Deliveries',                'persalinan', 'deliveries', 'flow'),
    ('kb',          'Pelayanan KB',               'Family planning services',  'layanan',   'services',   'flow'),
    ('penduduk',    'Penduduk dilayani',          'Population served',         'jiwa',      'people',     'stock'),
    ('layanan_adm', 'Layanan administrasi',       'Administrative services',   'layanan',   'services',   'flow');

INSERT INTO staffing_norms VALUES
    ('sd',        'guru',      'ratio', 'siswa', 20, 0,    'PP 74/2008 ps. 17: minimal 20 siswa per guru (SD)'),
    ('smp',       'guru',      'ratio', 'siswa', 20, 0,    'PP 74/2008 ps. 17: minimal 20 siswa per guru (SMP)'),
    ('sma',       'guru',      'ratio', 'siswa', 20, 0,    'PP 74/2008 ps. 17: minimal 20 siswa per guru (SMA)'),
    ('smk',       'guru',      'ratio', 'siswa', 15, 0,    'PP 74/2008 ps. 17: minimal 15 siswa per guru (SMK)'),
    ('puskesmas', 'dokter',    'wisn',  NULL,    NULL, 0,  'WHO WISN, standar kegiatan contoh Timbang'),
    ('puskesmas', 'perawat',   'wisn',  NULL,    NULL, 0,  'WHO WISN, standar kegiatan contoh Timbang'),
    ('puskesmas', 'bidan',     'wisn',  NULL,    NULL, 0,  'WHO WISN, standar kegiatan contoh Timbang'),
    ('kelurahan', 'pelaksana', 'abk',   NULL,    NULL, 0.10, 'PermenPANRB 1/2020 (ABK), norma waktu contoh Timbang');

INSERT INTO activity_standards VALUES
    ('puskesmas', 'dokter',    'periksa_rj',  'Pemeriksaan pasien rawat jalan', 'Outpatient consultation',  'kunjungan',   5),
    ('puskesmas', 'perawat',   'asuhan_rj',   'Asuhan keperawatan rawat jalan', 'Outpatient nursing care',  'kunjungan',   12),
    ('puskesmas', 'bidan',     'anc',         'Pemeriksaan kehamilan',          'Antenatal examination',    'anc',         20),
    ('puskesmas', 'bidan',     'persalinan',  'Pertolongan persalinan',         'Delivery assistance',      'persalinan',  240),
    ('puskesmas', 'bidan',     'kb',          'Pelayanan KB',                   'Family planning service',  'kb',          15),
    ('kelurahan', 'pelaksana', 'layanan',     'Pelayanan administrasi warga',   'Citizen administrative service', 'layanan_adm', 30),
    ('kelurahan', 'pelaksana', 'pendataan',   'Pendataan dan pembinaan wilayah', 'Population records and outreach', 'penduduk', 10);

INSERT INTO allowances VALUES
    ('puskesmas', 'dokter',  'category',   'Rapat koordinasi',          'Coordination meetings',     0.08),
    ('puskesmas', 'dokter',  'category',   'Pencatatan dan pelaporan',  'Recording and reporting',   0.07),
    ('puskesmas', 'dokter',  'individual', 'Tugas kepala puskesmas',    'Head of puskesmas duties',  400),
    ('puskesmas', 'perawat', 'category',   'Pencatatan dan pelaporan',  'Recording and reporting',   0.10),
    ('puskesmas', 'perawat', 'category',   'Rapat koordinasi',          'Coordination meetings',     0.05),
    ('puskesmas', 'perawat', 'individual', 'Perawatan kesehatan masyarakat', 'Community nursing visits', 300),
    ('puskesmas', 'bidan',   'category',   'Pencatatan dan pelaporan',  'Recording and reporting',   0.10),
    ('puskesmas', 'bidan',   'category',   'Kelas ibu hamil',           'Antenatal classes',         0.05),
    ('puskesmas', 'bidan',   'individual', 'Posyandu',                  'Village health posts',      400);

-- 52 weeks x 5 days; 17 national holidays; 12 days annual leave; 7.5 hours a day (37.5 h week).
INSERT INTO wisn_working_time VALUES
    ('dokter',  260, 17, 12, 5, 5, 7.5),
    ('perawat', 260, 17, 12, 5, 5, 7.5),
    ('bidan',   260, 17, 12, 5, 5, 7.5);

INSERT INTO settings VALUES
    ('band_severe_below',           0.70),
    ('band_shortage_below',         0.90),
    ('band_surplus_above',          1.10),
    ('abk_effective_hours_default', 1250);

-- EJ grades as most often used: A > 1.00, B 0.90-1.00, C 0.70-0.89, D 0.50-0.69, E < 0.50.
INSERT INTO abk_grades VALUES
    ('A', 1.00, false),
    ('B', 0.90, true),
    ('C', 0.70, true),
    ('D', 0.50, true),
    ('E', 0.00, true);
