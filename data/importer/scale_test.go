package importer

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/timbang/timbang/data/datatest"
)

// TestRowNumbersSurviveParallelReading: a CSV's rows are numbered by where DuckDB's parallel
// reader puts them in the batch table, which holds only because inserts keep their order. A file
// of several reader buffers, with every name saying its row, checks every row's number, and bad
// cells near the start, the middle and the end must be reported on their rows.
func TestRowNumbersSurviveParallelReading(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 40 MB file")
	}
	s := datatest.DemoStore(t)
	unit := demoUnit(t, s)
	const rows = 300_000
	bad := map[int64]bool{5: true, 150_001: true, rows + 1: true} // spreadsheet rows
	path := filepath.Join(t.TempDir(), "pegawai.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "NIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan;Pendidikan;Jurusan;Golongan")
	for i := int64(2); i <= rows+1; i++ {
		post := "01/07/2019"
		if bad[i] {
			post = "31/02/2019"
		}
		nip, birth := staffIdentity(int(i))
		fmt.Fprintf(w, "%s;Pegawai %d;guru;%s;%s;%s;S1;Pendidikan Matematika dan Ilmu Pengetahuan Alam;III/b\n",
			nip, i, unit, birth, post)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	defer dropTemp(conn)
	res := Result{Counts: map[string]Counts{}}
	b := &batch{conn: conn, opt: Options{Limits: DefaultLimits}, res: &res, present: map[string]map[string]int{}, files: map[string][]fileTable{}}
	if err := b.load(ctx, []Source{{Name: "pegawai.csv", Path: path}}); err != nil {
		t.Fatal(err)
	}
	if err := b.check(ctx); err != nil {
		t.Fatal(err)
	}
	var wrong, total int64
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE name <> 'Pegawai ' || _row), count(*) FROM batch_staff`).Scan(&wrong, &total); err != nil {
		t.Fatal(err)
	}
	if wrong != 0 || total != rows {
		t.Fatalf("%d of %d rows carry another row's number", wrong, total)
	}
	found := map[int64]bool{}
	for _, p := range res.Problems {
		if p.Code == "invalid_date" {
			if p.Column != "post_start" || p.Value != "31/02/2019" {
				t.Errorf("problem %+v", p)
			}
			found[p.Row] = true
		}
	}
	for row := range bad {
		if !found[row] {
			t.Errorf("row %d: the bad date was not reported there (reported: %v)", row, found)
		}
	}
}

// TestParsePlansKeepFileOrder: a CSV or Parquet file's rows are numbered by rowid, which is
// only their file order if DuckDB inserts them in order. It does so in a BATCH_CREATE_TABLE_AS;
// an operator that reorders rows (a join, such as DuckDB makes of a long IN list) turns the plan
// into a plain CREATE_TABLE_AS, and every row number after the first reader buffer is wrong.
func TestParsePlansKeepFileOrder(t *testing.T) {
	ctx := context.Background()
	// A store's connection, not parseMacroConn's: the plan depends on the thread count.
	conn, err := datatest.Store(t).DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, query("parse_macros")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "file.csv")
	for _, k := range Kinds {
		var header []string
		for _, c := range k.Columns {
			header = append(header, c.Name)
		}
		// The reader's sniffer wants a data row even when the columns are given.
		if err := os.WriteFile(path, []byte(strings.Join(header, ";")+"\n"+strings.Repeat("x;", len(header)-1)+"x\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, excel := range []bool{false, true} {
			st, err := stageCSV(Source{Name: "file.csv", Path: path}, "stage_plan")
			if err != nil {
				t.Fatal(err)
			}
			st.excel = excel
			plan := explain(t, conn, parseFileSQL(k, st, "file_plan", k.matchHeaders(st.headers)), st.args...)
			if !strings.Contains(plan, "BATCH_CREATE_TABLE_AS") {
				t.Errorf("%s (excel %v): the parse plan does not keep the file's order:\n%s", k.Name, excel, plan)
			}
		}
	}
}

// explain returns DuckDB's plan for q.
func explain(t *testing.T, conn *sql.Conn, q string, args ...any) string {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), "EXPLAIN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var kind, text string
		if err := rows.Scan(&kind, &text); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(text)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan.String()
}

// TestConcurrentImportsKeepKeysUnique: the staff table has no key index, so two imports that
// both find a NIP missing would both insert it; LockWrites makes them take turns.
func TestConcurrentImportsKeepKeysUnique(t *testing.T) {
	s := datatest.DemoStore(t)
	before := count(t, s, `SELECT count(*) FROM staff`)
	src := writeFile(t, "pegawai.csv", staffCSV(demoUnit(t, s)))
	var wg sync.WaitGroup
	results := make([]Result, 4)
	errs := make([]error, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = Import(context.Background(), s, []Source{src}, Options{})
		}()
	}
	wg.Wait()
	var total Counts
	for i, err := range errs {
		if err != nil {
			t.Fatalf("import %d: %v %v", i, err, results[i].Problems)
		}
		total.add(results[i].Counts["staff"])
	}
	if total != (Counts{Inserted: 2, Unchanged: 6}) {
		t.Errorf("counts over four imports %+v, want 2 inserted and 6 unchanged", total)
	}
	if n := count(t, s, `SELECT count(*) FROM staff`); n != before+2 {
		t.Errorf("%d staff, want %d", n, before+2)
	}
	if err := s.CheckIntegrity(context.Background()); err != nil {
		t.Error(err)
	}
}
