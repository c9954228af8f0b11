package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/timbang/timbang/data"
)

// Explanation is one unit's staffing calculation for one cadre and period, step by step, so a
// head can check it by hand. It is computed from the stored data with the Go formulas, not
// read from the rollups.
type Explanation struct {
	Period    time.Time
	UnitCode  string
	CadreCode string
	Method    string // ratio, wisn, abk; "" when no norm covers the unit type and cadre
	Source    string // where the norm comes from
	Actual    int

	// ratio norm
	Indicator      string
	IndicatorName  [2]string // Indonesian, English
	IndicatorUnit  [2]string
	IndicatorValue float64
	PerStaff       float64

	WISN *WISNResult
	ABK  *ABKResult

	HasData         bool // every figure the method needs was reported
	Required        float64
	RequiredRounded int
	Ratio           float64 // valid when Required > 0
	Difference      float64
	EJ              float64 // valid when Actual > 0
	Grade           string
	Status          Status
	ShortagePeople  int
	SurplusPeople   int
	Bands           Bands
}

// Explain recomputes the need of unit in cadre for period from the stored data.
func (r *Reader) Explain(ctx context.Context, unit, cadre string, period time.Time) (Explanation, error) {
	if err := r.mayRead(ctx, unit); err != nil {
		return Explanation{}, err
	}
	e := Explanation{Period: period, UnitCode: unit, CadreCode: cadre}
	var err error
	if e.Bands, err = r.Bands(ctx); err != nil {
		return e, err
	}
	if e.Actual, err = r.actual(ctx, unit, cadre, period); err != nil {
		return e, err
	}
	var supportShare, effectiveHours float64
	err = r.db.QueryRowContext(ctx, query("explain_norm"), unit, cadre).
		Scan(&e.Method, &e.Indicator, &e.PerStaff, &supportShare, &e.Source, &effectiveHours,
			&e.IndicatorName[0], &e.IndicatorName[1], &e.IndicatorUnit[0], &e.IndicatorUnit[1])
	switch {
	case errors.Is(err, sql.ErrNoRows):
		e.Method = ""
	case err != nil:
		return e, fmt.Errorf("explain %s %s: norm: %w", unit, cadre, err)
	}

	switch e.Method {
	case "ratio":
		var v float64
		err := r.db.QueryRowContext(ctx, query("explain_indicator_value"), unit, e.Indicator, period).Scan(&v)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return e, fmt.Errorf("explain %s %s: workload: %w", unit, cadre, err)
		}
		e.HasData = err == nil
		e.IndicatorValue = v
		e.Required = RatioNormRequired(v, e.PerStaff)
	case "wisn":
		acts, complete, err := r.activities(ctx, unit, cadre, period)
		if err != nil {
			return e, err
		}
		awt, categories, individuals, err := r.wisnParams(ctx, unit, cadre)
		if err != nil {
			return e, err
		}
		r := WISN(awt, acts, categories, individuals)
		e.WISN, e.HasData, e.Required = &r, complete, r.Required
	case "abk":
		acts, complete, err := r.activities(ctx, unit, cadre, period)
		if err != nil {
			return e, err
		}
		r := ABK(acts, effectiveHours, supportShare)
		e.ABK, e.HasData, e.Required = &r, complete, r.Required
	}
	if !e.HasData {
		e.Required = 0
	}
	e.Status = Classify(e.Actual, e.Required, e.HasData, e.Bands)
	if e.HasData {
		e.RequiredRounded = RoundStaff(e.Required)
		e.Difference = float64(e.Actual) - e.Required
		if e.Required > 0 {
			e.Ratio = float64(e.Actual) / e.Required
		}
		grades, err := r.grades(ctx)
		if err != nil {
			return e, err
		}
		if ej, ok := JobEfficiency(e.Required, e.Actual); ok {
			e.EJ = ej
			e.Grade = Grade(ej, grades)
		} else if e.Required > 0 {
			e.Grade = TopGrade(grades) // workload with nobody to carry it: the top grade
		}
		e.ShortagePeople, e.SurplusPeople = PeopleGap(e.Status, e.Actual, e.Required)
	}
	return e, nil
}

