package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
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

	// unitNo is Unit's number in rollup_units, which the unit rows store; a Reader looks it up
	// (restrict). 0 without a unit, -1 for a code of no unit.
	unitNo int32
	// allPeriods has the filter select the rows of every period, not Period's alone: a trend
	// added up from unit rows (rowHistory in summary.go).
	allPeriods bool
}

// The first and last dates a filter of every period covers (DuckDB's DATE holds both).
var (
	firstDate = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDate  = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

// restrict gives f the reader's scope, whatever the caller put there, and looks up the number
// of its unit. Looked up in the SQL of every read instead, the number cost each read about 8 ms
// of CPU at national scale, with a unit or without: DuckDB joined every row with the lookup.
// A filter restricted already (a read passing its filter on to others, as Spread does) keeps
// its number: only this package sets it, from Unit, which nothing here changes afterwards.
func (r *Reader) restrict(ctx context.Context, f Filter) (Filter, error) {
	f.Scope = r.scope
	if f.Unit == "" {
		f.unitNo = 0
		return f, nil
	}
	if f.unitNo != 0 {
		return f, nil
	}
	err := r.db.QueryRowContext(ctx, query("unit_number"), sql.Named("code", f.Unit)).Scan(&f.unitNo)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		f.unitNo = -1
	case err != nil:
		return f, fmt.Errorf("unit %s: %w", f.Unit, err)
	}
	return f, nil
}

// args binds the filter to the named parameters of queries/filtered.sql.
func (f Filter) args(extra ...any) []any {
	regionLo, regionHi := regionRange(f.Region)
	from, to := f.Period, f.Period
	if f.allPeriods {
		from, to = firstDate, lastDate
	}
	return append([]any{
		sql.Named("period", f.Period),
		sql.Named("period_from", from),
		sql.Named("period_to", to),
		sql.Named("region_lo", regionLo),
		sql.Named("region_hi", regionHi),
		sql.Named("agency", f.Agency),
		sql.Named("unit_type", f.UnitType),
		sql.Named("cadre", f.Cadre),
		sql.Named("unit_no", f.unitNumber()),
		sql.Named("status", string(f.Status)),
	}, append(f.Scope.args(), extra...)...)
}

// unitNumber is the unit number the filter selects, 0 for every unit. A unit the Reader did not
// look up (restrict) selects nothing rather than everything.
func (f Filter) unitNumber() int32 {
	if f.Unit != "" && f.unitNo == 0 {
		return -1
	}
	return f.unitNo
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
// scope_stats holds regions down to regencies: a district or a village is no precomputed scope,
// and its few unit rows are added up when asked for (refresh_scope_stats.sql says why).
// Under a user's scope the precomputed rows of a place are used only when the scope covers all
// of the place; otherwise they would count units the user may not see, and the figures are
// computed from the unit rows the scope lets through.
func (f Filter) scope() (kind, code string, ok bool) {
	sc := f.Scope
	switch {
	case f.Unit != "" || (f.Region != "" && f.Agency != ""):
		return "", "", false
	case f.Region != "":
		return "region", f.Region, sc.CoversRegion(f.Region) && precomputedRegion(f.Region)
	case f.Agency != "":
		return "agency", f.Agency, sc.Everything() || slices.Contains(sc.Agencies, f.Agency)
	case sc.Everything():
		return "all", "", true
	case len(sc.Regions) == 1 && len(sc.Agencies) == 0:
		return "region", sc.Regions[0], precomputedRegion(sc.Regions[0])
	case len(sc.Agencies) == 1 && len(sc.Regions) == 0:
		return "agency", sc.Agencies[0], true
	}
	return "", "", false
}

// precomputedLevels is the deepest region level scope_stats holds: provinces (1) and regencies
// (2). A district (3) holds some seventy units, whose rows pages add up when asked for, while its
// precomputed rows were six in seven of scope_stats (refresh_scope_stats.sql).
const precomputedLevels = 2

// precomputedRegion reports whether scope_stats holds the region with this code.
func precomputedRegion(code string) bool { return len(code) <= regionCodeLengths[precomputedLevels] }

// trendFromRows reports whether the trend of a filter no precomputed scope covers is added up
// from its unit rows (every period's): when they lie in one district or village, named by the
// filter's region or by a scope of that one region. Other such filters (an agency inside a
// province) are followed at the agency's level (Trend).
func (f Filter) trendFromRows() bool {
	region := f.Region
	if region == "" && len(f.Scope.Regions) == 1 && len(f.Scope.Agencies) == 0 {
		region = f.Scope.Regions[0]
	}
	return region != "" && !precomputedRegion(region)
}

// filtered prefixes a query with the filter CTE (queries/filtered.sql), with the scope's
// conditions (queries/filtered_scope.sql) when f's scope limits anything; Filter.args binds the
// scope's parameters in that case only.
func filtered(name string, f Filter) string {
	scope := ""
	if !f.Scope.Everything() {
		scope = query("filtered_scope")
	}
	return strings.Replace(query("filtered"), "/* scope */", scope, 1) + query(name)
}

// filteredFor is filtered for a query that reads the filtered rows more than once (a unit list
// and its count, two cuts of the top lists). DuckDB then copies them once (a MATERIALIZED CTE),
// which costs less than reading them again for a place, a few thousand rows in a row group or
// two, and about 20 ms more for the whole country's 500,000 rows of a period: for those the
// rows are read as often as needed.
func filteredFor(name string, f Filter) string {
	text := filtered(name, f)
	if f.wholeCountry() {
		// Every CTE of the chain: one read twice makes DuckDB copy the one it reads.
		text = strings.Replace(text, "WITH f AS (", "WITH f AS NOT MATERIALIZED (", 1)
		text = strings.Replace(text, "fs AS (", "fs AS NOT MATERIALIZED (", 1)
		text = strings.Replace(text, "AS MATERIALIZED (", "AS NOT MATERIALIZED (", 1)
	}
	return text
}

// wholeCountry reports whether the filter reads every place of a period.
func (f Filter) wholeCountry() bool {
	return f.Region == "" && f.Agency == "" && f.Unit == "" && f.Scope.Everything()
}
