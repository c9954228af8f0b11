package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/importer"
)

// TestRefreshByPeriodMatchesFullRefresh (issue 8): on the city demo, batches are imported one
// after the other as the CLI imports them (RefreshAfterImport). After each, the refresh took
// the path the batch calls for (by period, or the full rebuild it falls back to), and every
// rollup row equals what a full rebuild writes from the same data. The full rebuild runs in a
// transaction that is rolled back, so each batch's refresh by period builds on the rows the
// earlier ones left, as in production.
func TestRefreshByPeriodMatchesFullRefresh(t *testing.T) {
	store := cityDemoStore(t, 5)
	month := func(p time.Time) string { return p.Format("2006-01") }
	// workload exports n figures of period (all when n is 0) dated as, each value changed by
	// change (nil keeps it).
	workload := func(period, as time.Time, n int, change func(i int, v float64) float64) string {
		q := `SELECT unit_code || ';' || indicator || ';' || value FROM workload WHERE period = ? ORDER BY hash(unit_code, indicator)`
		if n > 0 {
			q += fmt.Sprintf(" LIMIT %d", n)
		}
		var b strings.Builder
		b.WriteString("Unit Kerja;Periode;Indikator;Nilai\n")
		for i, r := range queryStrings(t, store, q, period) {
			f := strings.Split(r, ";")
			var v float64
			if _, err := fmt.Sscan(f[2], &v); err != nil {
				t.Fatal(err)
			}
			if change != nil {
				v = change(i, v)
			}
			fmt.Fprintf(&b, "%s;%s;%s;%s\n", f[0], month(as), f[1], strings.ReplaceAll(fmt.Sprint(v), ".", ","))
		}
		return b.String()
	}
	varied := func(i int, v float64) float64 { return []float64{0, v * 2, 7, v + 1}[i%4] }
	periods := func() []time.Time {
		return queryColumn[time.Time](t, store, `SELECT DISTINCT period FROM workload ORDER BY period`)
	}
	// Units as stored, for a batch that carries them unchanged.
	units := func() string {
		rows := queryStrings(t, store, `SELECT code || ';"' || name || '";' || unit_type || ';' || agency_code || ';' || region_code
			FROM units ORDER BY hash(code) LIMIT 20`)
		return "Kode Unit;Nama;Jenis;Kode Instansi;Kode Wilayah\n" + strings.Join(rows, "\n") + "\n"
	}
	moved := func() string {
		f := strings.Split(queryStrings(t, store, `SELECT s.nip || ';' || s.cadre_code || ';' || u.code || ';' || strftime(s.birth_date, '%d/%m/%Y')
			FROM staff s JOIN units u ON u.code <> s.unit_code AND u.unit_type = (SELECT unit_type FROM units WHERE code = s.unit_code)
			WHERE s.status = 'aktif' ORDER BY hash(s.nip), u.code LIMIT 1`)[0], ";")
		return fmt.Sprintf("NIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan\n%s;Pindah;%s;%s;%s;%s\n",
			f[0], f[1], f[2], f[3], "01/"+periods()[5].Format("01/2006"))
	}

	// Moves of working people into their current unit from units picked at random (of
	// other types too, whose norms lack the person's cadre), inside the periods and before
	// them: without departures every unit and cadre pair has a row from the norms or from
	// staff still in post, and which period is the first would change nothing.
	moves := func() string {
		ps := periods()
		people := queryStrings(t, store, `SELECT nip || ';' || unit_code FROM staff WHERE status = 'aktif' ORDER BY hash(nip) LIMIT 400`)
		units := queryStrings(t, store, `SELECT code FROM units ORDER BY hash(code)`)
		var b strings.Builder
		b.WriteString("NIP;Tanggal;Unit Asal;Unit Tujuan\n")
		for i, p := range people {
			f := strings.Split(p, ";")
			on := ps[1+i%(len(ps)-2)]
			if i%4 == 0 {
				on = ps[0].AddDate(0, -3, 0)
			}
			fmt.Fprintf(&b, "%s;%s;%s;%s\n", f[0], on.AddDate(0, 0, 9).Format("02/01/2006"), units[i%len(units)], f[1])
		}
		return b.String()
	}
	type file struct{ name, content string }
	steps := []struct {
		name  string
		setup func() // before the batch, outside any refresh
		files func() []file
		full  bool
	}{
		{name: "transfers", full: true, files: func() []file { return []file{{"mutasi.csv", moves()}} }},
		{name: "figures of a middle period change", full: false, files: func() []file {
			p := periods()[10]
			return []file{{"beban.csv", workload(p, p, 300, varied)}}
		}},
		{name: "figures of the first period change", full: false, files: func() []file {
			p := periods()[0]
			return []file{{"beban.csv", workload(p, p, 300, varied)}}
		}},
		{name: "figures of the last and another period change", full: false, files: func() []file {
			ps := periods()
			a, b := ps[len(ps)-1], ps[3]
			return []file{{"beban.csv", workload(a, a, 200, varied) + strings.SplitN(workload(b, b, 200, varied), "\n", 2)[1]}}
		}},
		{name: "the same figures again: nothing changes", full: false, files: func() []file {
			p := periods()[7]
			return []file{{"beban.csv", workload(p, p, 200, nil)}}
		}},
		{name: "a new month after the last", full: false, files: func() []file {
			ps := periods()
			last := ps[len(ps)-1]
			return []file{{"beban.csv", workload(last, last.AddDate(0, 1, 0), 0, func(i int, v float64) float64 { return v * (1 + float64(i%5)/10) })}}
		}},
		{name: "the new month's figures change again", full: false, files: func() []file {
			ps := periods()
			last := ps[len(ps)-1]
			return []file{{"beban.csv", workload(last, last, 500, varied)}}
		}},
		{name: "a month after a gap", full: false, files: func() []file {
			ps := periods()
			last := ps[len(ps)-1]
			return []file{{"beban.csv", workload(last, last.AddDate(0, 2, 0), 0, nil)}}
		}},
		{name: "the gap filled: a new month before the last falls back", full: true, files: func() []file {
			ps := periods()
			last := ps[len(ps)-1]
			return []file{{"beban.csv", workload(last, last.AddDate(0, -1, 0), 0, varied)}}
		}},
		{name: "a month before the first falls back", full: true, files: func() []file {
			first := periods()[0]
			return []file{{"beban.csv", workload(first, first.AddDate(0, -1, 0), 400, nil)}}
		}},
		{name: "workload with units that are all stored already", full: false, files: func() []file {
			p := periods()[12]
			return []file{{"unit.csv", units()}, {"beban.csv", workload(p, p, 300, varied)}}
		}},
		{name: "workload with a person moved falls back", full: true, files: func() []file {
			p := periods()[12]
			return []file{{"pegawai.csv", moved()}, {"beban.csv", workload(p, p, 300, varied)}}
		}},
		{name: "stale rollups fall back", full: true,
			setup: func() { execSQL(t, store, `UPDATE data_version SET refreshed_at = NULL`) },
			files: func() []file {
				p := periods()[2]
				return []file{{"beban.csv", workload(p, p, 100, varied)}}
			}},
		{name: "a month imported without a refresh makes the next batch fall back", full: true,
			setup: func() {
				ps := periods()
				last := ps[len(ps)-1]
				importFiles(t, store, importer.Options{Actor: "test"}, "beban.csv", workload(last, last.AddDate(0, 1, 0), 0, nil))
			},
			files: func() []file {
				p := periods()[4]
				return []file{{"beban.csv", workload(p, p, 100, varied)}}
			}},
		{name: "after the full refresh, by period again", full: false, files: func() []file {
			p := periods()[4]
			return []file{{"beban.csv", workload(p, p, 100, varied)}}
		}},
		// The unit rows' grade is an ENUM of the grades at the last full refresh.
		{name: "a new ABK grade falls back", full: true,
			setup: func() { execSQL(t, store, `INSERT INTO abk_grades VALUES ('F', 0, true)`) },
			files: func() []file {
				p := periods()[5]
				return []file{{"beban.csv", workload(p, p, 100, varied)}}
			}},
		// Unit rows name their unit by the number rollup_units gave it at the last full refresh:
		// a unit renamed behind the importer's back (its name orders the units) falls back.
		{name: "a unit renamed outside an import falls back", full: true,
			setup: func() {
				execSQL(t, store, `UPDATE units SET name = 'AAA ' || name WHERE code = (SELECT max(code) FROM units)`)
			},
			files: func() []file {
				p := periods()[6]
				return []file{{"beban.csv", workload(p, p, 100, varied)}}
			}},
	}
	for _, step := range steps {
		if step.setup != nil {
			step.setup()
		}
		var full, called bool
		opt := importer.Options{Actor: "test", AfterApply: func(ctx context.Context, conn *sql.Conn, tx *sql.Tx, c importer.Changes) error {
			var err error
			full, err = refreshAfterImport(ctx, conn, tx, c)
			called = true
			return err
		}}
		var args []string
		for _, f := range step.files() {
			args = append(args, f.name, f.content)
		}
		importFiles(t, store, opt, args...)
		if !called {
			t.Fatalf("%s: the import applied nothing", step.name)
		}
		if full != step.full {
			t.Errorf("%s: full rebuild %v, want %v", step.name, full, step.full)
		}
		assertRollupsAsFullRefresh(t, store, step.name)
		assertPeriodsContiguous(t, store, step.name)
	}
}

