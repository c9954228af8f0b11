package importer

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
)

// BenchmarkNationalImportStaff imports the national demo's whole staff list (about 5,000,000
// rows) back into a copy of its database, as a national personnel agency would load its
// monthly SIASN export (issue 8: a 5,000,000-row staff CSV in under 30 s). It needs the
// national demo database named by TIMBANG_BENCH_NATIONAL (see dashboard/bench_test.go) and
// skips without it; the database itself is never written, only a copy in a temporary folder.
//
// Two cases, each beside a plain read_csv of the same file in the same run (as text: unit codes
// are digits for 4.8 million rows before the first with a letter, which breaks DuckDB's guess):
//   - reimport: every person already stored, one in ten with a new rank and SKP rating (updates),
//     the rest unchanged;
//   - fresh: the staff table emptied first, so every row is an insert.
func BenchmarkNationalImportStaff(b *testing.B) {
	source := os.Getenv("TIMBANG_BENCH_NATIONAL")
	if source == "" {
		b.Skip("set TIMBANG_BENCH_NATIONAL to a national demo database")
	}
	dir := b.TempDir()
	dbPath := filepath.Join(dir, "national.duckdb")
	copyFile(b, source, dbPath)
	ctx := context.Background()
	store, err := data.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = store.Close() })
	csvPath := filepath.Join(dir, "pegawai.csv")
	rows := exportStaff(b, store.DB(), csvPath)

	for _, tc := range []struct {
		name    string
		prepare string
	}{
		{"reimport", ""},
		{"fresh", "DELETE FROM staff"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var plain, imported time.Duration
			for range b.N {
				b.StopTimer()
				if tc.prepare != "" {
					if _, err := store.DB().ExecContext(ctx, tc.prepare); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				start := time.Now()
				if _, err := store.DB().ExecContext(ctx,
					`CREATE OR REPLACE TEMP TABLE plain AS SELECT * FROM read_csv($p, delim = ';', header = true, all_varchar = true)`,
					sql.Named("p", csvPath)); err != nil {
					b.Fatal(err)
				}
				plain += time.Since(start)
				if _, err := store.DB().ExecContext(ctx, `DROP TABLE temp.plain`); err != nil {
					b.Fatal(err)
				}
				lim := DefaultLimits
				lim.MaxFileBytes = 8 << 30
				start = time.Now()
				res, err := Import(ctx, store, []Source{{Name: "pegawai.csv", Path: csvPath}}, Options{Limits: lim})
				if err != nil {
					b.Fatalf("%v %v", err, res.Problems)
				}
				imported += time.Since(start)
				c := res.Counts["staff"]
				if c.Inserted+c.Updated+c.Unchanged != rows {
					b.Fatalf("wrote %+v of %d rows", c, rows)
				}
				b.ReportMetric(float64(c.Inserted), "inserted")
				b.ReportMetric(float64(c.Updated), "updated")
			}
			n := float64(b.N)
			b.ReportMetric(plain.Seconds()/n, "plain_s")
			b.ReportMetric(imported.Seconds()/n, "import_s")
			b.ReportMetric(float64(rows)*n/imported.Seconds(), "import_rows/s")
			b.ReportMetric(plain.Seconds()/imported.Seconds(), "import/plain")
		})
	}
}

// exportStaff writes the stored staff as an Indonesian office's export: semicolons, Indonesian
// headers, dd/mm/yyyy dates, decimal commas, listed unit by unit. One in ten people get a new
// rank and rating, so a re-import updates them.
func exportStaff(b *testing.B, db *sql.DB, path string) int64 {
	b.Helper()
	n, err := db.Exec(`COPY (
	    SELECT nip AS "NIP", name AS "Nama", cadre_code AS "Rumpun Jabatan", unit_code AS "Unit Kerja",
	           employment AS "Jenis Pegawai", education_level AS "Pendidikan", education_field AS "Jurusan",
	           CASE WHEN hash(nip) % 10 = 0 THEN 'IV/a' ELSE rank END AS "Golongan",
	           strftime(birth_date, '%d/%m/%Y') AS "Tanggal Lahir", strftime(post_start, '%d/%m/%Y') AS "TMT Jabatan",
	           replace(CAST(home_lat AS VARCHAR), '.', ',') AS "Lintang Rumah",
	           replace(CAST(home_lon AS VARCHAR), '.', ',') AS "Bujur Rumah",
	           CASE WHEN hash(nip) % 10 = 0 THEN 'Sangat Baik' ELSE performance END AS "Kinerja",
	           status AS "Status"
	    FROM staff ORDER BY unit_code, nip
	) TO '` + path + `' (HEADER, DELIMITER ';')`)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := n.RowsAffected()
	if err != nil {
		b.Fatal(err)
	}
	return rows
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	src, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = src.Close() }()
	dst, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		b.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		b.Fatal(err)
	}
}
