// Package data owns Timbang's database: the schema and its migrations, the reference region
// data, and bulk loading. Other packages get a *Store and run their own embedded queries on
// it; nothing outside this package creates tables.
package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
)

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("not found")

// Store wraps the DuckDB handle. DuckDB allows one read-write process per file; inside that
// process the database/sql pool gives concurrent readers.
type Store struct {
	db   *sql.DB
	conn *duckdb.Connector
	path string
	// writes serialises the bulk writers that keep keys themselves (see LockWrites).
	writes sync.Mutex
	// threads is DuckDB's threads setting, lowered for serving (threads.go).
	threads threads
}

// Open opens (creating if needed) the database at path and migrates it to the schema this
// build knows. An empty path opens a private in-memory database.
func Open(ctx context.Context, path string) (*Store, error) {
	connector, err := duckdb.NewConnector(path, nil)
	if err != nil {
		return nil, explainOpenError(path, err)
	}
	db := sql.OpenDB(connector)
	s := &Store{db: db, conn: connector, path: path}
	if err := s.migrate(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	if err := s.loadReferenceRegions(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// LockWrites holds off every other bulk writer of this process until the returned function is
// called. The staff, workload and transfers tables have no primary-key index (migration 5): an
// import inserts the keys it does not find, so two imports running at once could both insert
// the same new key. DuckDB's own lock already keeps other processes out.
func (s *Store) LockWrites() (unlock func()) {
	s.writes.Lock()
	return s.writes.Unlock
}

// DB is the pooled handle for queries.
func (s *Store) DB() *sql.DB { return s.db }

// Path is the database file, or "" for an in-memory database.
func (s *Store) Path() string { return s.path }

// Close releases the pool and the database file lock.
func (s *Store) Close() error {
	err := s.db.Close()
	if cerr := s.conn.Close(); err == nil {
		err = cerr
	}
	return err
}

// ErrLocked means another process holds the database file.
var ErrLocked = errors.New("database file is in use by another process")

var lockPID = regexp.MustCompile(`PID (\d+)`)

// explainOpenError turns DuckDB's lock conflict into a message that says which process holds
// the file and what to do, instead of a raw IO error.
func explainOpenError(path string, err error) error {
	msg := err.Error()
	if !strings.Contains(msg, "Could not set lock") && !strings.Contains(msg, "Conflicting lock") {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	holder := "another process"
	if m := lockPID.FindStringSubmatch(msg); m != nil {
		holder = "process " + m[1]
		if cmd, rerr := os.ReadFile("/proc/" + m[1] + "/cmdline"); rerr == nil {
			holder += " (" + strings.TrimSpace(strings.ReplaceAll(string(cmd), "\x00", " ")) + ")"
		}
	}
	return fmt.Errorf("%w: %s holds %s; while a 'timbang serve' holds it, import through its page /import, "+
		"or stop that process and try again (or use a different --db file)", ErrLocked, holder, path)
}

// Empty reports whether the database holds no units yet.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM units LIMIT 1)`).Scan(&n); err != nil {
		return false, fmt.Errorf("count units: %w", err)
	}
	return n == 0, nil
}
