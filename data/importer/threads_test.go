package importer

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/timbang/timbang/data/datatest"
)

// TestImportOnEveryThread: an import in a serving process runs on DuckDB's threads from before
// the server lowered them and gives them back whether it is applied, fails or is rejected.
func TestImportOnEveryThread(t *testing.T) {
	ctx := context.Background()
	s := datatest.DemoStore(t)
	if _, err := s.DB().ExecContext(ctx, "SET GLOBAL threads = 3"); err != nil {
		t.Fatal(err)
	}
	if err := s.ServeThreads(ctx, 1); err != nil {
		t.Fatal(err)
	}
	units := writeFile(t, "units.csv", "Kode Unit;Nama Unit;Jenis;Kode Instansi;Kode Wilayah\nX1;SD Baru;sd;36.73-disdik;36.73.05.1001\n")
	bad := writeFile(t, "units.csv", "Kode Unit;Nama Unit;Jenis;Kode Instansi;Kode Wilayah\nX1;SD Baru;sd;36.73-disdik;99.99\n")
	boom := errors.New("disk full")
	for _, c := range []struct {
		name  string
		file  Source
		after error
		want  error
	}{
		{"applied", units, nil, nil},
		{"failed", units, boom, boom},
		{"rejected", bad, nil, ErrRejected},
	} {
		during := 0
		_, err := importFiles(t, s, Options{AfterApply: func(ctx context.Context, _ *sql.Conn, _ *sql.Tx, _ Changes) error {
			n, err := s.Threads(ctx)
			during = n
			return errors.Join(err, c.after)
		}}, c.file)
		if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.want)
		}
		if c.want != ErrRejected && during != 3 {
			t.Errorf("%s: %d threads while applying, want 3", c.name, during)
		}
		if n, err := s.Threads(ctx); err != nil || n != 1 {
			t.Errorf("%s: %d threads after (%v), want 1", c.name, n, err)
		}
	}
}
