package analytics

import (
	"context"
	"database/sql"
	"fmt"
)

// Extremes are the units furthest from balance under a filter: the most short (severe
// shortage and shortage, lowest ratio first) and the most in surplus (highest ratio first).
type Extremes struct {
	Short, Surplus []UnitRow
}

// Extremes returns at most n rows of each list: the first n of Units in the SortRatio order
// with Status severe shortage or shortage, and of Units in the SortRatioDesc order with Status
// surplus. A filter's own Status leaves only its list.
func (r *Reader) Extremes(ctx context.Context, f Filter, n int, lang string) (Extremes, error) {
	f.Scope = r.scope
	rows, err := r.db.QueryContext(ctx, filteredFor("units_extremes", f), f.args(sql.Named("limit", n), sql.Named("lang", lang))...)
	if err != nil {
		return Extremes{}, fmt.Errorf("extreme units: %w", err)
	}
	defer rows.Close()
	var out Extremes
	for rows.Next() {
		var side string
		row, err := scanUnitRow(rows, &side)
		if err != nil {
			return out, err
		}
		if side == "short" {
			out.Short = append(out.Short, row)
		} else {
			out.Surplus = append(out.Surplus, row)
		}
	}
	return out, rows.Err()
}
