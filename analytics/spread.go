package analytics

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"golang.org/x/sync/errgroup"
)

// Extremes are the units furthest from balance under a filter: the most short (severe
// shortage and shortage, lowest ratio first) and the most in surplus (highest ratio first).
type Extremes struct {
	Short, Surplus []UnitRow
}

// Spread is how the filter's positions spread, as the overview shows it: over agencies, over
// the ratio bands, and at the two ends.
type Spread struct {
	ByAgency []Group // as Breakdown by agency
	Bins     []Bin   // as Distribution
	// At most n rows of each list: the first n of Units in the SortRatio order with Status
	// severe shortage or shortage, and of Units in the SortRatioDesc order with Status surplus.
	// A filter's own Status leaves only its list.
	Extremes Extremes

	// byRegion is the breakdown by region that Overview has spread.sql add up from the same rows
	// when scope_stats does not hold it.
	byRegion []Group
}

// Spread reads the overview's breakdown by agency, ratio distribution and top lists (n rows
// each) from one read of the filtered unit rows (queries/spread.sql).
func (r *Reader) Spread(ctx context.Context, f Filter, n int, lang string) (Spread, error) {
	f, err := r.restrict(ctx, f)
	if err != nil {
		return Spread{}, err
	}
	return r.spreadRows(ctx, f, n, 0, lang)
}

// spreadRows is Spread for a restricted filter, with the breakdown by region at level (1 to 3)
// added up from the same rows into byRegion; level 0 for none.
func (r *Reader) spreadRows(ctx context.Context, f Filter, n, level int, lang string) (Spread, error) {
	if !f.wholeCountry() {
		return r.spread(ctx, f, n, level, lang, true)
	}
	// The whole country's 500,000 rows of a period are not copied (filteredFor) but read by each
	// part, and in one query DuckDB ran the parts one after another: 135 ms of CPU, against
	// 64 ms for the top lists alone and about 15 for the distribution of distribution.sql. The
	// breakdown by agency comes from scope_stats. So here the three are read apart, at once.
	var sp, tops Spread
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { tops, err = r.spread(gctx, f, n, 0, lang, false); return err })
	g.Go(func() (err error) { sp.ByAgency, err = r.Breakdown(gctx, f, ByAgency, 0, lang); return err })
	g.Go(func() (err error) { sp.Bins, err = r.Distribution(gctx, f); return err })
	if level > 0 {
		g.Go(func() (err error) { sp.byRegion, err = r.Breakdown(gctx, f, ByRegion, level, lang); return err })
	}
	err := g.Wait()
	sp.Extremes = tops.Extremes
	return sp, err
}

// spread runs queries/spread.sql for the top lists and, with groups, the breakdown by agency and
// the distribution, and with a level (1 to 3) the breakdown by region. A read that raced a
// refresh, whose units' numbers it can no longer name, is made again.
func (r *Reader) spread(ctx context.Context, f Filter, n, level int, lang string, groups bool) (Spread, error) {
	for try := 1; ; try++ {
		sp, err := r.spreadOnce(ctx, f, n, level, lang, groups)
		if !errors.Is(err, errUnitsRenumbered) || try == 3 {
			return sp, err
		}
	}
}

