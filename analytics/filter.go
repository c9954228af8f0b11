package analytics

import (
	"database/sql"
	"time"
)

// Filter selects what a dashboard view shows. Empty fields mean "all"; a zero Period means the
// latest period. Region matches the region and everything under it.
type Filter struct {
	Region   string
	Agency   string
	UnitType string
	Cadre    string
	Unit     string // one unit's rows (unit pages)
	Status   Status // narrows unit lists and the ratio distribution, not the headline totals
	Period   time.Time
}

// args binds the filter to the named parameters of queries/filtered.sql.
func (f Filter) args(extra ...any) []any {
	return append([]any{
		sql.Named("period", f.Period),
		sql.Named("region", f.Region),
		sql.Named("agency", f.Agency),
		sql.Named("unit_type", f.UnitType),
		sql.Named("cadre", f.Cadre),
		sql.Named("unit", f.Unit),
		sql.Named("status", string(f.Status)),
	}, extra...)
}

// scope is the single precomputed scope a filter maps to, if it maps to one.
func (f Filter) scope() (kind, code string, ok bool) {
	switch {
	case f.Unit != "" || (f.Region != "" && f.Agency != ""):
		return "", "", false
	case f.Region != "":
		return "region", f.Region, true
	case f.Agency != "":
		return "agency", f.Agency, true
	}
	return "all", "", true
}

// filtered prefixes a query with the filter CTE (queries/filtered.sql).
func filtered(name string) string {
	return query("filtered") + query(name)
}
