package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded files named NNNN_description.sql in version order.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var list []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s: name must start with a number and '_'", e.Name())
		}
		body, err := fs.ReadFile(migrationFiles, path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		list = append(list, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].version < list[j].version })
	for i, m := range list {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want version %d, migrations must be numbered without gaps", m.name, i+1)
		}
	}
	return list, nil
}

// SchemaVersion is the schema version this build migrates to.
func SchemaVersion() int {
	list, err := migrations()
	if err != nil {
		return 0
	}
	return len(list)
}

// ErrUnknownSchema means the database was written by a newer Timbang.
var ErrUnknownSchema = errors.New("unknown schema version")

// migrate applies every migration newer than the recorded version, each in its own transaction,
// and refuses a database whose version this build does not know.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, SchemaVersion())
}

// migrateTo is migrate up to version (tests stop short of the last to check a migration on
// data written before it).
func (s *Store) migrateTo(ctx context.Context, version int) error {
	list, err := migrations()
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`); err != nil {
		return fmt.Errorf("create schema_version: %w", err)
	}
	var current int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > len(list) {
		return fmt.Errorf("%w: database %s is at schema version %d but this Timbang knows only up to %d; use a newer Timbang",
			ErrUnknownSchema, s.describe(), current, len(list))
	}
	for _, m := range list[current:max(current, version)] {
		if err := s.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer rollback(tx)
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name) VALUES (?, ?)`, m.version, m.name); err != nil {
		return fmt.Errorf("migration %s: record version: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	return nil
}

func (s *Store) describe() string {
	if s.path == "" {
		return "(in memory)"
	}
	return s.path
}

// rollback is deferred after BeginTx; after a successful Commit it is a no-op.
func rollback(tx *sql.Tx) {
	_ = tx.Rollback()
}