// actual counts the staff of cadre in post in unit at the end of period, following each
// person's moves with UnitAt.
func (s *Service) actual(ctx context.Context, unit, cadre string, period time.Time) (int, error) {
	rows, err := s.db.QueryContext(ctx, query("explain_actual"), sql.Named("unit", unit), sql.Named("cadre", cadre))
	if err != nil {
		return 0, fmt.Errorf("explain %s %s: staff: %w", unit, cadre, err)
	}
	defer rows.Close()
	n := 0
	var nip, current string
	var postStart time.Time
	var moves []PastMove
	count := func() {
		if nip == "" {
			return
		}
		if at, ok := UnitAt(period, current, postStart, moves); ok && at == unit {
			n++
		}
	}
	for rows.Next() {
		var rowNIP, rowUnit string
		var rowPost time.Time
		var on sql.NullTime
		var from sql.NullString
		if err := rows.Scan(&rowNIP, &rowUnit, &rowPost, &on, &from); err != nil {
			return 0, fmt.Errorf("explain %s %s: staff: %w", unit, cadre, err)
		}
		if rowNIP != nip {
			count()
			nip, current, postStart, moves = rowNIP, rowUnit, rowPost, moves[:0]
		}
		if on.Valid {
			moves = append(moves, PastMove{On: on.Time, From: from.String})
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("explain %s %s: staff: %w", unit, cadre, err)
	}
	count()
	return n, nil
}

// activities loads a unit's WISN activities or ABK tasks with their annual volume; complete
// is false when any of them has no reported volume.
func (s *Service) activities(ctx context.Context, unit, cadre string, period time.Time) (acts []Activity, complete bool, err error) {
	rows, err := s.db.QueryContext(ctx, query("explain_activities"), period, unit, cadre)
	if err != nil {
		return nil, false, fmt.Errorf("explain %s %s: activities: %w", unit, cadre, err)
	}
	defer rows.Close()
	complete = true
	for rows.Next() {
		var a Activity
		var kind string
		var volume sql.NullFloat64
		if err := rows.Scan(&a.Code, &a.NameID, &a.NameEN, &a.Indicator, &a.Minutes, &kind, &volume); err != nil {
			return nil, false, err
		}
		complete = complete && volume.Valid
		a.AnnualVolume = AnnualVolume(volume.Float64, kind)
		acts = append(acts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	return acts, complete && len(acts) > 0, nil
}

// AnnualVolume turns a month's figure into a year's: flows (visits in the month) are
// multiplied by 12, stocks (students enrolled, population) are already yearly workloads.
func AnnualVolume(monthValue float64, kind string) float64 {
	if kind == "flow" {
		return monthValue * 12
	}
	return monthValue
}

func (s *Service) wisnParams(ctx context.Context, unit, cadre string) (awt WorkingTime, categories, individuals []float64, err error) {
	err = s.db.QueryRowContext(ctx, query("explain_working_time"), cadre).Scan(
		&awt.WorkingDays, &awt.PublicHolidays, &awt.LeaveDays, &awt.SickDays, &awt.TrainingDays, &awt.HoursPerDay)
	if errors.Is(err, sql.ErrNoRows) {
		return awt, nil, nil, fmt.Errorf("explain %s %s: no WISN working time for cadre: %w", unit, cadre, data.ErrNotFound)
	}
	if err != nil {
		return awt, nil, nil, fmt.Errorf("explain %s %s: working time: %w", unit, cadre, err)
	}
	rows, err := s.db.QueryContext(ctx, query("explain_allowances"), unit, cadre)
	if err != nil {
		return awt, nil, nil, fmt.Errorf("explain %s %s: allowances: %w", unit, cadre, err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var v float64
		if err := rows.Scan(&kind, &v); err != nil {
			return awt, nil, nil, err
		}
		if kind == "category" {
			categories = append(categories, v)
		} else {
			individuals = append(individuals, v)
		}
	}
	return awt, categories, individuals, rows.Err()
}

// Bands reads the configured status bands.
func (s *Service) Bands(ctx context.Context) (Bands, error) {
	var b Bands
	err := s.db.QueryRowContext(ctx, query("settings_bands")).Scan(&b.SevereBelow, &b.ShortageBelow, &b.SurplusAbove)
	if err != nil {
		return b, fmt.Errorf("read status bands: %w", err)
	}
	return b, nil
}

func (s *Service) grades(ctx context.Context) ([]GradeBand, error) {
	rows, err := s.db.QueryContext(ctx, query("settings_grades"))
	if err != nil {
		return nil, fmt.Errorf("read ABK grades: %w", err)
	}
	defer rows.Close()
	var out []GradeBand
	for rows.Next() {
		var g GradeBand
		if err := rows.Scan(&g.Grade, &g.MinEJ, &g.MinInclusive); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}
