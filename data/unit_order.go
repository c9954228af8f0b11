package data

import (
	"context"
	"fmt"
)

// OrderByUnit rewrites the staff and workload tables in unit order, in one transaction. A
// unit's people and workload are then a few row groups that DuckDB finds by their ranges of
// unit_code, without the indexes that would slow every import. The demo generator calls it once
// it has written every regency. The importer appends rows in the file's order, which keeps unit
// order for an export listed unit by unit; sorting every import by unit cost more than the
// import may spend (docs/BENCHMARKS.md, issue 4).
func (s *Store) OrderByUnit(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer rollback(tx)
	if _, err := tx.ExecContext(ctx, orderByUnitSQL); err != nil {
		return fmt.Errorf("order staff and workload by unit: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("order staff and workload by unit: commit: %w", err)
	}
	return nil
}