// importFiles imports one batch of (name, content) pairs.
func importFiles(t *testing.T, store *data.Store, opt importer.Options, nameContent ...string) {
	t.Helper()
	dir := t.TempDir()
	var sources []importer.Source
	for i := 0; i < len(nameContent); i += 2 {
		path := filepath.Join(dir, nameContent[i])
		if err := os.WriteFile(path, []byte(nameContent[i+1]), 0o600); err != nil {
			t.Fatal(err)
		}
		sources = append(sources, importer.Source{Name: nameContent[i], Path: path})
	}
	res, err := importer.Import(context.Background(), store, sources, opt)
	if err != nil {
		t.Fatalf("import %v: %v\n%.3000v", nameContent[0], err, res.Problems)
	}
}

// rollupTable names a rollup's key and its DOUBLE columns, which may differ in the last bits
// between two runs of the same sums in parallel; the other columns must be equal. source reads
// the rollup with its units' codes.
type rollupTable struct {
	name    string
	source  string
	key     []string
	doubles []string
	others  []string
}

var rollupTables = []rollupTable{
	{"unit_stats", "unit_figures_named", []string{"period", "unit_code", "cadre_code"},
		[]string{"workload", "required", "ratio", "difference", "workload_per_staff", "ej"},
		[]string{"unit_no", "unit_type", "agency_code", "region_code", "method", "actual", "required_rounded", "grade", "status",
			"shortage_people", "surplus_people", "unit_name"}},
	{"unit_history", "(SELECT u.code AS unit_code, h.* FROM unit_history h JOIN rollup_units u USING (unit_no))",
		[]string{"unit_code", "cadre_code", "period"},
		[]string{"workload", "required"}, []string{"unit_no", "actual", "status"}},
	{"scope_stats", "scope_stats", []string{"period", "scope_kind", "scope_code", "cadre_code", "unit_type"},
		[]string{"required", "gini"},
		[]string{"units", "positions", "staff", "staff_measured", "required_rounded", "shortage_people", "surplus_people",
			"n_severe_shortage", "n_shortage", "n_balanced", "n_surplus", "n_no_data"}},
}

