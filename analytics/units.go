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
	f.Scope = r.scope
	if !order.Valid() {
		order = SortRatio
	}
	rows, err := r.db.QueryContext(ctx, filtered("units_page"), f.args(sql.Named("sort", string(order)),
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

// scanUnitRow reads the columns of a unit list (units_page.sql) and one more into extra.
func scanUnitRow(rows *sql.Rows, extra any) (UnitRow, error) {
	var r UnitRow
	err := rows.Scan(&r.Code, &r.Name, &r.UnitType, &r.UnitTypeName, &r.Agency, &r.AgencyName, &r.Region,
		&r.DistrictName, &r.VillageName, &r.Cadre, &r.CadreName, &r.Method, &r.Workload, &r.Actual, &r.Required,
		&r.RequiredRounded, &r.Ratio, &r.Difference, &r.WorkloadPerStaff, &r.EJ, &r.Grade, &r.Status,
		&r.ShortagePeople, &r.SurplusPeople, extra)
	return r, err
}
