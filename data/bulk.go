package data

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// AppendFunc adds one row; values follow the table's column order.
type AppendFunc func(values ...driver.Value) error

// Append bulk-loads rows into table through DuckDB's appender, which is orders of magnitude
// faster than INSERT statements. fill calls add once per row. The rows become visible when
// Append returns without error; on error nothing fill added is kept.
func (s *Store) Append(ctx context.Context, table string, fill func(add AppendFunc) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	err = conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("append %s: unexpected driver connection %T", table, dc)
		}
		app, err := duckdb.NewAppenderFromConn(dconn, "", table)
		if err != nil {
			return fmt.Errorf("append %s: %w", table, err)
		}
		ferr := fill(func(values ...driver.Value) error { return app.AppendRow(values...) })
		cerr := app.Close()
		if ferr != nil {
			return ferr
		}
		if cerr != nil {
			return fmt.Errorf("append %s: %w", table, cerr)
		}
		return nil
	})
	if err != nil {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("append %s: commit: %w", table, err)
	}
	return nil
}
