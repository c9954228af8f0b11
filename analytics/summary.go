package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"golang.org/x/sync/errgroup"
)

// Counts is the number of unit x cadre positions in each status.
type Counts struct {
	SevereShortage, Shortage, Balanced, Surplus, NoData int
}

// Of returns the count of one status.
func (c Counts) Of(s Status) int {
	switch s {
	case SevereShortage:
		return c.SevereShortage
	case Shortage:
		return c.Shortage
	case Balanced:
		return c.Balanced
	case Surplus:
		return c.Surplus
	}
	return c.NoData
}

// Add counts one more position of status s.
func (c *Counts) Add(s Status) {
	switch s {
	case SevereShortage:
		c.SevereShortage++
	case Shortage:
		c.Shortage++
	case Balanced:
		c.Balanced++
	case Surplus:
		c.Surplus++
	default:
		c.NoData++
	}
}

// Flagged is the number of positions short or in surplus.
func (c Counts) Flagged() int { return c.SevereShortage + c.Shortage + c.Surplus }

// Summary is the headline of a scope in one period.
type Summary struct {
	Period          time.Time
	Units           int
	Positions       int // unit x cadre
	Staff           int
	StaffMeasured   int // staff where there is workload data
	Required        float64
	RequiredRounded int
	ShortagePeople  int
	SurplusPeople   int
	Counts          Counts
	Gini            float64 // NaN when undefined
}

// Ratio is staff over required staff where there is data; NaN without need.
func (s Summary) Ratio() float64 {
	if s.Required == 0 {
		return math.NaN()
	}
	return float64(s.StaffMeasured) / s.Required
}

// figures are the destinations of a Summary's figures in the column order of the queries that
// read them (summary_scope.sql, trend_scope.sql, scope_figures.sql, summary_filtered.sql).
func (s *Summary) figures() []any {
	return []any{&s.Units, &s.Positions, &s.Staff, &s.StaffMeasured, &s.Required, &s.RequiredRounded,
		&s.ShortagePeople, &s.SurplusPeople, &s.Counts.SevereShortage, &s.Counts.Shortage,
		&s.Counts.Balanced, &s.Counts.Surplus, &s.Counts.NoData}
}

// Summary returns the headline figures for the filter (its Status is ignored).
func (r *Reader) Summary(ctx context.Context, f Filter) (Summary, error) {
	f, err := r.restrict(ctx, f)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Period: f.Period, Gini: math.NaN()} // nothing in scope: all zero
	if kind, code, ok := f.scope(); ok {
		var gini sql.NullFloat64
		err := r.db.QueryRowContext(ctx, query("summary_scope"), sql.Named("period", f.Period), sql.Named("kind", kind),
			sql.Named("code", code), sql.Named("cadre", f.Cadre), sql.Named("unit_type", f.UnitType)).Scan(append(sum.figures(), &gini)...)
		if errors.Is(err, sql.ErrNoRows) {
			return sum, nil
		}
		if err != nil {
			return sum, fmt.Errorf("summary: %w", err)
		}
		sum.Gini = nullNaN(gini)
		return sum, nil
	}
	history, err := r.rowHistory(ctx, f)
	if err != nil || len(history) == 0 {
		return sum, err
	}
	history[0].Period = f.Period
	return history[0], nil
}

// rowHistory adds up the headlines of a filter no precomputed scope covers from its unit rows:
// of its period, or of every period with rows when f.allPeriods (oldest first).
func (r *Reader) rowHistory(ctx context.Context, f Filter) ([]Summary, error) {
	f.Status = ""
	rows, err := r.db.QueryContext(ctx, filtered("summary_filtered", f), f.args()...)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		s := Summary{Gini: math.NaN()}
		if err := rows.Scan(append([]any{&s.Period}, s.figures()...)...); err != nil {
			return nil, fmt.Errorf("summary: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	ginis, err := r.filteredGinis(ctx, f)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if g, ok := ginis[out[i].Period.Unix()]; ok {
			out[i].Gini = g
		}
	}
	return out, nil
}

