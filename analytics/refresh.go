package analytics

import (
	"context"
	"database/sql"
	"fmt"
)

// Every refresh statement writes the periods listed in the temporary table refresh_targets; a
// full refresh lists all of them.

// RefreshTx rebuilds the rollups inside a caller's transaction: an import writes its data and
// the rollups that reflect it in one commit. tx must have been begun on conn, which loads the
// Gini computed in Go through DuckDB's appender.
func RefreshTx(ctx context.Context, conn *sql.Conn, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, query("refresh_targets_all")); err != nil {
		return fmt.Errorf("refresh rollups: %w", err)
	}
	return refreshTargets(ctx, conn, tx)
}

// refreshTargets writes the rollup rows of the periods in refresh_targets, whose old rows are
// gone, and bumps the data version.
func refreshTargets(ctx context.Context, conn *sql.Conn, tx *sql.Tx) error {
	// unit_history is unit_stats in unit order for the unit page: it is copied right after.
	for _, name := range []string{"refresh_unit_stats", "refresh_unit_history"} {
		if _, err := tx.ExecContext(ctx, query(name)); err != nil {
			return fmt.Errorf("refresh rollups: %s: %w", name, err)
		}
	}
	if err := refreshScopeGini(ctx, conn, tx); err != nil {
		return fmt.Errorf("refresh rollups: %w", err)
	}
	for _, name := range []string{"refresh_scope_stats", "bump_data_version"} {
		if _, err := tx.ExecContext(ctx, query(name)); err != nil {
			return fmt.Errorf("refresh rollups: %s: %w", name, err)
		}
	}
	return nil
}
