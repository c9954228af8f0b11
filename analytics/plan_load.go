package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/timbang/timbang/data/plans"
)

// PlanRequest says what a plan covers: the positions of the given cadres in a region (and
// optionally one agency) at a period, the rules, and the planner's choices so far.
type PlanRequest struct {
	Region  string
	Agency  string // "" for every agency of the region
	Cadres  []string
	Period  time.Time // zero: the latest period
	Rules   PlanRules
	Choices []plans.Choice
}

// ErrPlanInput marks a plan the optimiser refuses as asked: a manual move of someone outside
// the plan, to a unit without that position, two destinations for one person, bad rules.
var ErrPlanInput = errors.New("the plan cannot be computed as asked")

// Plan loads req's problem through the reader (see PlanProblem) and solves it exactly.
func (r *Reader) Plan(ctx context.Context, req PlanRequest) (PlanResult, error) {
	p, err := r.PlanProblem(ctx, req)
	if err != nil {
		return PlanResult{}, err
	}
	res, err := SolvePlan(p)
	if err != nil {
		return res, fmt.Errorf("%w: %v", ErrPlanInput, err)
	}
	return res, nil
}

// PlanProblem loads what SolvePlan needs for req from the reader's scope: the positions of the
// planned cadres (as the rollups have them at the period) and the people who could move. The
// region (or agency) must lie in the scope, and every position is read through the same scope
// filter as the dashboards, so a plan never sees a unit its author could not.
func (r *Reader) PlanProblem(ctx context.Context, req PlanRequest) (PlanProblem, error) {
	if len(req.Cadres) == 0 {
		return PlanProblem{}, fmt.Errorf("%w: choose at least one position family", ErrPlanInput)
	}
	if req.Agency != "" {
		if _, err := r.Agency(ctx, req.Agency); err != nil {
			return PlanProblem{}, err
		}
	} else if _, err := r.Region(ctx, req.Region); err != nil {
		return PlanProblem{}, err
	}
	if req.Period.IsZero() {
		periods, err := r.Periods(ctx)
		if err != nil {
			return PlanProblem{}, err
		}
		if len(periods) == 0 {
			return PlanProblem{}, fmt.Errorf("%w: no workload data yet", ErrPlanInput)
		}
		req.Period = periods[len(periods)-1]
	}
	fixed, forbidden, nips := ChoiceMoves(req.Choices)
	f := Filter{Region: req.Region, Agency: req.Agency, Period: req.Period, Scope: r.scope}
	cadres := sql.Named("cadres", strings.Join(req.Cadres, ","))
	p := PlanProblem{Rules: req.Rules, Fixed: fixed, Forbidden: forbidden}
	var err error
	if p.Units, err = r.planPositions(ctx, f, cadres); err != nil {
		return p, err
	}
	p.Staff, err = r.planStaff(ctx, f, cadres, sql.Named("nips", strings.Join(nips, ",")))
	return p, err
}

func (r *Reader) planPositions(ctx context.Context, f Filter, cadres sql.NamedArg) ([]PlanUnit, error) {
	rows, err := r.db.QueryContext(ctx, filtered("plan_positions", f), f.args(cadres)...)
	if err != nil {
		return nil, fmt.Errorf("plan positions: %w", err)
	}
	defer rows.Close()
	var out []PlanUnit
	for rows.Next() {
		var u PlanUnit
		var lat, lon sql.NullFloat64
		var fields any
		if err := rows.Scan(&u.Code, &u.Name, &u.Cadre, &u.Actual, &u.Required, &u.NoData, &lat, &lon, &fields,
			&u.FieldRequired); err != nil {
			return nil, err
		}
		u.Lat, u.Lon, u.HasLocation = lat.Float64, lon.Float64, lat.Valid && lon.Valid
		u.Fields = texts(fields)
		out = append(out, u)
	}
	return out, rows.Err()
}

func (r *Reader) planStaff(ctx context.Context, f Filter, args ...any) ([]PlanStaff, error) {
	rows, err := r.db.QueryContext(ctx, filtered("plan_staff", f), f.args(args...)...)
	if err != nil {
		return nil, fmt.Errorf("plan staff: %w", err)
	}
	defer rows.Close()
	var out []PlanStaff
	for rows.Next() {
		var s PlanStaff
		var lat, lon sql.NullFloat64
		var units, ranks any
		if err := rows.Scan(&s.NIP, &s.Name, &s.Cadre, &s.Unit, &s.Field, &lat, &lon, &s.BirthDate, &s.PostStart,
			&s.RetirementAge, &units, &ranks); err != nil {
			return nil, err
		}
		s.HomeLat, s.HomeLon, s.HasHome = lat.Float64, lon.Float64, lat.Valid && lon.Valid
		for i, u := range texts(units) {
			if s.Preferences == nil {
				s.Preferences = map[string]int{}
			}
			if rs, ok := ranks.([]any); ok && i < len(rs) {
				s.Preferences[u] = int(toInt(rs[i]))
			}
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ChoiceMoves turns a planner's stored choices into the solver's fixed and forbidden moves, and
// lists the people they name (who must be loaded wherever they work).
func ChoiceMoves(choices []plans.Choice) (fixed, forbidden []Move, nips []string) {
	for _, c := range choices {
		switch c.Kind {
		case plans.Lock:
			fixed = append(fixed, Move{NIP: c.NIP, To: c.ToUnit, Locked: true})
		case plans.Manual:
			fixed = append(fixed, Move{NIP: c.NIP, To: c.ToUnit, Manual: true})
		case plans.Remove:
			forbidden = append(forbidden, Move{NIP: c.NIP, To: c.ToUnit})
		}
		if !slices.Contains(nips, c.NIP) {
			nips = append(nips, c.NIP)
		}
	}
	return fixed, forbidden, nips
}

// texts converts a DuckDB VARCHAR[] as the driver scans it.
func texts(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func toInt(v any) int64 {
	switch n := v.(type) {
	case int32:
		return int64(n)
	case int64:
		return n
	}
	return 0
}