// assertRollupsAsFullRefresh copies the rollups as they are, rebuilds them all in a
// transaction, compares row by row (the DOUBLEs to a relative 1e-9) and rolls the rebuild back.
func assertRollupsAsFullRefresh(t *testing.T, store *data.Store, step string) {
	t.Helper()
	ctx := context.Background()
	conn, err := store.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	for _, r := range rollupTables {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`CREATE TEMP TABLE kept_%s AS SELECT * FROM %s`, r.name, r.source)); err != nil {
			t.Fatal(err)
		}
	}
	if err := RefreshTx(ctx, conn, tx); err != nil {
		t.Fatal(err)
	}
	for _, r := range rollupTables {
		var on, differ []string
		for _, c := range r.key {
			on = append(on, fmt.Sprintf("k.%[1]s = f.%[1]s", c))
		}
		for _, c := range r.others {
			differ = append(differ, fmt.Sprintf("k.%[1]s IS DISTINCT FROM f.%[1]s", c))
		}
		for _, c := range r.doubles {
			differ = append(differ, fmt.Sprintf("(k.%[1]s IS NULL) <> (f.%[1]s IS NULL) OR abs(k.%[1]s - f.%[1]s) > 1e-9 * greatest(1, abs(f.%[1]s))", c))
		}
		var kept, rebuilt, unmatched, differing int
		q := fmt.Sprintf(`SELECT (SELECT count(*) FROM kept_%[1]s), (SELECT count(*) FROM %[5]s),
			count(*) FILTER (WHERE k.%[2]s IS NULL OR f.%[2]s IS NULL),
			count(*) FILTER (WHERE k.%[2]s IS NOT NULL AND f.%[2]s IS NOT NULL AND (%[3]s))
			FROM kept_%[1]s k FULL JOIN %[5]s f ON %[4]s`,
			r.name, r.key[0], strings.Join(differ, " OR "), strings.Join(on, " AND "), r.source)
		if err := tx.QueryRowContext(ctx, q).Scan(&kept, &rebuilt, &unmatched, &differing); err != nil {
			t.Fatalf("%s: compare %s: %v", step, r.name, err)
		}
		if kept != rebuilt || unmatched > 0 || differing > 0 || kept == 0 {
			t.Errorf("%s: %s has %d rows, a full rebuild %d; %d rows without a match, %d differ",
				step, r.name, kept, rebuilt, unmatched, differing)
		}
	}
}

