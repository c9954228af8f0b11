package analytics

import (
	"context"
	"errors"
	"fmt"
)

// unitNames are every unit's code, name and region code by its number (rollup_units) at one
// data version. The overview's top lists (spread.sql) return their rows' unit numbers and are
// named from here: joined to rollup_units in the query, the names cost every cold overview
// about 2 ms of CPU at national scale, outside DuckDB's operators (docs/BENCHMARKS.md, issue
// 8). About 500,000 units nationally, some 50 MB, read once per data version.
//
// A full refresh numbers the units anew, so a number names a unit only at the version the read
// of it saw: the read returns its version, and names of another version are never used for it
// (spread retries a read that raced a refresh).
type unitNames struct {
	version            int64
	code, name, region []string // by unit number; 0 is no unit
}

// errUnitsRenumbered says a read of unit rows saw a data version older than the units' names
// the database now holds: a refresh committed in between, and the read must be made again.
var errUnitsRenumbered = errors.New("the units were numbered anew during the read")

// unitNamesAt returns the units' names at data version v, which a read of unit rows saw, or
// errUnitsRenumbered if the data has moved past v. Callers after a data change wait for one
// read rather than each reading them.
func (s *Service) unitNamesAt(ctx context.Context, v int64) (*unitNames, error) {
	s.unitNamesMu.Lock()
	defer s.unitNamesMu.Unlock()
	if n := s.unitNamesLast; n != nil && n.version == v {
		return n, nil
	}
	n, err := s.readUnitNames(ctx)
	if err != nil {
		return nil, err
	}
	s.unitNamesLast = n
	if n.version != v {
		return nil, errUnitsRenumbered
	}
	return n, nil
}

// readUnitNames reads every unit's code, name and region code with the data version they
// belong to, in one transaction (one snapshot of the database).
func (s *Service) readUnitNames(ctx context.Context) (n *unitNames, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("unit names: %w", err)
	}
	defer func() { err = errors.Join(err, tx.Rollback()) }()
	n = &unitNames{}
	if err := tx.QueryRowContext(ctx, query("data_version")).Scan(&n.version); err != nil {
		return nil, fmt.Errorf("unit names: %w", err)
	}
	var count int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(unit_no), 0) FROM rollup_units`).Scan(&count); err != nil {
		return nil, fmt.Errorf("unit names: %w", err)
	}
	n.code, n.name, n.region = make([]string, count+1), make([]string, count+1), make([]string, count+1)
	rows, err := tx.QueryContext(ctx, `SELECT unit_no, code, name, region_code FROM rollup_units`)
	if err != nil {
		return nil, fmt.Errorf("unit names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var no int
		var code, name, region string
		if err := rows.Scan(&no, &code, &name, &region); err != nil {
			return nil, fmt.Errorf("unit names: %w", err)
		}
		if no < 1 || no > count {
			return nil, fmt.Errorf("unit names: unit number %d out of 1..%d", no, count)
		}
		n.code[no], n.name[no], n.region[no] = code, name, region
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("unit names: %w", err)
	}
	return n, nil
}

// nameUnit fills in the unit row's code, name and region code from its number.
func (n *unitNames) nameUnit(u *UnitRow, no int) error {
	if no < 1 || no >= len(n.code) {
		return fmt.Errorf("unit number %d of no unit at data version %d", no, n.version)
	}
	u.Code, u.Name, u.Region = n.code[no], n.name[no], n.region[no]
	return nil
}
