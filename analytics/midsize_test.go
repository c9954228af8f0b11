package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/demo"
	"github.com/timbang/timbang/data/importer"
)

// TestRollupsAfterImportsOnCityDemo (issue 8 §4): on the city demo (about 2,600 units and
// 40,000 staff), after each of a sequence of imports (transfers, then staff moved, hired and
// retired, then changed and new workload figures) refreshed as the CLI does, the rollups equal
// a recomputation in Go: staff counts person by person through UnitAt, a sample of rows with
// Explain's formulas, every scope row by grouping the unit rows in Go.
func TestRollupsAfterImportsOnCityDemo(t *testing.T) {
	ctx := context.Background()
	store := cityDemoStore(t, 3)
	s := New(store)
	rng := rand.New(rand.NewPCG(8, 8))
	check := func(step string) {
		t.Helper()
		assertActualMatchesPeople(t, s, step)
		assertSampleMatchesExplain(t, s, rng, 150, step)
		assertScopeStatsMatchGrouping(t, s, step)
		assertUnitHistoryMatchesUnitStats(t, s)
		assertUnitNumbers(t, s)
	}
	check("demo")

	periods, err := s.Periods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	people := queryStrings(t, store, `SELECT nip || ';' || unit_code || ';' || cadre_code FROM staff
		WHERE status = 'aktif' ORDER BY hash(nip) LIMIT 900`)
	units := queryStrings(t, store, `SELECT code FROM units ORDER BY code`)
	day := func(p time.Time) string { return p.AddDate(0, 0, 3+rng.IntN(20)).Format("02/01/2006") }

	// 1. Transfers: single moves inside the periods, chains of two, a move before the periods
	// and one of a NIP the register does not know.
	var tr strings.Builder
	tr.WriteString("NIP;Tanggal;Unit Asal;Unit Tujuan;Alasan\n")
	for i, p := range people[:300] {
		f := strings.Split(p, ";")
		first := periods[1+rng.IntN(len(periods)-2)]
		from := units[rng.IntN(len(units))]
		switch i % 3 {
		case 0:
			fmt.Fprintf(&tr, "%s;%s;%s;%s;rotasi\n", f[0], day(first), from, f[1])
		case 1:
			mid := units[rng.IntN(len(units))]
			later := first.AddDate(0, 1+rng.IntN(6), 0)
			fmt.Fprintf(&tr, "%s;%s;%s;%s;rotasi\n", f[0], day(first), from, mid)
			fmt.Fprintf(&tr, "%s;%s;%s;%s;promosi\n", f[0], day(later), mid, f[1])
		default:
			fmt.Fprintf(&tr, "%s;%s;%s;%s;lama\n", f[0], day(periods[0].AddDate(-2, 0, 0)), from, f[1])
		}
	}
	fmt.Fprintf(&tr, "199001012015011999;%s;%s;%s;tidak terdaftar\n", day(periods[3]), units[0], units[1])
	importCSV(t, store, "mutasi.csv", tr.String())
	check("transfers")

	// 2. Staff: 200 move to another unit from a late period, 100 retire, 150 are hired.
	var st strings.Builder
	st.WriteString("NIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan;Status\n")
	for i, p := range people[300:600] {
		f := strings.Split(p, ";")
		born := f[0][6:8] + "/" + f[0][4:6] + "/" + f[0][:4] // a NIP starts with the birth date
		if i < 200 {
			fmt.Fprintf(&st, "%s;Pindah %d;%s;%s;%s;%s;aktif\n", f[0], i, f[2], units[rng.IntN(len(units))], born, day(periods[len(periods)-4]))
		} else {
			fmt.Fprintf(&st, "%s;Pensiun %d;%s;%s;%s;01/01/2010;pensiun\n", f[0], i, f[2], f[1], born)
		}
	}
	for i := range 150 {
		f := strings.Split(people[rng.IntN(len(people))], ";")
		fmt.Fprintf(&st, "199501012020011%03d;Baru %d;%s;%s;01/01/1995;%s;%s\n", i, i, f[2], f[1],
			day(periods[rng.IntN(len(periods))]), []string{"aktif", "cuti", "tugas_belajar"}[i%3])
	}
	importCSV(t, store, "pegawai.csv", st.String())
	check("staff")

	// 3. Workload: 400 figures change, some double, some drop to zero.
	rows := queryStrings(t, store, `SELECT unit_code || ';' || strftime(period, '%Y-%m') || ';' || indicator || ';' || value
		FROM workload ORDER BY hash(unit_code, period, indicator) LIMIT 400`)
	var wl strings.Builder
	wl.WriteString("Unit Kerja;Periode;Indikator;Nilai\n")
	for i, r := range rows {
		f := strings.Split(r, ";")
		v := []string{"0", f[3] + "0", "7"}[i%3]
		fmt.Fprintf(&wl, "%s;%s;%s;%s\n", f[0], f[1], f[2], strings.ReplaceAll(v, ".", ","))
	}
	importCSV(t, store, "beban.csv", wl.String())
	check("workload")
}

