package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/timbang/timbang/data"
)

// Service computes and reads staffing analytics on one store.
type Service struct {
	store *data.Store
	// db runs every read as a new statement, planned when it runs. Read statements were once
	// prepared once per Service and kept; DuckDB plans a statement when it is prepared, with
	// the table statistics of that moment, and plans it again only when the schema changes,
	// never when the data does. The statistics decide more than speed: a statement prepared
	// while transfers was empty sorted its from_unit strings packed into integers as wide as
	// the longest string then stored, and after an import returned "9" and "@" for unit codes
	// (TestRollupsAfterImportsOnCityDemo caught it). Kept statements would have to be dropped
	// at every data change; at national scale they saved no measurable CPU either
	// (docs/BENCHMARKS.md), so there are none.
	db *sql.DB
	// version is the data version as last read, 0 when it must be read again. Every page
	// request asks for it (the response cache keys on it), so it is kept in memory; whatever
	// changes the data in this process calls DataChanged after committing (DuckDB lets no
	// other process write the file while this one holds it).
	versionMu  sync.Mutex
	version    int64
	versionGen uint64 // counts DataChanged calls: a read that raced one is not kept

	namesMu sync.Mutex
	namesAt *names // display names as last read (names.go)

	unitNamesMu   sync.Mutex
	unitNamesLast *unitNames // units' codes and names by number as last read (unit_names.go)
}

// New returns a Service on store.
func New(store *data.Store) *Service {
	return &Service{store: store, db: store.DB()}
}

// Refresh rebuilds every rollup from the stored data in one transaction, so a page never sees
// half-refreshed numbers, and bumps the data version. It runs on every core DuckDB had before a
// server lowered its threads (data.Store.BulkThreads).
func (s *Service) Refresh(ctx context.Context) (err error) {
	restore, err := s.store.BulkThreads(ctx)
	if err != nil {
		return fmt.Errorf("refresh rollups: %w", err)
	}
	defer func() {
		if rerr := restore(); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if err := RefreshTx(ctx, conn, tx); err != nil {
		return err
	}
	defer s.DataChanged()
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("refresh rollups: commit: %w", err)
	}
	return nil
}

// DataVersion is bumped by every refresh; caches key on it.
func (s *Service) DataVersion(ctx context.Context) (int64, error) {
	s.versionMu.Lock()
	v, gen := s.version, s.versionGen
	s.versionMu.Unlock()
	if v > 0 {
		return v, nil
	}
	if err := s.db.QueryRowContext(ctx, query("data_version")).Scan(&v); err != nil {
		return v, err
	}
	s.versionMu.Lock()
	if s.versionGen == gen {
		s.version = v
	}
	s.versionMu.Unlock()
	return v, nil
}

// DataChanged makes the next DataVersion read the database: call it after a transaction that
// ran RefreshTx (an import) has ended, committed or not.
func (s *Service) DataChanged() {
	s.versionMu.Lock()
	s.version = 0
	s.versionGen++
	s.versionMu.Unlock()
}

// Stale reports whether the rollups have never been built for the stored data.
func (s *Service) Stale(ctx context.Context) (bool, error) {
	var stale bool
	if err := s.db.QueryRowContext(ctx, query("stale")).Scan(&stale); err != nil {
		return false, fmt.Errorf("check rollups: %w", err)
	}
	return stale, nil
}
