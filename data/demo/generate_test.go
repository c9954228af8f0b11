package demo

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
)

// newStore gives a test a fresh, migrated in-memory database.
func newStore(t testing.TB) *data.Store {
	t.Helper()
	s, err := data.Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// generated gives a test a fresh database holding the test-scale dataset of seed.
func generated(t testing.TB, seed uint64) (*data.Store, Summary) {
	t.Helper()
	s := newStore(t)
	sum, err := Generate(context.Background(), s, Options{Scale: ScaleTest, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return s, sum
}

// queryInt runs a query returning one integer.
func queryInt(t *testing.T, s *data.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// dump hashes the generated tables in key order, every column, so any change shows.
func dump(t *testing.T, s *data.Store) [sha256.Size]byte {
	t.Helper()
	h := sha256.New()
	for _, q := range []string{
		`SELECT * FROM agencies ORDER BY code`,
		`SELECT * FROM agency_settings ORDER BY agency_code`,
		`SELECT * FROM units ORDER BY code`,
		`SELECT * FROM staff ORDER BY nip`,
		`SELECT * FROM workload ORDER BY unit_code, period, indicator`,
	} {
		hashQuery(t, s, h, q)
	}
	var out [sha256.Size]byte
	copy(out[:], h.Sum(nil))
	return out
}

// hashQuery writes every value of every row of q into h.
func hashQuery(t *testing.T, s *data.Store, h io.Writer, q string) {
	t.Helper()
	rows, err := s.DB().QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			fmt.Fprintf(h, "%v\x1f", v)
		}
		fmt.Fprintln(h)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, sumA := generated(t, 1)
	b, sumB := generated(t, 1)
	c, _ := generated(t, 2)
	if sumA != sumB {
		t.Fatalf("summaries differ for the same seed: %+v vs %+v", sumA, sumB)
	}
	if dump(t, a) != dump(t, b) {
		t.Error("same seed gave different tables")
	}
	if dump(t, a) == dump(t, c) {
		t.Error("seeds 1 and 2 gave identical tables")
	}
}

func TestTestScaleSize(t *testing.T) {
	s, sum := generated(t, 1)
	if sum.Regions != 1 || sum.Periods != nPeriods {
		t.Errorf("summary %+v: want 1 region and %d periods", sum, nPeriods)
	}
	if sum.Units < 40 || sum.Units > 80 {
		t.Errorf("%d units, want 40-80", sum.Units)
	}
	for table, want := range map[string]int{"units": sum.Units, "staff": sum.Staff, "workload": sum.WorkloadRows, "agencies": sum.Agencies} {
		if got := queryInt(t, s, `SELECT count(*) FROM `+table); got != want {
			t.Errorf("%s has %d rows, summary says %d", table, got, want)
		}
	}
	// The province agency owns SMA/SMK; the city owns the rest.
	if n := queryInt(t, s, `SELECT count(*) FROM agencies WHERE code = '36-disdik' AND name = 'Dinas Pendidikan Provinsi Banten'`); n != 1 {
		t.Error("no Dinas Pendidikan Provinsi Banten")
	}
	if n := queryInt(t, s, `SELECT count(*) FROM units WHERE unit_type IN ('sma', 'smk') AND agency_code <> '36-disdik'`); n != 0 {
		t.Errorf("%d SMA/SMK not run by the province", n)
	}
}

func TestGenerateRefusesNonEmptyDatabase(t *testing.T) {
	s, sum := generated(t, 1)
	_, err := Generate(context.Background(), s, Options{Scale: ScaleTest, Seed: 1})
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second Generate: got %v, want ErrNotEmpty", err)
	}
	if n := queryInt(t, s, `SELECT count(*) FROM units`); n != sum.Units {
		t.Errorf("refused Generate changed units: %d, want %d", n, sum.Units)
	}
}

func TestNIPStructure(t *testing.T) {
	s, sum := generated(t, 1)
	checks := []struct {
		name, where string
	}{
		{"not 18 digits", `NOT regexp_full_match(nip, '[0-9]{18}')`},
		{"birth date prefix differs from birth_date", `substr(nip, 1, 8) <> strftime(birth_date, '%Y%m%d')`},
		{"sex digit not 1 or 2", `substr(nip, 15, 1) NOT IN ('1', '2')`},
		{"appointed before age 20", `strptime(substr(nip, 9, 6) || '01', '%Y%m%d') < birth_date + INTERVAL 20 YEAR`},
		{"appointed after 2026-10", `substr(nip, 9, 6) > '202610'`},
		{"appointed after taking up the post", `substr(nip, 9, 6) > strftime(post_start, '%Y%m')`},
		{"sequence 000", `substr(nip, 16, 3) = '000'`},
	}
	for _, c := range checks {
		if n := queryInt(t, s, `SELECT count(*) FROM staff WHERE `+c.where); n != 0 {
			t.Errorf("%d NIPs %s", n, c.name)
		}
	}
	if n := queryInt(t, s, `SELECT count(DISTINCT nip) FROM staff`); n != sum.Staff {
		t.Errorf("%d distinct NIPs for %d staff", n, sum.Staff)
	}
	// Midwives are women; the NIP must say so.
	if n := queryInt(t, s, `SELECT count(*) FROM staff WHERE cadre_code = 'bidan' AND substr(nip, 15, 1) <> '2'`); n != 0 {
		t.Errorf("%d midwives with a male NIP", n)
	}
}

func TestUnitsStandInRealVillagesOfTheirAgency(t *testing.T) {
	s, _ := generated(t, 1)
	checks := []struct{ name, q string }{
		{"region_code not a level-4 region", `SELECT count(*) FROM units u LEFT JOIN regions r ON r.code = u.region_code
			WHERE r.code IS NULL OR r.level <> 4`},
		{"agency missing", `SELECT count(*) FROM units u LEFT JOIN agencies a ON a.code = u.agency_code WHERE a.code IS NULL`},
		{"outside the agency's region", `SELECT count(*) FROM units u JOIN agencies a ON a.code = u.agency_code
			WHERE NOT starts_with(u.region_code, a.region_code || '.')`},
		{"agency region not a province or regency", `SELECT count(*) FROM agencies a LEFT JOIN regions r ON r.code = a.region_code
			WHERE r.code IS NULL OR r.level > 2`},
		{"staff of a missing unit", `SELECT count(*) FROM staff s LEFT JOIN units u ON u.code = s.unit_code WHERE u.code IS NULL`},
		{"workload of a missing unit", `SELECT count(*) FROM workload w LEFT JOIN units u ON u.code = w.unit_code WHERE u.code IS NULL`},
		{"unknown unit type", `SELECT count(*) FROM units u LEFT JOIN unit_types t ON t.code = u.unit_type WHERE t.code IS NULL`},
		{"unknown cadre", `SELECT count(*) FROM staff s LEFT JOIN cadres c ON c.code = s.cadre_code WHERE c.code IS NULL`},
		{"unknown indicator", `SELECT count(*) FROM workload w LEFT JOIN indicators i ON i.code = w.indicator WHERE i.code IS NULL`},
		{"kelurahan office in a desa", `SELECT count(*) FROM units WHERE unit_type = 'kelurahan' AND substr(region_code, 10, 1) <> '1'`},
		{"guru outside a school", `SELECT count(*) FROM staff s JOIN units u ON u.code = s.unit_code
			WHERE (s.cadre_code = 'guru') <> (u.unit_type IN ('sd', 'smp', 'sma', 'smk'))`},
	}
	for _, c := range checks {
		if n := queryInt(t, s, c.q); n != 0 {
			t.Errorf("%d rows: %s", n, c.name)
		}
	}
	if n := queryInt(t, s, `SELECT count(*) FROM units WHERE name = 'Kantor Kelurahan Cipocok Jaya' AND region_code = '36.73.05.1001'`); n != 1 {
		t.Error("no Kantor Kelurahan Cipocok Jaya in 36.73.05.1001")
	}
}

func TestCoordinatesInsideIndonesia(t *testing.T) {
	s, _ := generated(t, 1)
	outside := func(lat, lon string) string {
		return fmt.Sprintf("NOT (%s BETWEEN %v AND %v AND %s BETWEEN %v AND %v)", lat, minLat, maxLat, lon, minLon, maxLon)
	}
	for _, q := range []string{
		`SELECT count(*) FROM units WHERE ` + outside("lat", "lon"),
		`SELECT count(*) FROM staff WHERE ` + outside("home_lat", "home_lon"),
	} {
		if n := queryInt(t, s, q); n != 0 {
			t.Errorf("%d coordinates outside Indonesia: %s", n, q)
		}
	}
	// Kota Serang's units cluster around 6.12 S 106.15 E.
	if n := queryInt(t, s, `SELECT count(*) FROM units WHERE abs(lat + 6.12) > 0.2 OR abs(lon - 106.15) > 0.2`); n != 0 {
		t.Errorf("%d Kota Serang units far from the city", n)
	}
}

func TestCipocokJayaSchoolsOutgrewTheirTeachers(t *testing.T) {
	s, _ := generated(t, 1)
	var schools, short int
	var minGrowth, maxGrowth float64
	err := s.DB().QueryRowContext(context.Background(), `
		WITH school AS (
			SELECT u.code,
				(SELECT value FROM workload w WHERE w.unit_code = u.code AND w.indicator = 'siswa' AND w.period = DATE '2024-11-01') AS first,
				(SELECT value FROM workload w WHERE w.unit_code = u.code AND w.indicator = 'siswa' AND w.period = DATE '2026-10-01') AS last,
				(SELECT count(*) FROM staff st WHERE st.unit_code = u.code AND st.cadre_code = 'guru') AS teachers
			FROM units u
			WHERE starts_with(u.region_code, '36.73.05.') AND u.unit_type IN ('sd', 'smp'))
		SELECT count(*), count(*) FILTER (WHERE last / 20 > teachers), min(last / first), max(last / first)
		FROM school`).Scan(&schools, &short, &minGrowth, &maxGrowth)
	if err != nil {
		t.Fatal(err)
	}
	if schools < 10 {
		t.Fatalf("%d SD/SMP in Cipocok Jaya, want at least 10", schools)
	}
	if float64(short) < 0.8*float64(schools) {
		t.Errorf("%d of %d Cipocok Jaya schools have fewer teachers than students/20, want most", short, schools)
	}
	if minGrowth < 1.2 || maxGrowth > 1.4 {
		t.Errorf("enrolment grew by a factor %.2f-%.2f over the window, want about 1.25-1.35", minGrowth, maxGrowth)
	}
}

func TestStoryCasesPresent(t *testing.T) {
	s, _ := generated(t, 1)
	checks := []struct {
		name string
		q    string
	}{
		{"units without workload", `SELECT count(*) FROM units u WHERE NOT EXISTS (SELECT 1 FROM workload w WHERE w.unit_code = u.code)`},
		{"units with workload but no staff", `SELECT count(*) FROM units u
			WHERE EXISTS (SELECT 1 FROM workload w WHERE w.unit_code = u.code AND w.value > 0)
			AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.unit_code = u.code)`},
		{"units that stopped reporting", `SELECT count(*) FROM (SELECT unit_code FROM workload GROUP BY 1
			HAVING max(period) < DATE '2026-10-01')`},
		{"staff who took up their post inside the window", `SELECT count(*) FROM staff WHERE post_start >= DATE '2024-11-01'`},
		{"staff within a year of retirement", `SELECT count(*) FROM staff s JOIN cadres c ON c.code = s.cadre_code
			WHERE s.birth_date + to_years(c.retirement_age) <= DATE '2027-10-01'`},
		{"PPPK staff", `SELECT count(*) FROM staff WHERE employment = 'PPPK'`},
		{"agencies besides the province's", `SELECT count(*) FROM agencies WHERE region_code = '36.73'`},
	}
	for _, c := range checks {
		if n := queryInt(t, s, c.q); n == 0 {
			t.Errorf("no %s", c.name)
		}
	}
	if n := queryInt(t, s, `SELECT count(*) FROM staff s JOIN cadres c ON c.code = s.cadre_code
		WHERE s.birth_date + to_years(c.retirement_age) <= DATE '2026-10-01'`); n != 0 {
		t.Errorf("%d staff at or past retirement age by the end of the window", n)
	}
	if n := queryInt(t, s, `SELECT count(*) FROM workload WHERE value < 0 OR value <> round(value)`); n != 0 {
		t.Errorf("%d workload values negative or fractional", n)
	}
	if n := queryInt(t, s, `SELECT count(DISTINCT period) FROM workload`); n != nPeriods {
		t.Errorf("workload covers %d periods, want %d", n, nPeriods)
	}
}

func TestParseScale(t *testing.T) {
	tests := []struct {
		in      string
		want    Scale
		wantErr bool
	}{
		{"test", ScaleTest, false},
		{"City", ScaleCity, false},
		{" province ", ScaleProvince, false},
		{"national", ScaleNational, false},
		{"", "", true},
		{"regency", "", true},
	}
	for _, tt := range tests {
		got, err := ParseScale(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseScale(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestPeriods(t *testing.T) {
	p := Periods()
	if len(p) != 24 {
		t.Fatalf("%d periods, want 24", len(p))
	}
	first, last := time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	if !p[0].Equal(first) || !p[23].Equal(last) {
		t.Errorf("periods %v .. %v, want %v .. %v", p[0], p[23], first, last)
	}
	for i, d := range p {
		if d.Day() != 1 || d.Location() != time.UTC || (i > 0 && d.AddDate(0, -1, 0) != p[i-1]) {
			t.Errorf("period %d = %v: want consecutive month starts in UTC", i, d)
		}
	}
}

func BenchmarkGenerateCity(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s, err := data.Open(ctx, "")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := Generate(ctx, s, Options{Scale: ScaleCity, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		b.ReportMetric(float64(sum.Staff), "staff/op")
		_ = s.Close()
		b.StartTimer()
	}
}

func TestGenerateIntoFileRestoresCheckpointThreshold(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(ctx, t.TempDir()+"/demo.duckdb")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	var before, after string
	if err := s.DB().QueryRowContext(ctx, `SELECT current_setting('checkpoint_threshold')`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(ctx, s, Options{Scale: ScaleTest, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRowContext(ctx, `SELECT current_setting('checkpoint_threshold')`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("checkpoint_threshold %q after Generate, was %q", after, before)
	}
}

// TestStoredInUnitOrder: the demo leaves staff and workload in unit order (migrations 11 and
// 12), which is what lets a unit page read a few row groups of a national dataset instead of
// all of them.
func TestStoredInUnitOrder(t *testing.T) {
	s, _ := generated(t, 1)
	for _, table := range []string{"staff", "workload"} {
		if n := queryInt(t, s, `SELECT count(*) FROM (
			SELECT unit_code, lag(unit_code) OVER (ORDER BY rowid) AS before FROM `+table+`) WHERE unit_code < before`); n != 0 {
			t.Errorf("%d %s rows stored after a later unit's", n, table)
		}
	}
}
