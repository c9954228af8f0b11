package analytics

import (
	"database/sql"
	"slices"
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
	// Scope limits every row to what the user may see; a Reader sets it, whatever the caller
	// put there.
	Scope Scope
}

// args binds the filter to the named parameters of queries/filtered.sql.
func (f Filter) args(extra ...any) []any {
	return append([]any{
		sql.Named("period", f.Period),
		sql.Named("region", f.Region),
		sql.Named("region_end", regionEnd(f.Region)),
		sql.Named("agency", f.Agency),
		sql.Named("unit_type", f.UnitType),
		sql.Named("cadre", f.Cadre),
		sql.Named("unit", f.Unit),
		sql.Named("status", string(f.Status)),
	}, append(f.Scope.args(), extra...)...)
}

// regionEnd is the least code after every code under region: region codes are digits and
// dots and '/' follows '.', so a region and everything under it lie in [region, region+"/").
// Without a region the range holds every code.
func regionEnd(region string) string {
	if region == "" {
		return "\U0010FFFF"
	}
	return region + "/"
}

// scope is the single precomputed scope (scope_stats) a filter maps to, if it maps to one.
// Under a user's scope the precomputed rows of a place are used only when the scope covers all
// of the place; otherwise they would count units the user may not see, and the figures are
// computed from the unit rows the scope lets through.
func (f Filter) scope() (kind, code string, ok bool) {
	sc := f.Scope
	switch {
	case f.Unit != "" || (f.Region != "" && f.Agency != ""):
		return "", "", false
	case f.Region != "":
		return "region", f.Region, sc.CoversRegion(f.Region)
	case f.Agency != "":
		return "agency", f.Agency, sc.Everything() || slices.Contains(sc.Agencies, f.Agency)
	case sc.Everything():
		return "all", "", true
	case len(sc.Regions) == 1 && len(sc.Agencies) == 0:
		return "region", sc.Regions[0], true
	case len(sc.Agencies) == 1 && len(sc.Regions) == 0:
		return "agency", sc.Agencies[0], true
	}
	return "", "", false
}

// filtered prefixes a query with the filter CTE (queries/filtered.sql).
func filtered(name string) string {
	return query("filtered") + query(name)
}
