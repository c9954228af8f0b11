package analytics

import (
	"context"
	"database/sql"
	"fmt"
)

// Norm is how the staff a unit type needs in a cadre is computed.
type Norm struct {
	UnitType, UnitTypeName string
	Cadre, CadreName       string
	Method                 string // ratio, wisn or abk
	Indicator              string // ratio norms: what one person's workload is counted in
	PerStaff               sql.NullFloat64
	Source                 string // the regulation or study the figure comes from
}

// Norms lists the staffing norms in force; they are reference data, the same for every scope.
func (s *Service) Norms(ctx context.Context, lang string) ([]Norm, error) {
	rows, err := s.db.QueryContext(ctx, query("norms"), sql.Named("lang", lang))
	if err != nil {
		return nil, fmt.Errorf("norms: %w", err)
	}
	defer rows.Close()
	var out []Norm
	for rows.Next() {
		var n Norm
		if err := rows.Scan(&n.UnitType, &n.UnitTypeName, &n.Cadre, &n.CadreName, &n.Method, &n.Indicator, &n.PerStaff, &n.Source); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
