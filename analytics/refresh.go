package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/timbang/timbang/data/importer"
)

// The rollups (unit_stats, unit_history, scope_stats) are rebuilt after every import inside its
// transaction. A full rebuild reads every person and every period: 11 s at national scale. The
// commonest import, an agency's monthly workload figures, changes the rows of its periods and
// of no other (see refresh_unit_stats.sql), so that batch has only those periods rewritten.
// Every refresh statement writes the periods listed in the temporary table refresh_targets: all
// of them in a full refresh, the changed ones in a refresh by period.

// RefreshAfterImport is the importer's AfterApply: a batch that changed nothing but workload
// figures has the rollups of those figures' periods rewritten (refreshWorkloadPeriods), any
// other batch all of them (RefreshTx).
func RefreshAfterImport(ctx context.Context, conn *sql.Conn, tx *sql.Tx, changes importer.Changes) error {
	_, err := refreshAfterImport(ctx, conn, tx, changes)
	return err
}

// refreshAfterImport is RefreshAfterImport, reporting whether it rebuilt everything (tests
// hold each batch to the path it should take).
func refreshAfterImport(ctx context.Context, conn *sql.Conn, tx *sql.Tx, changes importer.Changes) (full bool, err error) {
	if !changes.OnlyWorkload() {
		return true, RefreshTx(ctx, conn, tx)
	}
	return refreshWorkloadPeriods(ctx, conn, tx, changes.WorkloadPeriods)
}

// RefreshTx rebuilds the rollups inside a caller's transaction: an import writes its data and
// the rollups that reflect it in one commit. tx must have been begun on conn, which loads the
// Gini computed in Go through DuckDB's appender.
func RefreshTx(ctx context.Context, conn *sql.Conn, tx *sql.Tx) error {
	for _, name := range []string{"refresh_targets_all", "refresh_tables"} {
		if _, err := tx.ExecContext(ctx, query(name)); err != nil {
			return fmt.Errorf("refresh rollups: %s: %w", name, err)
		}
	}
	return refreshTargets(ctx, conn, tx)
}

// refreshWorkloadPeriods brings the rollups up to date, inside tx on conn as RefreshTx, after a
// change to nothing but the workload figures of periods: it rewrites the rows of those periods
// and leaves every other period's rows as they are. The caller promises that nothing else
// changed since the rollups were last built; it falls back to RefreshTx, and says so in full,
// wherever the stored rollups or the periods could make the result differ from a full rebuild
// (refresh_periods_ok.sql says when).
func refreshWorkloadPeriods(ctx context.Context, conn *sql.Conn, tx *sql.Tx, periods []time.Time) (full bool, err error) {
	list := make([]string, len(periods))
	for i, p := range periods {
		list[i] = p.Format(time.DateOnly)
	}
	if _, err := tx.ExecContext(ctx, query("refresh_targets_periods"), sql.Named("periods", strings.Join(list, ","))); err != nil {
		return false, fmt.Errorf("refresh rollups by period: %w", err)
	}
	var ok bool
	if err := tx.QueryRowContext(ctx, query("refresh_periods_ok")).Scan(&ok); err != nil {
		return false, fmt.Errorf("refresh rollups by period: check: %w", err)
	}
	if !ok {
		return true, RefreshTx(ctx, conn, tx)
	}
	if len(periods) == 0 {
		// The batch changed no figure: the rollups stand; the version still moves, as the
		// import ran.
		if _, err := tx.ExecContext(ctx, `DROP TABLE refresh_targets`); err != nil {
			return false, fmt.Errorf("refresh rollups by period: %w", err)
		}
		if _, err := tx.ExecContext(ctx, query("bump_data_version")); err != nil {
			return false, fmt.Errorf("refresh rollups by period: %w", err)
		}
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, query("refresh_targets_delete")); err != nil {
		return false, fmt.Errorf("refresh rollups by period: %w", err)
	}
	return false, refreshTargets(ctx, conn, tx)
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
