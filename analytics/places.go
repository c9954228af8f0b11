package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/timbang/timbang/data"
)

// Region is a Kemendagri region.
type Region struct {
	Code, Name string
	Level      int
}

// Region returns the region with code, data.ErrNotFound, or ErrForbidden when the reader's
// scope does not cover all of it.
func (r *Reader) Region(ctx context.Context, code string) (Region, error) {
	if !r.scope.CoversRegion(code) {
		return Region{}, fmt.Errorf("region %s: %w", code, ErrForbidden)
	}
	return r.region(ctx, code)
}

// region returns the region with code, or data.ErrNotFound, whatever the scope: region names
// are public, and breadcrumbs name the regions above a user's own.
func (s *Service) region(ctx context.Context, code string) (Region, error) {
	var r Region
	err := s.db.QueryRowContext(ctx, query("region"), sql.Named("code", code)).Scan(&r.Code, &r.Name, &r.Level)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("region %s: %w", code, data.ErrNotFound)
	}
	return r, err
}

// RegionPath returns the region and its ancestors, province first.
func (s *Service) RegionPath(ctx context.Context, code string) ([]Region, error) {
	var path []Region
	for c := code; c != ""; c = data.RegionParent(c) {
		r, err := s.region(ctx, c)
		if err != nil {
			return nil, err
		}
		path = append([]Region{r}, path...)
	}
	return path, nil
}

// Agency is an instansi.
type Agency struct {
	Code, Name             string
	RegionCode, RegionName string
	Sector                 string
}

// Agency returns the agency with code, data.ErrNotFound, or ErrForbidden when it lies outside
// the reader's scope.
func (r *Reader) Agency(ctx context.Context, code string) (Agency, error) {
	a, err := r.agency(ctx, code)
	if err == nil && !r.scope.coversAgency(a.Code, a.RegionCode) {
		return Agency{}, fmt.Errorf("agency %s: %w", code, ErrForbidden)
	}
	return a, err
}

func (s *Service) agency(ctx context.Context, code string) (Agency, error) {
	var a Agency
	err := s.db.QueryRowContext(ctx, query("agency"), sql.Named("code", code)).
		Scan(&a.Code, &a.Name, &a.RegionCode, &a.RegionName, &a.Sector)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("agency %s: %w", code, data.ErrNotFound)
	}
	return a, err
}

// Unit is a work unit.
type Unit struct {
	Code, Name             string
	UnitType, UnitTypeName string
	Agency, AgencyName     string
	Region                 string
	Lat, Lon               sql.NullFloat64
}

// Unit returns the unit with code, data.ErrNotFound, or ErrForbidden when it lies outside the
// reader's scope.
func (r *Reader) Unit(ctx context.Context, code, lang string) (Unit, error) {
	return r.checkUnit(ctx, code, lang)
}

func (s *Service) unit(ctx context.Context, code, lang string) (Unit, error) {
	var u Unit
	err := s.db.QueryRowContext(ctx, query("unit"), sql.Named("code", code), sql.Named("lang", lang)).
		Scan(&u.Code, &u.Name, &u.UnitType, &u.UnitTypeName, &u.Agency, &u.AgencyName, &u.Region, &u.Lat, &u.Lon)
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("unit %s: %w", code, data.ErrNotFound)
	}
	return u, err
}

// HistoryPoint is one period of a unit in one cadre.
type HistoryPoint struct {
	Period   time.Time
	Workload sql.NullFloat64
	Actual   int
	Required sql.NullFloat64
	Ratio    sql.NullFloat64
	Status   Status
}

// CadreHistory is a unit's history in one cadre.
type CadreHistory struct {
	Cadre  string
	Points []HistoryPoint
}

// UnitHistory returns every period of a unit per cadre, in cadre order.
func (r *Reader) UnitHistory(ctx context.Context, code string) ([]CadreHistory, error) {
	if err := r.mayRead(ctx, code); err != nil {
		return nil, err
	}
	rows, err := r.db.QueryContext(ctx, query("unit_history"), sql.Named("code", code))
	if err != nil {
		return nil, fmt.Errorf("unit %s history: %w", code, err)
	}
	defer rows.Close()
	var out []CadreHistory
	for rows.Next() {
		var cadre string
		var p HistoryPoint
		if err := rows.Scan(&cadre, &p.Period, &p.Workload, &p.Actual, &p.Required, &p.Ratio, &p.Status); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Cadre != cadre {
			out = append(out, CadreHistory{Cadre: cadre})
		}
		last := &out[len(out)-1]
		last.Points = append(last.Points, p)
	}
	return out, rows.Err()
}

// Person is one member of a unit's staff.
type Person struct {
	NIP, Name, Cadre, Employment, Rank string
	EducationLevel, EducationField     string
	BirthDate, PostStart               time.Time
	Performance, Status                string
}

// UnitStaff returns the people of a unit.
func (r *Reader) UnitStaff(ctx context.Context, code string) ([]Person, error) {
	if err := r.mayRead(ctx, code); err != nil {
		return nil, err
	}
	rows, err := r.db.QueryContext(ctx, query("unit_staff"), sql.Named("code", code))
	if err != nil {
		return nil, fmt.Errorf("unit %s staff: %w", code, err)
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.NIP, &p.Name, &p.Cadre, &p.Employment, &p.Rank, &p.EducationLevel, &p.EducationField,
			&p.BirthDate, &p.PostStart, &p.Performance, &p.Status); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Option is one choice of a filter menu.
type Option struct {
	Code, Name string
	Level      int    // regions only
	Region     string // agencies only: the region that owns it
}

// Options are the choices of every filter menu.
type Options struct {
	Regions, Agencies, UnitTypes, Cadres []Option
	Periods                              []time.Time
}

// Options returns the filter menus' choices: the regions that hold units and the agencies,
// both as far as the reader's scope reaches, every unit type and cadre, and the periods with
// rollups.
func (r *Reader) Options(ctx context.Context, lang string) (Options, error) {
	var o Options
	var err error
	if o.Regions, err = r.options(ctx, "options_regions", true); err != nil {
		return o, err
	}
	if o.Agencies, err = r.options(ctx, "options_agencies", false); err != nil {
		return o, err
	}
	if !r.scope.Everything() {
		o.Regions = slices.DeleteFunc(o.Regions, func(op Option) bool { return !r.scope.CoversRegion(op.Code) })
		o.Agencies = slices.DeleteFunc(o.Agencies, func(op Option) bool { return !r.scope.coversAgency(op.Code, op.Region) })
	}
	if o.UnitTypes, err = r.options(ctx, "options_unit_types", false, sql.Named("lang", lang)); err != nil {
		return o, err
	}
	if o.Cadres, err = r.options(ctx, "options_cadres", false, sql.Named("lang", lang)); err != nil {
		return o, err
	}
	o.Periods, err = r.Periods(ctx)
	return o, err
}

func (s *Service) options(ctx context.Context, name string, withLevel bool, args ...any) ([]Option, error) {
	rows, err := s.db.QueryContext(ctx, query(name), args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rows.Close()
	var out []Option
	for rows.Next() {
		var o Option
		dest := []any{&o.Code, &o.Name}
		switch {
		case withLevel:
			dest = append(dest, &o.Level)
		case name == "options_agencies":
			dest = append(dest, &o.Region)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
