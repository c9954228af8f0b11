package data

import (
	"context"
	"fmt"
)

// OrderStaffByUnit rewrites the staff table in unit order, in one transaction. A unit's people
// are then a few row groups that DuckDB finds by their ranges of unit_code, without the index
// that would slow every import. The demo generator calls it once it has written every regency;
// the importer keeps the order for the staff it inserts.
func (s *Store) OrderStaffByUnit(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer rollback(tx)
	if _, err := tx.ExecContext(ctx, orderStaffSQL); err != nil {
		return fmt.Errorf("order staff by unit: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("order staff by unit: commit: %w", err)
	}
	return nil
}
