package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
)

// TestRollupEnumMigrationKeepsRows: migration 14 turns the text columns of unit_stats and
// unit_history into ENUMs without losing, changing or reordering a row, including rows whose
// unit type, agency, cadre or grade no reference table holds any more (rollups older than the
// data).
func TestRollupEnumMigrationKeepsRows(t *testing.T) {
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
	before := map[string][][]string{}
	for _, table := range []string{"unit_stats", "unit_history"} {
		before[table] = readAsText(t, s.db, table)
	}
	if err := s.migrate(ctx); err != nil {
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

// readAsText reads every row of table in stored order, each value as text.
func readAsText(t *testing.T, db *sql.DB, table string) [][]string {
	t.Helper()
	rows, err := db.Query(fmt.Sprintf(`SELECT COLUMNS(*)::VARCHAR FROM %s ORDER BY rowid`, table))
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
