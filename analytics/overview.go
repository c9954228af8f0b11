package analytics

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// Overview is what the overview page shows of a filter: its headline, trend and breakdown by
// region (ScopeFigures) and how its positions spread (Spread).
type Overview struct {
	ScopeFigures
	Spread
}

// Overview reads the overview of f, with the breakdown by region at level (1 to 3) and top lists
// of n rows, in two reads at once. Where scope_stats holds the breakdown by region, it comes from
// there with the headline and trend (ScopeFigures). Where it does not (the districts of a
// regency, or a filter no precomputed scope covers), the read of the unit rows that Spread makes
// anyway adds it up too: a read of those rows of its own cost a cold regency overview about
// 4 ms of CPU more at national scale (docs/BENCHMARKS.md, issue 8).
func (r *Reader) Overview(ctx context.Context, f Filter, level, n int, lang string) (Overview, error) {
	f, err := r.restrict(ctx, f)
	if err != nil {
		return Overview{}, err
	}
	var o Overview
	_, _, precomputed := f.scopeBreakdown(ByRegion, level)
	rowsLevel := level
	if precomputed {
		rowsLevel = 0
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		if precomputed {
			o.ScopeFigures, err = r.ScopeFigures(gctx, f, level, lang)
		} else {
			o.Summary, o.Trend, err = r.SummaryTrend(gctx, f)
		}
		return err
	})
	g.Go(func() (err error) { o.Spread, err = r.spreadRows(gctx, f, n, rowsLevel, lang); return err })
	if err := g.Wait(); err != nil {
		return Overview{}, err
	}
	if !precomputed {
		o.ByRegion, o.byRegion = o.byRegion, nil
	}
	return o, nil
}