// cityDemoStore is a fresh in-memory store with the city demo of seed loaded and its rollups
// built; the test is skipped with -short.
func cityDemoStore(t *testing.T, seed uint64) *data.Store {
	t.Helper()
	if testing.Short() {
		t.Skip("city demo; skipped with -short")
	}
	ctx := context.Background()
	store, err := data.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	if _, err := demo.Generate(ctx, store, demo.Options{Scale: demo.ScaleCity, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	if err := New(store).Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	return store
}

func importCSV(t *testing.T, store *data.Store, name, content string) {
	t.Helper()
	importFiles(t, store, importer.Options{Actor: "test", AfterApply: RefreshAfterImport}, name, content)
}

func queryStrings(t *testing.T, store *data.Store, q string, args ...any) []string {
	t.Helper()
	return queryColumn[string](t, store, q, args...)
}

// queryColumn returns the one column of q's rows.
func queryColumn[T any](t *testing.T, store *data.Store, q string, args ...any) []T {
	t.Helper()
	rows, err := store.DB().Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// assertActualMatchesPeople counts every working person into the unit UnitAt puts them in, for
// every period, and compares with unit_stats.actual, row by row and in total.
func assertActualMatchesPeople(t *testing.T, s *Service, step string) {
	t.Helper()
	ctx := context.Background()
	periods, err := s.Periods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		period      time.Time
		unit, cadre string
	}
	want := map[key]int{}
	rows, err := s.db.QueryContext(ctx, `SELECT s.nip, s.unit_code, s.cadre_code, s.post_start, t.moved_on, t.from_unit
		FROM staff s LEFT JOIN transfers t ON t.nip = s.nip
		WHERE s.status IN ('aktif', 'cuti') ORDER BY s.nip, t.moved_on`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var nip, unit, cadre string
	var post time.Time
	var moves []PastMove
	flush := func() {
		if nip == "" {
			return
		}
		for _, p := range periods {
			if at, ok := UnitAt(p, unit, post, moves); ok {
				want[key{p, at, cadre}]++
			}
		}
	}
	for rows.Next() {
		var n, u, c string
		var ps time.Time
		var on sql.NullTime
		var from sql.NullString
		if err := rows.Scan(&n, &u, &c, &ps, &on, &from); err != nil {
			t.Fatal(err)
		}
		if n != nip {
			flush()
			nip, unit, cadre, post, moves = n, u, c, ps, nil
		}
		if on.Valid {
			moves = append(moves, PastMove{On: on.Time, From: from.String})
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	flush()

	got, err := s.db.QueryContext(ctx, `SELECT period, unit_code, cadre_code, actual FROM unit_figures_named`)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	seen, bad := 0, 0
	for got.Next() {
		var k key
		var n int
		if err := got.Scan(&k.period, &k.unit, &k.cadre, &n); err != nil {
			t.Fatal(err)
		}
		if want[k] != n {
			bad++
			if bad <= 5 {
				t.Errorf("%s: %s %s %s: %d in post, recomputed %d", step, k.period.Format("2006-01"), k.unit, k.cadre, n, want[k])
			}
		}
		if want[k] > 0 {
			seen++
		}
	}
	if err := got.Err(); err != nil {
		t.Fatal(err)
	}
	nonzero := 0
	for _, n := range want {
		if n > 0 {
			nonzero++
		}
	}
	if seen != nonzero || bad > 0 {
		t.Errorf("%s: %d rows differ; %d of %d staffed (period, unit, cadre) have a row", step, bad, seen, nonzero)
	}
}

// assertSampleMatchesExplain holds n random unit_stats rows against Explain's Go formulas.
func assertSampleMatchesExplain(t *testing.T, s *Service, rng *rand.Rand, n int, step string) {
	t.Helper()
	ctx := context.Background()
	rows, err := s.db.QueryContext(ctx, `SELECT period, unit_code, cadre_code, actual, required, status, shortage_people,
		surplus_people, coalesce(grade, '') FROM unit_figures_named USING SAMPLE reservoir(`+fmt.Sprint(n)+` ROWS) REPEATABLE (`+fmt.Sprint(rng.IntN(1000))+`)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var period time.Time
		var unit, cadre, status, grade string
		var actual, short, surplus int
		var required sql.NullFloat64
		if err := rows.Scan(&period, &unit, &cadre, &actual, &required, &status, &short, &surplus, &grade); err != nil {
			t.Fatal(err)
		}
		e, err := s.For(Scope{}).Explain(ctx, unit, cadre, period)
		if err != nil {
			t.Fatal(err)
		}
		if e.Actual != actual || string(e.Status) != status || e.ShortagePeople != short || e.SurplusPeople != surplus ||
			required.Valid != e.HasData || (e.HasData && (!closeRel(required.Float64, e.Required) || grade != e.Grade)) {
			t.Errorf("%s: %s %s %s: SQL %d %v %s %d %d %q; Go %d %v %s %d %d %q", step, unit, cadre, period.Format("2006-01"),
				actual, required.Float64, status, short, surplus, grade, e.Actual, e.Required, e.Status, e.ShortagePeople, e.SurplusPeople, e.Grade)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// assertScopeStatsMatchGrouping recomputes scope_stats in Go: each unit row added to the sixteen
// groups it belongs to (all, agency, province and regency; cadre or all; unit type or all),
// Gini by Gini(). Districts have no rows (refresh_scope_stats.sql).
func assertScopeStatsMatchGrouping(t *testing.T, s *Service, step string) {
	t.Helper()
	ctx := context.Background()
	type key struct {
		period                 time.Time
		kind, code, cadre, typ string
	}
	type agg struct {
		units                               map[string]bool
		positions, staff, measured, rounded int
		short, surplus                      int
		counts                              [5]int
		required                            float64
		xs, ws                              []float64
	}
	groups := map[key]*agg{}
	rows, err := s.db.QueryContext(ctx, `SELECT period, unit_code, cadre_code, unit_type, agency_code, region_code,
		actual, coalesce(required_rounded, 0), shortage_people, surplus_people, coalesce(required, 0), ej, status FROM unit_figures_named`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var period time.Time
		var unit, cadre, typ, agency, region, status string
		var actual, rounded, short, surplus int
		var required float64
		var ej sql.NullFloat64
		if err := rows.Scan(&period, &unit, &cadre, &typ, &agency, &region, &actual, &rounded, &short, &surplus, &required, &ej, &status); err != nil {
			t.Fatal(err)
		}
		scopes := [][2]string{{"all", ""}, {"agency", agency}, {"region", region[:2]}}
		if len(region) >= 5 {
			scopes = append(scopes, [2]string{"region", region[:5]})
		}
		for _, sc := range scopes {
			for _, c := range []string{"", cadre} {
				for _, ty := range []string{"", typ} {
					k := key{period, sc[0], sc[1], c, ty}
					g := groups[k]
					if g == nil {
						g = &agg{units: map[string]bool{}}
						groups[k] = g
					}
					g.units[unit] = true
					g.positions++
					g.staff += actual
					if status != string(NoData) {
						g.measured += actual
					}
					g.rounded += rounded
					g.short += short
					g.surplus += surplus
					g.required += required
					for i, st := range Statuses {
						if string(st) == status {
							g.counts[i]++
						}
					}
					if ej.Valid {
						g.xs = append(g.xs, ej.Float64)
						g.ws = append(g.ws, float64(actual))
					}
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}

	srows, err := s.db.QueryContext(ctx, `SELECT period, scope_kind, scope_code, cadre_code, unit_type, units, positions,
		staff, staff_measured, required, required_rounded, shortage_people, surplus_people, n_severe_shortage, n_shortage,
		n_balanced, n_surplus, n_no_data, gini FROM scope_stats`)
	if err != nil {
		t.Fatal(err)
	}
	defer srows.Close()
	n, bad := 0, 0
	for srows.Next() {
		var k key
		var units, positions, staff, measured, rounded, short, surplus int
		var counts [5]int
		var required float64
		var gini sql.NullFloat64
		if err := srows.Scan(&k.period, &k.kind, &k.code, &k.cadre, &k.typ, &units, &positions, &staff, &measured, &required,
			&rounded, &short, &surplus, &counts[0], &counts[1], &counts[2], &counts[3], &counts[4], &gini); err != nil {
			t.Fatal(err)
		}
		n++
		g := groups[k]
		if g == nil {
			bad++
			if bad <= 5 {
				t.Errorf("%s: scope row %+v has no unit rows", step, k)
			}
			continue
		}
		wantGini := Gini(g.xs, g.ws)
		if units != len(g.units) || positions != g.positions || staff != g.staff || measured != g.measured ||
			rounded != g.rounded || short != g.short || surplus != g.surplus || counts != g.counts ||
			!closeRel(required, g.required) ||
			gini.Valid == math.IsNaN(wantGini) || (gini.Valid && !closeRel(gini.Float64, wantGini)) {
			bad++
			if bad <= 5 {
				t.Errorf("%s: %+v: SQL %d %d %d %d %v %d %d %d %v gini %v; Go %d %d %d %d %v %d %d %d %v gini %v", step, k,
					units, positions, staff, measured, required, rounded, short, surplus, counts, gini.Float64,
					len(g.units), g.positions, g.staff, g.measured, g.required, g.rounded, g.short, g.surplus, g.counts, wantGini)
			}
		}
	}
	if err := srows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(groups) || bad > 0 {
		t.Errorf("%s: %d scope rows, %d groups recomputed, %d differ", step, n, len(groups), bad)
	}
}
