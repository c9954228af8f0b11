package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
)

// TestRollupEnumMigrationKeepsRows: migration 14 turns the text columns of unit_stats and
// unit_history into ENUMs without losing, changing or reordering a row, including rows whose
// unit type, agency, cadre or grade no reference table holds any more (rollups older than the
// data).
func TestRollupEnumMigrationKeepsRows(t *testing.T) {
	ctx := context.Background()
	s := storeWithOldRollups(t)
	before := map[string][][]string{}
	for _, table := range []string{"unit_stats", "unit_history"} {
		before[table] = readAsText(t, s.db, table)
	}
	if err := s.migrateTo(ctx, 14); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"unit_stats", "unit_history"} {
		if got := readAsText(t, s.db, table); !slices.EqualFunc(got, before[table], slices.Equal) {
			t.Errorf("%s after migration:\n%v\nwant\n%v", table, got, before[table])
		}
	}
	var kinds string
	if err := s.db.QueryRowContext(ctx, `
		SELECT concat_ws(' ', typeof(cadre_code), typeof(status), typeof(unit_code))
		FROM unit_stats LIMIT 1`).Scan(&kinds); err != nil {
		t.Fatal(err)
	}
	// The cadres of the norms and staff of migration 2's defaults, with the stored one no table
	// names any more, in code order.
	want := "ENUM('bidan', 'bidan_lama', 'dokter', 'guru', 'pelaksana', 'perawat') " +
		"ENUM('balanced', 'no_data', 'severe_shortage', 'shortage', 'surplus') VARCHAR"
	if kinds != want {
		t.Errorf("column types %q, want %q", kinds, want)
	}
}

// storeWithOldRollups is a store migrated up to migration 13 holding three unit_stats rows and
// their unit_history, one of a unit, cadre, type and agency that no table holds any more.
func storeWithOldRollups(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{db: sql.OpenDB(connector), conn: connector}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.migrateTo(ctx, 13); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `
		INSERT INTO units VALUES ('u2', 'Unit Dua', 'sd', 'a1', '36.73.01', NULL, NULL);
		INSERT INTO unit_stats VALUES
		    ('2026-02-01', 'u2', 'guru', 'sd', 'a1', '36.73.01', 'ratio', 30, 2, 1.5, 2, 1.33, 0.5, 15, 0.75, 'B', 'surplus', 0, 0, 'Unit Dua'),
		    ('2026-01-01', 'u1', 'bidan_lama', 'pustu_lama', 'a_lama', '36.73.02', NULL, NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'no_data', 0, 0, NULL),
		    ('2026-01-01', 'u2', 'guru', 'sd', 'a1', '36.73.01', 'ratio', 60, 2, 3, 3, 0.67, -1, 30, 1.5, 'Z', 'shortage', 1, 0, 'Unit Dua');
		INSERT INTO unit_history VALUES
		    ('u1', 'bidan_lama', '2026-01-01', NULL, 1, NULL, NULL, 'no_data'),
		    ('u2', 'guru', '2026-02-01', 30, 2, 1.5, 1.33, 'surplus'),
		    ('u2', 'guru', '2026-01-01', 60, 2, 3, 0.67, 'shortage');`); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestUnitNumberMigrationKeepsRows: migrations 15 and 16 store numbers for the unit and its
// region and drop the figures that follow from others, and view unit_figures_named gives every
// row back as it was, in stored order, with the dropped figures computed again. The unit the
// units table no longer holds keeps its rows, under the name and region they gave it.
func TestUnitNumberMigrationKeepsRows(t *testing.T) {
	ctx := context.Background()
	s := storeWithOldRollups(t)
	kept := `period, unit_code, cadre_code, unit_type, agency_code, region_code, method, workload, actual,
		required, required_rounded, grade, status, shortage_people, surplus_people, coalesce(unit_name, '')`
	want := readAsText(t, s.db, `(SELECT `+kept+`, rowid AS r FROM unit_stats ORDER BY rowid)`)
	// unit_history in the order of the unit numbers, by region and code
	wantHistory := readAsText(t, s.db, `(SELECT unit_code, cadre_code, period, workload, actual, required, status,
		row_number() OVER (ORDER BY (SELECT any_value(region_code) FROM unit_stats s WHERE s.unit_code = h.unit_code), unit_code, rowid) AS r
		FROM unit_history h)`)
	if err := s.migrate(ctx); err != nil {
		t.Fatal(err)
	}
	got := readAsText(t, s.db, `(SELECT `+kept+`, r FROM (
		SELECT n.*, s.rowid AS r FROM unit_figures_named n JOIN unit_stats s USING (period, unit_no, cadre_code)))`)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("unit rows after migration:\n%v\nwant\n%v", got, want)
	}
	gotHistory := readAsText(t, s.db, `(SELECT u.code, h.cadre_code, h.period, h.workload, h.actual, h.required, h.status, h.rowid AS r
		FROM unit_history h JOIN rollup_units u USING (unit_no) ORDER BY h.rowid)`)
	if !slices.EqualFunc(gotHistory, wantHistory, slices.Equal) {
		t.Errorf("unit_history after migration:\n%v\nwant\n%v", gotHistory, wantHistory)
	}
	// Migration 16: each row's region number is its region code's.
	var misnumbered int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM unit_figures_named
		WHERE region_no IS DISTINCT FROM region_number(region_code)`).Scan(&misnumbered); err != nil {
		t.Fatal(err)
	}
	if misnumbered > 0 {
		t.Errorf("%d rows with a region number not their region code's", misnumbered)
	}
	// The derived figures of the Unit Dua row of January: 2 staff for 3 required.
	var ratio, difference, perStaff, ej float64
	if err := s.db.QueryRowContext(ctx, `SELECT ratio, difference, workload_per_staff, ej FROM unit_figures_named
		WHERE unit_code = 'u2' AND period = '2026-01-01'`).Scan(&ratio, &difference, &perStaff, &ej); err != nil {
		t.Fatal(err)
	}
	if ratio != 2.0/3 || difference != -1 || perStaff != 30 || ej != 1.5 {
		t.Errorf("derived figures %v %v %v %v, want %v -1 30 1.5", ratio, difference, perStaff, ej, 2.0/3)
	}
}

// readAsText reads every row of table in stored order, or of a subquery in the order of its
// column r (left out), each value as text.
func readAsText(t *testing.T, db *sql.DB, table string) [][]string {
	t.Helper()
	rows, err := db.Query(fmt.Sprintf(`SELECT COLUMNS(* EXCLUDE (r))::VARCHAR FROM %s ORDER BY r`, rowOrdered(table)))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
			if !v.Valid {
				row[i] = "NULL"
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// rowOrdered makes a table's rowid its column r; a subquery (in parentheses) has its own.
func rowOrdered(table string) string {
	if strings.HasPrefix(table, "(") {
		return table
	}
	return fmt.Sprintf("(SELECT *, rowid AS r FROM %s)", table)
}