// spreadOnce is one read of spread.
func (r *Reader) spreadOnce(ctx context.Context, f Filter, n, level int, lang string, groups bool) (Spread, error) {
	var sp Spread
	if level < 0 || level > 3 {
		return sp, fmt.Errorf("spread: breakdown by region at level %d, want 1 to 3", level)
	}
	names, err := r.names(ctx)
	if err != nil {
		return sp, err
	}
	// Level 0 makes the rows one region (numbers have ten digits), which spread.sql leaves out.
	span := regionSpans[level]
	if level == 0 {
		span = 10_000_000_000
	}
	rows, err := r.db.QueryContext(ctx, filteredFor("spread", f), f.args(sql.Named("limit", n),
		sql.Named("groups", groups), sql.Named("level", level), sql.Named("span", span))...)
	if err != nil {
		return sp, fmt.Errorf("spread: %w", err)
	}
	defer rows.Close()
	if groups {
		sp.Bins = make([]Bin, 21)
		for i := range sp.Bins {
			sp.Bins[i].Lower = float64(i) / 10
		}
	}
	// The top lists' rows with their part and unit number, named once the read is done.
	type listed struct {
		part string
		u    UnitRow
		unit int
	}
	var tops []listed
	var version int64
	for rows.Next() {
		var part, code string
		var unit int
		var v int64
		var u UnitRow
		var g Group
		if err := rows.Scan(&part, &code, &unit, &v, &u.UnitType, &u.Agency, &u.Cadre, &u.Method, &u.Workload,
			&u.Actual, &u.Required, &u.RequiredRounded, &u.Ratio, &u.Difference, &u.WorkloadPerStaff, &u.EJ, &u.Grade,
			&u.Status, &u.ShortagePeople, &u.SurplusPeople, &g.Units, &g.Staff, &g.Required, &g.ShortagePeople,
			&g.SurplusPeople, &g.Counts.SevereShortage, &g.Counts.Shortage, &g.Counts.Balanced, &g.Counts.Surplus,
			&g.Counts.NoData); err != nil {
			return sp, fmt.Errorf("spread: %w", err)
		}
		g.Code = code
		switch part {
		case "short", "surplus":
			tops, version = append(tops, listed{part, u, unit}), v
		case "agency":
			sp.ByAgency = append(sp.ByAgency, g)
		case "region":
			sp.byRegion = append(sp.byRegion, g)
		case "bin":
			bin, err := strconv.Atoi(code)
			if err != nil || bin < 0 || bin >= len(sp.Bins) {
				return sp, fmt.Errorf("spread: ratio band %q", code)
			}
			sp.Bins[bin].Counts = g.Counts
		}
	}
	if err := rows.Err(); err != nil {
		return sp, fmt.Errorf("spread: %w", err)
	}
	if len(tops) > 0 {
		units, err := r.unitNamesAt(ctx, version)
		if err != nil {
			return sp, fmt.Errorf("spread: %w", err)
		}
		for _, t := range tops {
			u := t.u
			if err := units.nameUnit(&u, t.unit); err != nil {
				return sp, fmt.Errorf("spread: %w", err)
			}
			nameUnitRow(names, &u, lang)
			if t.part == "short" {
				sp.Extremes.Short = append(sp.Extremes.Short, u)
			} else {
				sp.Extremes.Surplus = append(sp.Extremes.Surplus, u)
			}
		}
	}
	sortExtremes(&sp.Extremes)
	sp.ByAgency = nameGroups(names, "agency", sp.ByAgency)
	if level > 0 {
		sp.byRegion = nameGroups(names, "region", sp.byRegion)
	}
	return sp, nil
}

// sortExtremes puts the top lists in the orders of units_page.sql's 'ratio' and '-ratio', as
// spread.sql cut them: the short lowest ratio first (a severe shortage without a ratio as -1,
// other rows without one last), the surplus highest ratio first (without one as 1e9), then by
// unit (compareUnits) and cadre. DuckDB compares text byte by byte, as cmp.Compare does.
func sortExtremes(e *Extremes) {
	slices.SortStableFunc(e.Short, func(a, b UnitRow) int {
		ka, kb := shortKey(a), shortKey(b)
		return cmp.Or(cmp.Compare(ka, kb), compareUnits(a, b))
	})
	slices.SortStableFunc(e.Surplus, func(a, b UnitRow) int {
		ka, kb := surplusKey(a), surplusKey(b)
		return cmp.Or(cmp.Compare(kb, ka), compareUnits(a, b))
	})
}

// compareUnits orders rows of equal key as the SQL does: by unit number, which follows name,
// region and code (rollup_units), then by cadre.
func compareUnits(a, b UnitRow) int {
	return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Region, b.Region), cmp.Compare(a.Code, b.Code),
		cmp.Compare(a.Cadre, b.Cadre))
}

// shortKey is the short list's sort key; +Inf stands for NULL, which sorts last.
func shortKey(r UnitRow) float64 {
	switch {
	case r.Ratio.Valid:
		return r.Ratio.Float64
	case r.Status == SevereShortage:
		return -1
	}
	return math.Inf(1)
}

// surplusKey is the surplus list's sort key.
func surplusKey(r UnitRow) float64 {
	if r.Ratio.Valid {
		return r.Ratio.Float64
	}
	return 1e9
}

// nameUnitRow fills in the names of a unit row's codes as units_page.sql joins them: the unit
// type, agency and cadre, the village (the unit's region) and its district (the first 8
// characters of a village's code).
func nameUnitRow(n *names, u *UnitRow, lang string) {
	u.UnitTypeName, _ = n.name("unit_type", u.UnitType, lang)
	u.AgencyName, _ = n.name("agency", u.Agency, lang)
	u.CadreName, _ = n.name("cadre", u.Cadre, lang)
	u.VillageName, _ = n.name("region", u.Region, lang)
	if len(u.Region) >= 8 {
		u.DistrictName, _ = n.name("region", u.Region[:8], lang)
	}
}
