-- A hand-built dataset whose expected numbers are worked out by hand in refresh_test.go.
INSERT INTO agencies VALUES
    ('36.73-disdik', 'Dinas Pendidikan Kota Serang', '36.73', 'pendidikan'),
    ('36-disdik',    'Dinas Pendidikan Provinsi Banten', '36', 'pendidikan'),
    ('36.73-dinkes', 'Dinas Kesehatan Kota Serang', '36.73', 'kesehatan'),
    ('36.73-kelurahan', 'Kecamatan dan Kelurahan Kota Serang', '36.73', 'pemerintahan');
INSERT INTO agency_settings VALUES ('36.73-kelurahan', 1200);
INSERT INTO units VALUES
    ('S1', 'SD Negeri 1 Cipocok Jaya', 'sd', '36.73-disdik', '36.73.05.1001', -6.13, 106.17),
    ('S2', 'SD Negeri 2 Cipocok Jaya', 'sd', '36.73-disdik', '36.73.05.1002', -6.13, 106.17),
    ('S3', 'SD Negeri 3 Cipocok Jaya', 'sd', '36.73-disdik', '36.73.05.1003', -6.13, 106.17),
    ('K1', 'SMK Negeri 1 Kota Serang', 'smk', '36-disdik', '36.73.01.1001', -6.11, 106.15),
    ('P1', 'Puskesmas Cipocok Jaya', 'puskesmas', '36.73-dinkes', '36.73.05.1001', -6.13, 106.17),
    ('P2', 'Puskesmas Banjarsari', 'puskesmas', '36.73-dinkes', '36.73.05.1002', -6.13, 106.17),
    ('L1', 'Kantor Kelurahan Cipocok Jaya', 'kelurahan', '36.73-kelurahan', '36.73.05.1001', -6.13, 106.17);

-- Two periods. Flows are monthly and annualised x12; stocks are taken as they are.
INSERT INTO workload VALUES
    ('S1', '2026-01-01', 'siswa', 480), ('S1', '2026-02-01', 'siswa', 480),
    ('S2', '2026-01-01', 'siswa', 300), ('S2', '2026-02-01', 'siswa', 300),
    ('K1', '2026-01-01', 'siswa', 300), ('K1', '2026-02-01', 'siswa', 300),
    ('P1', '2026-02-01', 'kunjungan', 3000), ('P1', '2026-02-01', 'anc', 400),
    ('P1', '2026-02-01', 'persalinan', 30), ('P1', '2026-02-01', 'kb', 300),
    ('P2', '2026-02-01', 'kunjungan', 1000), ('P2', '2026-02-01', 'anc', 100),
    ('P2', '2026-02-01', 'persalinan', 10),
    ('L1', '2026-02-01', 'penduduk', 15000), ('L1', '2026-02-01', 'layanan_adm', 600);

-- staff: S1 has 19 teachers since 2020 and one more from 15 Feb 2026, plus one on study leave.
INSERT INTO staff
SELECT printf('19800101200501%d%03d', 1 + i % 2, i), 'Guru ' || i, 'guru', 'S1', 'PNS', 'S1', 'PGSD', 'III/b',
       DATE '1980-01-01', DATE '2020-07-01', NULL, NULL, 'Baik', 'aktif'
FROM range(1, 20) t(i);
INSERT INTO staff VALUES
    ('198001012005011100', 'Guru Baru', 'guru', 'S1', 'PNS', 'S1', 'PGSD', 'III/b', '1980-01-01', '2026-02-15', NULL, NULL, 'Baik', 'aktif'),
    ('198001012005011101', 'Guru Belajar', 'guru', 'S1', 'PNS', 'S2', 'PGSD', 'III/c', '1980-01-01', '2019-01-01', NULL, NULL, 'Baik', 'tugas_belajar');
INSERT INTO staff
SELECT printf('19810101200601%d%03d', 1 + i % 2, i), 'Guru SMK ' || i, 'guru', 'K1', 'PNS', 'S1', 'Teknik Mesin', 'III/b',
       DATE '1981-01-01', DATE '2018-07-01', NULL, NULL, 'Baik', 'aktif'
FROM range(1, 26) t(i);
INSERT INTO staff
SELECT printf('19820101200701%d%03d', 1 + i % 2, i), 'Guru SD3 ' || i, 'guru', 'S3', 'PNS', 'S1', 'PGSD', 'III/b',
       DATE '1982-01-01', DATE '2018-07-01', NULL, NULL, 'Baik', 'aktif'
FROM range(1, 11) t(i);
INSERT INTO staff
SELECT printf('19830101200801%d%03d', 1 + i % 2, i), 'Nakes ' || i,
       CASE WHEN i <= 2 THEN 'dokter' WHEN i <= 8 THEN 'perawat' ELSE 'bidan' END,
       'P1', 'PNS', 'D3', 'Kesehatan', 'III/a', DATE '1983-01-01', DATE '2015-01-01', NULL, NULL, 'Baik', 'aktif'
FROM range(1, 12) t(i);
INSERT INTO staff
SELECT printf('19840101200901%d%03d', 1 + i % 2, i), 'Nakes P2 ' || i,
       CASE WHEN i <= 1 THEN 'dokter' WHEN i <= 4 THEN 'perawat' ELSE 'bidan' END,
       'P2', 'PNS', 'D3', 'Kesehatan', 'III/a', DATE '1984-01-01', DATE '2015-01-01', NULL, NULL, 'Baik', 'aktif'
FROM range(1, 7) t(i);
INSERT INTO staff
SELECT printf('19850101201001%d%03d', 1 + i % 2, i), 'Pelaksana ' || i, 'pelaksana', 'L1', 'PNS', 'S1',
       'Administrasi Publik', 'III/a', DATE '1985-01-01', DATE '2016-01-01', NULL, NULL, 'Baik', 'aktif'
FROM range(1, 9) t(i);
