package data

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenMigratesAndLoadsRegions(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })

	var version int
	if err := s.DB().QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() {
		t.Errorf("schema version %d, want %d", version, SchemaVersion())
	}

	tests := []struct {
		code, name, parent string
		level              int
	}{
		{"36.73", "Kota Serang", "36", 2},
		{"36.73.05", "Cipocok Jaya", "36.73", 3},
		{"96.71", "Kota Sorong", "96", 2},
		{"33.72", "Kota Surakarta", "33", 2},
	}
	for _, tt := range tests {
		var name, parent string
		var level int
		err := s.DB().QueryRowContext(ctx, `SELECT name, parent_code, level FROM regions WHERE code = ?`, tt.code).
			Scan(&name, &parent, &level)
		if err != nil {
			t.Fatalf("region %s: %v", tt.code, err)
		}
		if name != tt.name || parent != tt.parent || level != tt.level {
			t.Errorf("region %s = %q %q %d, want %q %q %d", tt.code, name, parent, level, tt.name, tt.parent, tt.level)
		}
	}
	var n int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM regions`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 91599 {
		t.Errorf("%d regions, want 91599", n)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO schema_version (version, name) VALUES (999, 'from the future')`); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, path)
	if !errors.Is(err, ErrUnknownSchema) {
		t.Fatalf("open newer schema: got %v, want ErrUnknownSchema", err)
	}
}

func TestOpenAgainKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM schema_version`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != SchemaVersion() {
			t.Errorf("open %d: %d migrations recorded, want %d", i, n, SchemaVersion())
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRegionLevel(t *testing.T) {
	tests := map[string]int{
		"36": 1, "36.73": 2, "36.73.05": 3, "36.73.05.1001": 4,
		"": 0, "3": 0, "36.7": 0, "36.73.05.100": 0, "36.73.05.1001.1": 0, "AB.73": 0,
	}
	for code, want := range tests {
		if got := RegionLevel(code); got != want {
			t.Errorf("RegionLevel(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestCheckIntegrity(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.CheckIntegrity(ctx); err != nil {
		t.Fatalf("fresh database: %v", err)
	}
	_, err = s.DB().ExecContext(ctx, `
		INSERT INTO agencies VALUES ('x-disdik', 'Dinas X', '36.73', 'pendidikan');
		INSERT INTO units VALUES ('U1', 'SD X', 'sd', 'x-disdik', '36.73.99.9999', NULL, NULL);
		INSERT INTO staff (nip, name, cadre_code, unit_code, birth_date, post_start)
		VALUES ('198001012005011001', 'A', 'astronot', 'U1', '1980-01-01', '2010-01-01'),
		       ('198001012005011001', 'A', 'guru', 'U1', '1980-01-01', '2010-01-01'),
		       ('1.98001E+17       ', 'B', 'guru', 'U1', '1980-01-01', '2010-01-01')`)
	if err != nil {
		t.Fatal(err)
	}
	err = s.CheckIntegrity(ctx)
	if err == nil {
		t.Fatal("dangling references, a repeated key and a malformed NIP passed")
	}
	for _, want := range []string{`units U1: region_code "36.73.99.9999" does not exist`, `staff 198001012005011001: cadre_code "astronot" does not exist`,
		`staff 198001012005011001: the key is stored more than once`, `staff 1.98001E+17       : nip "1.98001E+17       " is not 18 digits`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("report lacks %q:\n%v", want, err)
		}
	}
}