// assertPeriodsContiguous checks that unit_stats keeps each period's rows together, which the
// pages' reads of one period rely on (queries/refresh_unit_stats.sql).
func assertPeriodsContiguous(t *testing.T, store *data.Store, step string) {
	t.Helper()
	var scattered int
	if err := store.DB().QueryRow(`SELECT count(*) FROM (
		SELECT period FROM unit_stats GROUP BY period HAVING max(rowid) - min(rowid) + 1 <> count(*))`).Scan(&scattered); err != nil {
		t.Fatal(err)
	}
	if scattered > 0 {
		t.Errorf("%s: %d periods of unit_stats are not one run of rows", step, scattered)
	}
}

func execSQL(t *testing.T, store *data.Store, q string) {
	t.Helper()
	if _, err := store.DB().Exec(q); err != nil {
		t.Fatal(err)
	}
}

// TestNationalRollupsAsFullRefresh holds the rollups of a national database, as the last
// refresh left them (by period after BenchmarkNationalWorkloadImport/by_period), to a full
// rebuild. It runs only when TIMBANG_CHECK_NATIONAL names the database: about 5 minutes and
// 12 GB of memory on the 2-core benchmark machine.
func TestNationalRollupsAsFullRefresh(t *testing.T) {
	store := openNamedStore(t, "TIMBANG_CHECK_NATIONAL")
	assertPeriodsContiguous(t, store, "national")
	assertRollupsAsFullRefresh(t, store, "national")
}
