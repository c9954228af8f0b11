package report

import (
	"github.com/timbang/timbang/analytics"
)

// kind is how a column's values are written.
type kind int

const (
	textCol   kind = iota // codes and names: always text, so a code is never read as a number
	intCol                // people
	decCol                // workload and required staff
	ratioCol              // staff over required
	statusCol             // the status label, coloured by band where the format can
)

// column is one column of the units tables, the same in every format.
type column struct {
	key   string // its header, in texts
	kind  kind
	width float64 // XLSX width in characters
	value func(lang string, u analytics.UnitRow) any
}

// nullFloat gives a float, or nil where the figure does not exist.
func nullFloat(ok bool, v float64) any {
	if !ok {
		return nil
	}
	return v
}

var unitColumns = []column{
	{"col.code", textCol, 14, func(_ string, u analytics.UnitRow) any { return u.Code }},
	{"col.unit", textCol, 36, func(_ string, u analytics.UnitRow) any { return u.Name }},
	{"col.type", textCol, 12, func(_ string, u analytics.UnitRow) any { return u.UnitTypeName }},
	{"col.agency", textCol, 34, func(_ string, u analytics.UnitRow) any { return u.AgencyName }},
	{"col.region", textCol, 15, func(_ string, u analytics.UnitRow) any { return u.Region }},
	{"col.district", textCol, 18, func(_ string, u analytics.UnitRow) any { return u.DistrictName }},
	{"col.village", textCol, 18, func(_ string, u analytics.UnitRow) any { return u.VillageName }},
	{"col.cadre", textCol, 14, func(_ string, u analytics.UnitRow) any { return u.CadreName }},
	{"col.method", textCol, 8, func(_ string, u analytics.UnitRow) any { return u.Method }},
	{"col.workload", decCol, 12, func(_ string, u analytics.UnitRow) any { return nullFloat(u.Workload.Valid, u.Workload.Float64) }},
	{"col.actual", intCol, 9, func(_ string, u analytics.UnitRow) any { return u.Actual }},
	{"col.required", decCol, 11, func(_ string, u analytics.UnitRow) any { return nullFloat(u.Required.Valid, u.Required.Float64) }},
	{"col.required_int", intCol, 11, func(_ string, u analytics.UnitRow) any {
		if !u.RequiredRounded.Valid {
			return nil
		}
		return int(u.RequiredRounded.Int64)
	}},
	{"col.ratio", ratioCol, 8, func(_ string, u analytics.UnitRow) any { return nullFloat(u.Ratio.Valid, u.Ratio.Float64) }},
	{"col.difference", decCol, 10, func(_ string, u analytics.UnitRow) any { return nullFloat(u.Difference.Valid, u.Difference.Float64) }},
	{"col.status", statusCol, 17, func(lang string, u analytics.UnitRow) any { return statusText(lang, u.Status) }},
	{"col.shortage", intCol, 11, func(_ string, u analytics.UnitRow) any { return u.ShortagePeople }},
	{"col.surplus", intCol, 11, func(_ string, u analytics.UnitRow) any { return u.SurplusPeople }},
}