// filteredGinis computes the Gini of the rows of f, which a Reader has restricted, per period
// (by its Unix time); a period without staffed rows has none.
func (r *Reader) filteredGinis(ctx context.Context, f Filter) (map[int64]float64, error) {
	rows, err := r.db.QueryContext(ctx, filtered("load_pairs", f), f.args()...)
	if err != nil {
		return nil, fmt.Errorf("gini: %w", err)
	}
	defer rows.Close()
	type pairs struct{ xs, ws []float64 }
	byPeriod := map[int64]*pairs{}
	for rows.Next() {
		var period time.Time
		var x, w float64
		if err := rows.Scan(&period, &x, &w); err != nil {
			return nil, fmt.Errorf("gini: %w", err)
		}
		p := byPeriod[period.Unix()]
		if p == nil {
			p = &pairs{}
			byPeriod[period.Unix()] = p
		}
		p.xs, p.ws = append(p.xs, x), append(p.ws, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("gini: %w", err)
	}
	ginis := make(map[int64]float64, len(byPeriod))
	for period, p := range byPeriod {
		ginis[period] = Gini(p.xs, p.ws)
	}
	return ginis, nil
}

func nullNaN(v sql.NullFloat64) float64 {
	if !v.Valid {
		return math.NaN()
	}
	return v.Float64
}

// TrendPoint is one period of a scope's history.
type TrendPoint struct {
	Period         time.Time
	Staff          int
	Required       float64
	ShortagePeople int
	SurplusPeople  int
	Counts         Counts
	Gini           float64
}

// Trend returns every period of the filter's scope, oldest first. A filter that maps to no
// precomputed scope is added up from its unit rows when they lie in one district or village
// (trendFromRows); otherwise (an agency inside a province) it is followed at the agency's level.
func (r *Reader) Trend(ctx context.Context, f Filter) ([]TrendPoint, error) {
	history, err := r.scopeHistory(ctx, f)
	return trendOf(history), err
}

// SummaryTrend returns what Summary and Trend return for f. Where the filter maps to one
// precomputed scope, the headline is the trend's point of the period, so both come from one
// read of scope_stats instead of two (about 2 ms of CPU of every cold overview, region and
// agency page at national scale); likewise from one read of the unit rows of a district or
// village.
func (r *Reader) SummaryTrend(ctx context.Context, f Filter) (Summary, []TrendPoint, error) {
	f, err := r.restrict(ctx, f)
	if err != nil {
		return Summary{}, nil, err
	}
	if _, _, ok := f.scope(); !ok && !f.trendFromRows() {
		var sum Summary
		var trend []TrendPoint
		g, gctx := errgroup.WithContext(ctx)
		g.Go(func() (err error) { sum, err = r.Summary(gctx, f); return err })
		g.Go(func() (err error) { trend, err = r.Trend(gctx, f); return err })
		err := g.Wait()
		return sum, trend, err
	}
	history, err := r.scopeHistory(ctx, f)
	if err != nil {
		return Summary{}, nil, err
	}
	sum := Summary{Period: f.Period, Gini: math.NaN()} // nothing in scope: all zero, as Summary
	for _, h := range history {
		if h.Period.Equal(f.Period) {
			sum = h
			sum.Period = f.Period
		}
	}
	return sum, trendOf(history), nil
}

// scopeHistory reads every period's headline of the filter's scope (Trend's), oldest first.
func (r *Reader) scopeHistory(ctx context.Context, f Filter) ([]Summary, error) {
	f, err := r.restrict(ctx, f)
	if err != nil {
		return nil, err
	}
	kind, code, ok := f.scope()
	if !ok && f.trendFromRows() {
		f.allPeriods = true
		return r.rowHistory(ctx, f)
	}
	if !ok {
		kind, code = "agency", f.Agency
	}
	rows, err := r.db.QueryContext(ctx, query("trend_scope"), sql.Named("kind", kind), sql.Named("code", code),
		sql.Named("cadre", f.Cadre), sql.Named("unit_type", f.UnitType))
	if err != nil {
		return nil, fmt.Errorf("trend: %w", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var s Summary
		var gini sql.NullFloat64
		if err := rows.Scan(append(append([]any{&s.Period}, s.figures()...), &gini)...); err != nil {
			return nil, err
		}
		s.Gini = nullNaN(gini)
		out = append(out, s)
	}
	return out, rows.Err()
}

// trendOf is the trend of a scope's headlines.
func trendOf(history []Summary) []TrendPoint {
	var out []TrendPoint
	for _, s := range history {
		out = append(out, TrendPoint{Period: s.Period, Staff: s.Staff, Required: s.Required, ShortagePeople: s.ShortagePeople,
			SurplusPeople: s.SurplusPeople, Counts: s.Counts, Gini: s.Gini})
	}
	return out
}

// Periods lists the periods with rollups, oldest first.
func (s *Service) Periods(ctx context.Context) ([]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, query("periods"))
	if err != nil {
		return nil, fmt.Errorf("periods: %w", err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var p time.Time
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p.UTC())
	}
	return out, rows.Err()
}
