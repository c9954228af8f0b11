package analytics

import (
	"context"
	"database/sql"
	"fmt"
)

// UnitRow is one unit x cadre in a period, with names for display.
type UnitRow struct {
	Code, Name                string
	UnitType, UnitTypeName    string
	Agency, AgencyName        string
	Region                    string
	DistrictName, VillageName string
	Cadre, CadreName          string
	Method                    string
	Workload                  sql.NullFloat64
	Actual                    int
	Required                  sql.NullFloat64
	RequiredRounded           sql.NullInt64
	Ratio                     sql.NullFloat64
	Difference                sql.NullFloat64
	WorkloadPerStaff          sql.NullFloat64
	EJ                        sql.NullFloat64
	Grade                     string
	Status                    Status
	ShortagePeople            int
	SurplusPeople             int
}

// UnitSort orders unit lists.
type UnitSort string

// Orders of unit lists; the default puts the most overloaded first.
const (
	SortRatio     UnitSort = "ratio"
	SortRatioDesc UnitSort = "-ratio"
	SortShortage  UnitSort = "shortage"
	SortSurplus   UnitSort = "surplus"
	SortWorkload  UnitSort = "workload"
	SortName      UnitSort = "name"
)

// UnitSorts lists the valid orders.
var UnitSorts = []UnitSort{SortRatio, SortRatioDesc, SortShortage, SortSurplus, SortWorkload, SortName}

// Valid reports whether o is a known order.
func (o UnitSort) Valid() bool {
	for _, v := range UnitSorts {
		if o == v {
			return true
		}
	}
	return false
}

// UnitPage is one page of a unit list and the number of rows in all pages.
type UnitPage struct {
	Rows  []UnitRow
	Total int
}

// Units returns rows [offset, offset+limit) of the filtered unit list in the given order.
func (r *Reader) Units(ctx context.Context, f Filter, order UnitSort, limit, offset int, lang string) (UnitPage, error) {
	f, err := r.restrict(ctx, f)
	if err != nil {
		return UnitPage{}, err
	}
	if !order.Valid() {
		order = SortRatio
	}
	rows, err := r.db.QueryContext(ctx, filteredFor("units_page", f), f.args(sql.Named("sort", string(order)),
		sql.Named("limit", limit), sql.Named("offset", offset), sql.Named("lang", lang))...)
	if err != nil {
		return UnitPage{}, fmt.Errorf("units: %w", err)
	}
	defer rows.Close()
	var page UnitPage
	for rows.Next() {
		r, err := scanUnitRow(rows, &page.Total)
		if err != nil {
			return page, err
		}
		page.Rows = append(page.Rows, r)
	}
	return page, rows.Err()
}

// scanUnitRow reads the columns of a unit list (units_page.sql) and those after them into extra.
func scanUnitRow(rows *sql.Rows, extra ...any) (UnitRow, error) {
	var r UnitRow
	err := rows.Scan(append([]any{&r.Code, &r.Name, &r.UnitType, &r.UnitTypeName, &r.Agency, &r.AgencyName, &r.Region,
		&r.DistrictName, &r.VillageName, &r.Cadre, &r.CadreName, &r.Method, &r.Workload, &r.Actual, &r.Required,
		&r.RequiredRounded, &r.Ratio, &r.Difference, &r.WorkloadPerStaff, &r.EJ, &r.Grade, &r.Status,
		&r.ShortagePeople, &r.SurplusPeople}, extra...)...)
	return r, err
}

// Ends returns both ends of the filtered unit list: the first low rows in the SortRatio order
// with the count of all rows, as Units(f, SortRatio, low, 0) does, and the first high rows in
// the SortRatioDesc order, in one read. low must be at least 1.
func (r *Reader) Ends(ctx context.Context, f Filter, low, high int, lang string) (lowest UnitPage, highest []UnitRow, err error) {
	f, err = r.restrict(ctx, f)
	if err != nil {
		return UnitPage{}, nil, err
	}
	rows, err := r.db.QueryContext(ctx, filteredFor("units_ends", f), f.args(sql.Named("low", low), sql.Named("high", high),
		sql.Named("lang", lang))...)
	if err != nil {
		return lowest, nil, fmt.Errorf("units by ratio: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var side string
		var total int
		row, err := scanUnitRow(rows, &side, &total)
		if err != nil {
			return lowest, nil, err
		}
		if side == "low" {
			lowest.Rows, lowest.Total = append(lowest.Rows, row), total
		} else {
			highest = append(highest, row)
		}
	}
	// The count comes with the low rows: without one there are no rows (low is at least 1).
	return lowest, highest, rows.Err()
}
