package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// Dimension is what a breakdown groups by.
type Dimension string

// Breakdown dimensions.
const (
	ByAgency   Dimension = "agency"
	ByRegion   Dimension = "region"
	ByCadre    Dimension = "cadre"
	ByUnitType Dimension = "unit_type"
)

// Group is one bar of a breakdown.
type Group struct {
	Code, Name     string
	Units          int
	Staff          int
	Required       float64
	ShortagePeople int
	SurplusPeople  int
	Counts         Counts
}

// Breakdown returns totals per agency, per cadre, or per region at level (1 province,
// 2 regency/city, 3 district) under the filter (Status ignored), most short first.
func (r *Reader) Breakdown(ctx context.Context, f Filter, dim Dimension, level int, lang string) ([]Group, error) {
	f, err := r.restrict(ctx, f)
	if err != nil {
		return nil, err
	}
	f.Status = ""
	if q, args, ok := f.scopeBreakdown(dim, level); ok {
		return r.namedGroups(ctx, dim, q, args)
	}
	return r.breakdownRows(ctx, f, dim, level, lang)
}

// regionCodeLengths are the lengths of region codes by level (1 province, 2 regency/city,
// 3 district).
var regionCodeLengths = map[int]int{1: 2, 2: 5, 3: 8}

// scopeBreakdown returns and binds queries/breakdown_scope.sql when the breakdown's groups are whole
// precomputed scopes: agencies or regions under everything, regions under a region the filter
// (and the user's scope) covers whole, regions of the levels scope_stats holds.
func (f Filter) scopeBreakdown(dim Dimension, level int) (string, []any, bool) {
	kind, code, ok := f.scope()
	lengths := regionCodeLengths
	switch {
	case !ok:
		return "", nil, false
	case dim == ByAgency && kind == "all":
		code = ""
	case dim == ByRegion && level <= precomputedLevels && (kind == "all" || kind == "region" && lengths[level] > len(code)):
		if kind == "all" {
			code = ""
		}
	default:
		return "", nil, false
	}
	if dim == ByRegion && lengths[level] == 0 {
		return "", nil, false
	}
	return query("breakdown_scope"), []any{
		sql.Named("kind", string(dim)), sql.Named("period", f.Period), sql.Named("cadre", f.Cadre),
		sql.Named("unit_type", f.UnitType), sql.Named("code_length", lengths[level]), sql.Named("parent", code),
		sql.Named("parent_end", regionEnd(code)),
	}, true
}

// breakdownRows adds the breakdown up from the filtered unit rows.
func (r *Reader) breakdownRows(ctx context.Context, f Filter, dim Dimension, level int, lang string) ([]Group, error) {
	switch dim {
	case ByAgency:
		return r.namedGroups(ctx, dim, filtered("breakdown_agency", f), f.args())
	case ByCadre:
		// Five cadres in their display order: the join with their names costs little.
		return r.groups(ctx, dim, filtered("breakdown_cadre", f), f.args(sql.Named("lang", lang)), true)
	case ByRegion:
		if level < 1 || level > 3 {
			return nil, fmt.Errorf("breakdown by region: level %d, want 1 to 3", level)
		}
		return r.namedGroups(ctx, dim, filtered("breakdown_region", f),
			f.args(sql.Named("level", level), sql.Named("span", regionSpans[level])))
	}
	return nil, fmt.Errorf("breakdown by %q: unknown dimension", dim)
}

// namedGroups runs a breakdown query by agency or region that returns codes, and names and
// orders its groups (nameGroups).
func (r *Reader) namedGroups(ctx context.Context, dim Dimension, text string, args []any) ([]Group, error) {
	n, err := r.names(ctx)
	if err != nil {
		return nil, err
	}
	groups, err := r.groups(ctx, dim, text, args, false)
	if err != nil {
		return nil, err
	}
	return nameGroups(n, string(dim), groups), nil
}

// groups runs a breakdown query; named says whether a name column follows the code.
func (r *Reader) groups(ctx context.Context, dim Dimension, text string, args []any, named bool) ([]Group, error) {
	rows, err := r.db.QueryContext(ctx, text, args...)
	if err != nil {
		return nil, fmt.Errorf("breakdown by %s: %w", dim, err)
	}
	defer rows.Close()
	var out []Group
	for rows.Next() {
		var g Group
		dest := []any{&g.Code, &g.Units, &g.Staff, &g.Required, &g.ShortagePeople, &g.SurplusPeople,
			&g.Counts.SevereShortage, &g.Counts.Shortage, &g.Counts.Balanced, &g.Counts.Surplus, &g.Counts.NoData}
		if named {
			dest = slices.Insert(dest, 1, any(&g.Name))
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Bin is one bar of the ratio distribution: positions whose ratio is in [Lower, Lower+0.1),
// the last bin holding 2.0 and above.
type Bin struct {
	Lower  float64
	Counts Counts
}

// Distribution returns 21 bins of the ratio over the filter's positions.
func (r *Reader) Distribution(ctx context.Context, f Filter) ([]Bin, error) {
	f, err := r.restrict(ctx, f)
	if err != nil {
		return nil, err
	}
	bins := make([]Bin, 21)
	for i := range bins {
		bins[i].Lower = float64(i) / 10
	}
	rows, err := r.db.QueryContext(ctx, filtered("distribution", f), f.args()...)
	if err != nil {
		return nil, fmt.Errorf("distribution: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var bin, n int
		var st Status
		if err := rows.Scan(&bin, &st, &n); err != nil {
			return nil, err
		}
		c := &bins[bin].Counts
		switch st {
		case SevereShortage:
			c.SevereShortage += n
		case Shortage:
			c.Shortage += n
		case Balanced:
			c.Balanced += n
		case Surplus:
			c.Surplus += n
		default:
			c.NoData += n
		}
	}
	return bins, rows.Err()
}
