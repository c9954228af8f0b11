package importer

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/datatest"
)

// demoUnit is a unit of the test demo (Kota Serang) that staff files can point at.
func demoUnit(t *testing.T, s *data.Store) string {
	t.Helper()
	var code string
	if err := s.DB().QueryRow(`SELECT min(code) FROM units WHERE unit_type = 'sd'`).Scan(&code); err != nil {
		t.Fatal(err)
	}
	return code
}

func writeFile(t *testing.T, name, content string) Source {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return Source{Name: name, Path: path}
}

func importFiles(t *testing.T, s *data.Store, opt Options, files ...Source) (Result, error) {
	t.Helper()
	return Import(context.Background(), s, files, opt)
}

func count(t *testing.T, s *data.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// staffCSV is an Excel-made staff list: semicolons, a BOM, CRLF, Indonesian headers in mixed
// case, a quoted name with a semicolon and quotes, dd/mm/yyyy dates, decimal commas and an
// unknown column.
func staffCSV(unit string) string {
	return "\ufeffNIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan;Golongan;Lintang Rumah;Bujur Rumah;Agama\r\n" +
		"198609262015051001;\"Siti \"\"Ica\"\" Rahma; S.Pd.\";Guru;" + unit + ";26/09/1986;01/07/2019;III/b;-6,1301;106,1702;Islam\r\n" +
		"19900215 201903 2 004;Budi Santoso, S.Pd.;guru;" + unit + ";15/02/1990;2019-03-01;III/a;;;Kristen\r\n"
}

func TestImportStaffCSVIdempotent(t *testing.T) {
	s := datatest.DemoStore(t)
	unit := demoUnit(t, s)
	before := count(t, s, `SELECT count(*) FROM staff`)
	src := writeFile(t, "pegawai.csv", staffCSV(unit))

	res, err := importFiles(t, s, Options{}, src)
	if err != nil {
		t.Fatalf("import: %v\n%v", err, res.Problems)
	}
	if got := res.Counts["staff"]; got != (Counts{Inserted: 2}) {
		t.Errorf("first import counts %+v, want 2 inserted", got)
	}
	if len(res.Files) != 1 || res.Files[0].Kind != "staff" || strings.Join(res.Files[0].Unknown, ",") != "Agama" {
		t.Errorf("file report %+v: want kind staff and unknown column Agama", res.Files)
	}
	if n := count(t, s, `SELECT count(*) FROM staff`); n != before+2 {
		t.Errorf("%d staff, want %d", n, before+2)
	}
	var name string
	var lat float64
	if err := s.DB().QueryRow(`SELECT name, home_lat FROM staff WHERE nip = '198609262015051001'`).Scan(&name, &lat); err != nil {
		t.Fatal(err)
	}
	if name != `Siti "Ica" Rahma; S.Pd.` || lat != -6.1301 {
		t.Errorf("stored %q %v", name, lat)
	}
	if n := count(t, s, `SELECT count(*) FROM staff WHERE nip = '199002152019032004' AND employment = 'PNS' AND status = 'aktif'`); n != 1 {
		t.Error("spaced NIP not normalised, or defaults not applied")
	}

	again, err := importFiles(t, s, Options{}, src)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Counts["staff"]; got != (Counts{Unchanged: 2}) {
		t.Errorf("re-import counts %+v, want 2 unchanged", got)
	}
	changed := writeFile(t, "pegawai.csv", strings.Replace(staffCSV(unit), "III/a", "III/b", 1))
	upd, err := importFiles(t, s, Options{}, changed)
	if err != nil {
		t.Fatal(err)
	}
	if got := upd.Counts["staff"]; got != (Counts{Updated: 1, Unchanged: 1}) {
		t.Errorf("changed import counts %+v, want 1 updated 1 unchanged", got)
	}
	// The file has no performance column: stored performance ratings are kept on update.
	if n := count(t, s, `SELECT count(*) FROM import_runs WHERE outcome = 'applied'`); n != 3 {
		t.Errorf("%d applied runs recorded, want 3", n)
	}
	if n := count(t, s, `SELECT count(*) FROM staff`); n != before+2 {
		t.Errorf("%d staff after three imports, want %d", n, before+2)
	}
	if err := s.CheckIntegrity(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestImportAllowedValues: a column with a list of allowed values (status, employment, SKP
// rating) takes them in any case and with white space around, as the spreadsheet has them, and
// refuses anything else, white space inside a code included (see enumDirect).
func TestImportAllowedValues(t *testing.T) {
	s := datatest.DemoStore(t)
	unit := demoUnit(t, s)
	tests := []struct {
		column, cell string
		want         string // the stored value, or "" when the cell must be refused
	}{
		{"status", "AKTIF", "aktif"},
		{"status", " cuti ", "cuti"},
		{"status", "Tugas_Belajar", "tugas_belajar"},
		{"status", "pensiun\u00a0", "pensiun"},
		{"status", "\ufeffdiberhentikan_sementara", "diberhentikan_sementara"},
		{"status", "tugas belajar", ""},
		{"status", "\u200baktif", ""},
		{"status", "aktif.", ""},
		{"employment", "pppk", "PPPK"},
		{"employment", "\tPNS", "PNS"},
		{"employment", "P PPK", ""},
		{"performance", "baik", "Baik"},
		{"performance", "  SANGAT BAIK ", "Sangat Baik"},
		{"performance", "Sangat  Baik", ""},
		{"performance", "butuh\u00a0perbaikan", ""},
	}
	header := map[string]string{"status": "Status", "employment": "Jenis Pegawai", "performance": "Kinerja"}
	for _, tc := range tests {
		t.Run(tc.column+" "+tc.cell, func(t *testing.T) {
			body := "NIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan;" + header[tc.column] + "\n" +
				"198609262015051001;Ani;guru;" + unit + ";26/09/1986;01/07/2019;" + tc.cell + "\n"
			res, err := importFiles(t, s, Options{DryRun: tc.want != ""}, writeFile(t, "pegawai.csv", body))
			if tc.want == "" {
				want := Problem{File: "pegawai.csv", Row: 2, Column: tc.column, Value: tc.cell, Code: "invalid_enum"}
				if !errors.Is(err, ErrRejected) || len(res.Problems) != 1 || res.Problems[0].Code != want.Code ||
					res.Problems[0].Column != want.Column || res.Problems[0].Value != want.Value {
					t.Fatalf("got %v %+v, want %+v", err, res.Problems, want)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v %+v", err, res.Problems)
			}
			res, err = importFiles(t, s, Options{}, writeFile(t, "pegawai.csv", body))
			if err != nil {
				t.Fatalf("%v %+v", err, res.Problems)
			}
			var got string
			if err := s.DB().QueryRow(`SELECT ` + tc.column + ` FROM staff WHERE nip = '198609262015051001'`).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("stored %q, want %q", got, tc.want)
			}
		})
	}
}

// TestImportProblems: each class of bad input gets its exact report, and nothing is stored.
func TestImportProblems(t *testing.T) {
	s := datatest.DemoStore(t)
	unit := demoUnit(t, s)
	header := "NIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan;Status\n"
	good := func(nip, birth string) string {
		return nip + ";Ani;guru;" + unit + ";" + birth + ";01/07/2019;aktif\n"
	}
	tests := []struct {
		name string
		body string
		want Problem
	}{
		{"NIP typed as a number in Excel", header + "1.98609E+17;Ani;guru;" + unit + ";26/09/1986;01/07/2019;aktif\n",
			Problem{Row: 2, Column: "nip", Value: "1.98609E+17", Code: "nip_float"}},
		{"NIP one digit short", header + good("19860926201505100", "26/09/1986"),
			Problem{Row: 2, Column: "nip", Value: "19860926201505100", Code: "nip_length", Param: "17"}},
		{"NIP sex digit", header + good("198609262015053001", "26/09/1986"),
			Problem{Row: 2, Column: "nip", Value: "198609262015053001", Code: "nip_sex"}},
		{"birth date differs from the NIP", header + good("198609262015051001", "27/09/1986"),
			Problem{Row: 2, Column: "birth_date", Value: "27/09/1986", Code: "nip_birth_mismatch", Param: "19860926"}},
		{"a date that does not exist", header + good("198609262015051001", "31/02/1986"),
			Problem{Row: 2, Column: "birth_date", Value: "31/02/1986", Code: "invalid_date"}},
		{"required name missing", header + "198609262015051001;;guru;" + unit + ";26/09/1986;01/07/2019;aktif\n",
			Problem{Row: 2, Column: "name", Code: "required"}},
		{"unit neither in the files nor in the database", header + "198609262015051001;Ani;guru;NOPE;26/09/1986;01/07/2019;aktif\n",
			Problem{Row: 2, Column: "unit_code", Value: "NOPE", Code: "unknown_unit"}},
		{"unknown cadre", header + "198609262015051001;Ani;astronot;" + unit + ";26/09/1986;01/07/2019;aktif\n",
			Problem{Row: 2, Column: "cadre_code", Value: "astronot", Code: "unknown_cadre"}},
		{"status not allowed", header + "198609262015051001;Ani;guru;" + unit + ";26/09/1986;01/07/2019;libur\n",
			Problem{Row: 2, Column: "status", Value: "libur", Code: "invalid_enum", Param: "aktif, cuti, tugas_belajar, diberhentikan_sementara, pensiun"}},
		{"same NIP twice", header + good("198609262015051001", "26/09/1986") + good("198609262015051001", "26/09/1986"),
			Problem{Row: 3, Column: "nip", Value: "198609262015051001", Code: "duplicate", Param: "staff.csv row 2"}},
		{"a required column missing from the header", "NIP;Nama;Unit Kerja;Tanggal Lahir;TMT Jabatan\n198609262015051001;Ani;" + unit + ";26/09/1986;01/07/2019\n",
			Problem{Row: 1, Column: "cadre_code", Code: "missing_column"}},
		{"a line with too many fields", header + good("198609262015051001", "26/09/1986") + "199002152019032004;Budi;guru;" + unit + ";15/02/1990;01/07/2019;aktif;extra\n",
			Problem{Row: 3, Value: "199002152019032004;Budi;guru;" + unit + ";15/02/1990;01/07/2019;aktif;extra", Code: "csv_line", Param: "too many columns"}},
	}
	before := count(t, s, `SELECT count(*) FROM staff`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := importFiles(t, s, Options{}, writeFile(t, "staff.csv", tt.body))
			if !errors.Is(err, ErrRejected) {
				t.Fatalf("err %v, want ErrRejected; problems %v", err, res.Problems)
			}
			tt.want.File = "staff.csv"
			found := false
			for _, p := range res.Problems {
				if p == tt.want {
					found = true
				}
			}
			if !found {
				t.Errorf("want problem %+v\ngot %+v", tt.want, res.Problems)
			}
			if msg := tt.want.Format("id"); !strings.HasPrefix(msg, "staff.csv baris ") {
				t.Errorf("report %q does not say file and row", msg)
			}
		})
	}
	if n := count(t, s, `SELECT count(*) FROM staff`); n != before {
		t.Errorf("rejected batches changed the staff table: %d rows, want %d", n, before)
	}
	if n := count(t, s, `SELECT count(*) FROM import_runs WHERE outcome = 'rejected'`); n != len(tests) {
		t.Errorf("%d rejected runs recorded, want %d", n, len(tests))
	}
}

func TestWorkloadAndRangeProblems(t *testing.T) {
	s := datatest.DemoStore(t)
	unit := demoUnit(t, s)
	res, err := importFiles(t, s, Options{}, writeFile(t, "beban.csv",
		"Unit Kerja,Periode,Indikator,Nilai\n"+unit+",2026-11,siswa,\"1.234,5\"\n"+unit+",12/2026,siswa,-3\n"+unit+",2026-13,siswa,5\n"+
			// The same unit, month and indicator as row 2, written differently: a repeated key.
			unit+",11/2026,Siswa,7\n"+unit+",2026-10,siswa,7\n"))
	if !errors.Is(err, ErrRejected) {
		t.Fatalf("err %v", err)
	}
	want := []Problem{
		{File: "beban.csv", Row: 3, Column: "value", Value: "-3", Code: "min", Param: "0"},
		{File: "beban.csv", Row: 4, Column: "period", Value: "2026-13", Code: "invalid_month"},
		{File: "beban.csv", Row: 5, Column: "unit_code", Value: unit, Code: "duplicate", Param: "beban.csv row 2"},
	}
	for _, w := range want {
		found := false
		for _, p := range res.Problems {
			found = found || p == w
		}
		if !found {
			t.Errorf("want %+v in %+v", w, res.Problems)
		}
	}
	if res.ProblemCount != 3 {
		t.Errorf("%d problems, want 3: %v", res.ProblemCount, res.Problems)
	}
	units := writeFile(t, "units.csv", "Kode Unit;Nama Unit;Jenis;Kode Instansi;Kode Wilayah;Lintang;Bujur\n"+
		"X1;SD Baru;sd;36.73-disdik;36.73.05.1001;-6,1;106,2\nX2;SD Jauh;sd;36.73-disdik;36.73.05.1001;40,0;106,2\n")
	res, _ = importFiles(t, s, Options{}, units)
	if len(res.Problems) != 1 || res.Problems[0].Code != "outside_indonesia" || res.Problems[0].Row != 3 {
		t.Errorf("coordinates: %+v", res.Problems)
	}
}

// TestWorkloadUpsert: on a three-column key, a file that repeats one stored row, changes another
// and adds a third inserts, updates and keeps exactly those.
func TestWorkloadUpsert(t *testing.T) {
	s := datatest.DemoStore(t)
	unit := demoUnit(t, s)
	header := "Unit Kerja;Periode;Indikator;Nilai\n"
	if res, err := importFiles(t, s, Options{}, writeFile(t, "beban.csv", header+
		unit+";2030-01;siswa;480\n"+unit+";2030-02;siswa;481\n")); err != nil {
		t.Fatalf("first import: %v %+v", err, res.Problems)
	}
	res, err := importFiles(t, s, Options{}, writeFile(t, "beban.csv", header+
		unit+";2030-01;siswa;480\n"+unit+";2030-02;SISWA;490\n"+unit+";2030-03;siswa;482\n"))
	if err != nil {
		t.Fatalf("second import: %v %+v", err, res.Problems)
	}
	if got := res.Counts["workload"]; got != (Counts{Inserted: 1, Updated: 1, Unchanged: 1}) {
		t.Errorf("counts %+v, want 1 inserted, 1 updated, 1 unchanged", got)
	}
	if n := count(t, s, `SELECT count(*) FROM workload WHERE unit_code = ? AND year(period) = 2030`, unit); n != 3 {
		t.Errorf("%d workload rows in 2030, want 3", n)
	}
	if n := count(t, s, `SELECT count(*) FROM workload WHERE unit_code = ? AND period = DATE '2030-02-01' AND value = 490`, unit); n != 1 {
		t.Error("changed value not stored")
	}
	if err := s.CheckIntegrity(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestBatchIsAllOrNothing: a batch whose second file is bad leaves no trace of the first; a
// failure after writing (here, in AfterApply) rolls everything back.
func TestBatchIsAllOrNothing(t *testing.T) {
	s := datatest.DemoStore(t)
	units := writeFile(t, "units.csv", "Kode Unit;Nama Unit;Jenis;Kode Instansi;Kode Wilayah\nX1;SD Baru;sd;36.73-disdik;36.73.05.1001\n")
	staff := writeFile(t, "staff.csv", "NIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan\n"+
		"198609262015051001;Ani;guru;X1;26/09/1986;01/07/2019\n")
	badStaff := writeFile(t, "staff.csv", "NIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan\n"+
		"198609262015051001;Ani;guru;X1;31/09/1986;01/07/2019\n")
	if _, err := importFiles(t, s, Options{}, units, badStaff); !errors.Is(err, ErrRejected) {
		t.Fatalf("bad batch: %v", err)
	}
	if n := count(t, s, `SELECT count(*) FROM units WHERE code = 'X1'`); n != 0 {
		t.Fatal("the unit of a rejected batch was stored")
	}
	boom := errors.New("disk full")
	_, err := importFiles(t, s, Options{AfterApply: func(context.Context, *sql.Conn, *sql.Tx, Changes) error { return boom }}, units, staff)
	if !errors.Is(err, boom) {
		t.Fatalf("failing batch: %v", err)
	}
	if n := count(t, s, `SELECT count(*) FROM units WHERE code = 'X1'`) + count(t, s, `SELECT count(*) FROM staff WHERE unit_code = 'X1'`); n != 0 {
		t.Fatal("a batch that failed after writing left rows behind")
	}
	if n := count(t, s, `SELECT count(*) FROM import_runs WHERE outcome = 'failed'`); n != 1 {
		t.Errorf("%d failed runs recorded, want 1", n)
	}
	// The same batch succeeds: the staff file refers to a unit that only its batch brings.
	res, err := importFiles(t, s, Options{}, staff, units)
	if err != nil {
		t.Fatalf("good batch: %v %v", err, res.Problems)
	}
	if res.Counts["units"].Inserted != 1 || res.Counts["staff"].Inserted != 1 {
		t.Errorf("counts %+v", res.Counts)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	s := datatest.DemoStore(t)
	src := writeFile(t, "pegawai.csv", staffCSV(demoUnit(t, s)))
	before := count(t, s, `SELECT count(*) FROM staff`)
	res, err := importFiles(t, s, Options{DryRun: true}, src)
	if err != nil {
		t.Fatal(err)
	}
	if res.Applied || res.Counts["staff"].Inserted != 2 {
		t.Errorf("dry run result %+v", res)
	}
	if n := count(t, s, `SELECT count(*) FROM staff`); n != before {
		t.Errorf("dry run wrote %d staff", n-before)
	}
	if n := count(t, s, `SELECT count(*) FROM import_runs WHERE outcome = 'dry_run' AND inserted = 2`); n != 1 {
		t.Error("dry run not in the history")
	}
}

// TestParquetWithFloatNIP: a Parquet file whose NIP column is a DOUBLE is caught like a NIP
// typed as a number in Excel; the good rows' dates (DATE columns) are read as dates.
func TestParquetWithFloatNIP(t *testing.T) {
	s := datatest.DemoStore(t)
	unit := demoUnit(t, s)
	path := filepath.Join(t.TempDir(), "pegawai.parquet")
	_, err := s.DB().Exec(`COPY (
		SELECT * FROM (VALUES
			('198609262015051001', 'Ani', 'guru', $unit, DATE '1986-09-26', DATE '2019-07-01'),
			('199002152019032004', 'Budi', 'guru', $unit, DATE '1990-02-15', DATE '2019-03-01'))
		t(nip, name, cadre_code, unit_code, birth_date, post_start)
	) TO '`+path+`' (FORMAT parquet)`, sql.Named("unit", unit))
	if err != nil {
		t.Fatal(err)
	}
	res, err := importFiles(t, s, Options{}, Source{Name: "pegawai.parquet", Path: path})
	if err != nil {
		t.Fatalf("%v %v", err, res.Problems)
	}
	if res.Counts["staff"].Inserted != 2 {
		t.Errorf("counts %+v", res.Counts)
	}
	floatPath := filepath.Join(t.TempDir(), "float.parquet")
	_, err = s.DB().Exec(`COPY (SELECT 198609262015051001::DOUBLE AS nip, 'Ani' AS name, 'guru' AS cadre_code, $unit AS unit_code,
		DATE '1986-09-26' AS birth_date, DATE '2019-07-01' AS post_start) TO '`+floatPath+`' (FORMAT parquet)`, sql.Named("unit", unit))
	if err != nil {
		t.Fatal(err)
	}
	res, err = importFiles(t, s, Options{}, Source{Name: "pegawai.parquet", Path: floatPath})
	if !errors.Is(err, ErrRejected) || len(res.Problems) == 0 || res.Problems[0].Code != "nip_float" {
		t.Errorf("float NIP: %v %+v", err, res.Problems)
	}
}

func TestUnrecognisedFile(t *testing.T) {
	s := datatest.Store(t)
	res, err := importFiles(t, s, Options{}, writeFile(t, "data.csv", "a,b,c\n1,2,3\n"))
	if !errors.Is(err, ErrRejected) || len(res.Problems) != 1 || res.Problems[0].Code != "unknown_kind" {
		t.Errorf("%v %+v", err, res.Problems)
	}
	if _, err := importFiles(t, s, Options{}, writeFile(t, "data.json", "{}")); err == nil || !strings.Contains(err.Error(), "unknown file type") {
		t.Errorf("json: %v", err)
	}
	big := writeFile(t, "pegawai.csv", strings.Repeat("x", 2048))
	if _, err := importFiles(t, s, Options{Limits: Limits{MaxFileBytes: 1024, MaxXLSXUnpacked: 1 << 20, MaxXLSXRatio: 100}}, big); err == nil ||
		!strings.Contains(err.Error(), "over the import limit") {
		t.Errorf("oversized file: %v", err)
	}
}

// TestTemplateRoundTrip: the blank templates, filled only with their example rows, import as
// one batch (the staff and workload examples refer to the unit of the units example).
func TestTemplateRoundTrip(t *testing.T) {
	s := datatest.DemoStore(t)
	var files []Source
	for _, name := range []string{"units", "staff", "workload"} {
		for _, format := range []string{TemplateXLSX, TemplateCSV} {
			kind, _ := KindByName(name)
			path := filepath.Join(t.TempDir(), TemplateFileName(kind, format))
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := WriteTemplate(f, kind, format, "id"); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			if format == TemplateXLSX {
				files = append(files, Source{Name: filepath.Base(path), Path: path})
			} else if name == "workload" {
				// The CSV is checked on its own: alone, it refers to a unit only the XLSX batch brings.
				res, err := Import(context.Background(), s, []Source{{Name: filepath.Base(path), Path: path}}, Options{DryRun: true})
				if !errors.Is(err, ErrRejected) || res.Problems[0].Code != "unknown_unit" {
					t.Errorf("workload CSV template alone: %v %+v", err, res.Problems)
				}
			}
		}
	}
	res, err := Import(context.Background(), s, files, Options{})
	if err != nil {
		t.Fatalf("%v %+v", err, res.Problems)
	}
	for _, k := range []string{"units", "staff", "workload"} {
		if res.Counts[k].Inserted != 1 {
			t.Errorf("%s: %+v, want the example row inserted", k, res.Counts[k])
		}
	}
}

// TestImportPreferences: staff's ranked wishes load on (NIP, unit); an unknown NIP, an unknown
// unit and a rank outside 1..3 are reported on their cells; a re-import changes nothing.
func TestImportPreferences(t *testing.T) {
	s := datatest.DemoStore(t)
	unit := demoUnit(t, s)
	var nip string
	if err := s.DB().QueryRow(`SELECT min(nip) FROM staff`).Scan(&nip); err != nil {
		t.Fatal(err)
	}
	good := writeFile(t, "pilihan.csv", "NIP;Unit Pilihan;Urutan\n"+nip+";"+unit+";1\n")
	for i, want := range []Counts{{Inserted: 1}, {Unchanged: 1}} {
		res, err := importFiles(t, s, Options{}, good)
		if err != nil || res.Counts["preferences"] != want {
			t.Fatalf("import %d: %v, counts %+v, want %+v; problems %v", i+1, err, res.Counts["preferences"], want, res.Problems)
		}
	}
	bad := writeFile(t, "pilihan.csv", "NIP;Unit Pilihan;Urutan\n199901012020011999;"+unit+";1\n"+nip+";NOPE;2\n"+nip+";"+unit+";4\n")
	res, err := importFiles(t, s, Options{}, bad)
	if !errors.Is(err, ErrRejected) {
		t.Fatalf("err %v, want ErrRejected", err)
	}
	want := []Problem{
		{File: "pilihan.csv", Row: 2, Column: "nip", Value: "199901012020011999", Code: "unknown_staff"},
		{File: "pilihan.csv", Row: 3, Column: "unit_code", Value: "NOPE", Code: "unknown_unit"},
		{File: "pilihan.csv", Row: 4, Column: "rank", Value: "4", Code: "max", Param: "3"},
	}
	if len(res.Problems) != len(want) {
		t.Fatalf("problems %+v, want %+v", res.Problems, want)
	}
	for i := range want {
		if res.Problems[i] != want[i] {
			t.Errorf("problem %d: %+v, want %+v", i, res.Problems[i], want[i])
		}
	}
}

// TestAfterApplyChanges: AfterApply hears which kinds a batch changed and the periods of the
// workload figures it inserted or updated, not of those it found stored already.
func TestAfterApplyChanges(t *testing.T) {
	s := datatest.DemoStore(t)
	unit := demoUnit(t, s)
	workload := func(rows ...string) Source {
		return writeFile(t, "beban.csv", "Unit Kerja;Periode;Indikator;Nilai\n"+unit+strings.Join(rows, "\n"+unit)+"\n")
	}
	steps := []struct {
		name         string
		files        []Source
		periods      string // the changed periods, comma-separated
		onlyWorkload bool
	}{
		{"two new months", []Source{workload(";2030-01;siswa;480", ";2030-02;siswa;481")}, "2030-01,2030-02", true},
		{"one figure changed, one the same", []Source{workload(";2030-01;siswa;480", ";2030-02;siswa;490")}, "2030-02", true},
		{"nothing changed", []Source{workload(";2030-01;siswa;480", ";2030-02;siswa;490")}, "", true},
		{"staff added with a figure", []Source{writeFile(t, "pegawai.csv", staffCSV(unit)), workload(";2030-01;siswa;500")}, "2030-01", false},
		{"the same staff with a new month", []Source{writeFile(t, "pegawai.csv", staffCSV(unit)), workload(";2030-03;siswa;1")}, "2030-03", true},
		{"staff alone, the same", []Source{writeFile(t, "pegawai.csv", staffCSV(unit))}, "", true},
	}
	for _, step := range steps {
		var got *Changes
		opt := Options{AfterApply: func(_ context.Context, _ *sql.Conn, _ *sql.Tx, c Changes) error {
			got = &c
			return nil
		}}
		if res, err := importFiles(t, s, opt, step.files...); err != nil {
			t.Fatalf("%s: %v %+v", step.name, err, res.Problems)
		}
		if got == nil {
			t.Fatalf("%s: AfterApply did not run", step.name)
		}
		var periods []string
		for _, p := range got.WorkloadPeriods {
			periods = append(periods, p.Format("2006-01"))
		}
		if strings.Join(periods, ",") != step.periods || got.OnlyWorkload() != step.onlyWorkload {
			t.Errorf("%s: periods %v, only workload %v; want %q, %v", step.name, periods, got.OnlyWorkload(), step.periods, step.onlyWorkload)
		}
	}
	called := false
	opt := Options{DryRun: true, AfterApply: func(context.Context, *sql.Conn, *sql.Tx, Changes) error { called = true; return nil }}
	if _, err := importFiles(t, s, opt, workload(";2030-04;siswa;1")); err != nil || called {
		t.Errorf("dry run: AfterApply ran %v, error %v", called, err)
	}
}
