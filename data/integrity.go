package data

import (
	"context"
	"fmt"
	"strings"
)

// DanglingRef is a stored row whose reference points at nothing.
type DanglingRef struct {
	Table, Key, Column, Value string
}

func (d DanglingRef) String() string {
	return fmt.Sprintf("%s %s: %s %q does not exist", d.Table, d.Key, d.Column, d.Value)
}

// CheckIntegrity returns an error listing up to 100 dangling references, or nil. DuckDB's
// foreign keys would check them but also refuse the upserts imports rely on, so they are
// checked here instead.
func (s *Store) CheckIntegrity(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, integritySQL)
	if err != nil {
		return fmt.Errorf("check integrity: %w", err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var d DanglingRef
		if err := rows.Scan(&d.Table, &d.Key, &d.Column, &d.Value); err != nil {
			return err
		}
		bad = append(bad, d.String())
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d dangling references (first 100):\n%s", len(bad), strings.Join(bad, "\n"))
	}
	return nil
}
