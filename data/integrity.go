package data

import (
	"context"
	"fmt"
	"strings"
)

// Violation is a stored row that breaks a rule the schema does not enforce itself: a reference
// that points at nothing, a key that another row has too, or a NIP that is not 18 digits.
type Violation struct {
	Table, Key, Column, Value string
	Kind                      string // "missing" (Value does not exist), "duplicate" or "malformed"
}

func (v Violation) String() string {
	switch v.Kind {
	case "duplicate":
		return fmt.Sprintf("%s %s: the key is stored more than once", v.Table, v.Key)
	case "malformed":
		return fmt.Sprintf("%s %s: %s %q is not 18 digits", v.Table, v.Key, v.Column, v.Value)
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
		if err := rows.Scan(&v.Table, &v.Key, &v.Column, &v.Value, &v.Kind); err != nil {
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
