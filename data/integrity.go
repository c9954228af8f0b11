package data

import (
	"context"
	"fmt"
	"strings"
)

// Violation is a stored row that breaks a rule the schema does not enforce itself: a reference
// that points at nothing, or a key that another row has too.
type Violation struct {
	Table, Key, Column, Value string
	Duplicate                 bool // the key is repeated; otherwise Value does not exist
}

func (v Violation) String() string {
	if v.Duplicate {
		return fmt.Sprintf("%s %s: the key is stored more than once", v.Table, v.Key)
	}
	return fmt.Sprintf("%s %s: %s %q does not exist", v.Table, v.Key, v.Column, v.Value)
}

// CheckIntegrity returns an error listing up to 100 violations, or nil. DuckDB's foreign keys
// would check references but also refuse the upserts imports rely on, and the largest tables
// have no primary-key index (migration 5), so both are checked here instead.
func (s *Store) CheckIntegrity(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, integritySQL)
	if err != nil {
		return fmt.Errorf("check integrity: %w", err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var v Violation
		if err := rows.Scan(&v.Table, &v.Key, &v.Column, &v.Value, &v.Duplicate); err != nil {
			return err
		}
		bad = append(bad, v.String())
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d integrity violations (first 100):\n%s", len(bad), strings.Join(bad, "\n"))
	}
	return nil
}
