// Package report builds the imbalance report of a dashboard view and writes it as XLSX, CSV or
// PDF for planners to send on. It reads through an analytics.Reader, so a report holds exactly
// what its user may see, and it knows nothing of HTTP: the dashboard and the CLI both use it.
package report

import (
	"context"
	"fmt"
	"time"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data/accounts"
)

// Request is what a report shows and for whom.
type Request struct {
	Filter analytics.Filter // Status and Unit are ignored: a report covers the whole view
	Lang   string           // "id" (default) or "en"
	By     string           // who asked for it, printed on the cover
	At     time.Time        // when, printed on the cover
}

// Filter is one filter of the view as the cover prints it.
type Filter struct{ Label, Value string }

// Report is everything one report shows. Every format writes the same figures.
type Report struct {
	Request
	Period   time.Time
	Scope    string   // the user's scope as text ("all" for everything)
	Filters  []Filter // the view's filters, by name
	Summary  analytics.Summary
	Bands    analytics.Bands
	Norms    []analytics.Norm
	ByRegion []analytics.Group
	ByAgency []analytics.Group
	Units    []analytics.UnitRow // every unit x cadre with data, most overloaded first
	NoData   []analytics.UnitRow // every unit x cadre without (complete) workload data
}

// pageSize is how many unit rows Build reads at a time; a report has no row limit.
const pageSize = 5000

// Build reads the report of req.Filter through rd.
func Build(ctx context.Context, rd *analytics.Reader, req Request) (Report, error) {
	if req.Lang != "en" {
		req.Lang = "id"
	}
	req.Filter.Status, req.Filter.Unit = "", ""
	// The scope as the audit log and the user list write it.
	rep := Report{Request: req, Scope: accounts.Scope(rd.Scope()).String()}
	if rep.Filter.Period.IsZero() {
		periods, err := rd.Periods(ctx)
		if err != nil {
			return rep, err
		}
		if len(periods) == 0 {
			return rep, fmt.Errorf("report: there is no data yet")
		}
		rep.Filter.Period = periods[len(periods)-1]
	}
	rep.Period = rep.Filter.Period
	f := rep.Filter
	var err error
	if rep.Filters, err = filterNames(ctx, rd, f, req.Lang); err != nil {
		return rep, err
	}
	if rep.Summary, err = rd.Summary(ctx, f); err != nil {
		return rep, err
	}
	if rep.Bands, err = rd.Bands(ctx); err != nil {
		return rep, err
	}
	if rep.Norms, err = rd.Norms(ctx, req.Lang); err != nil {
		return rep, err
	}
	if rep.ByAgency, err = rd.Breakdown(ctx, f, analytics.ByAgency, 0, req.Lang); err != nil {
		return rep, err
	}
	if rep.ByRegion, err = rd.Breakdown(ctx, f, analytics.ByRegion, regionLevel(f), req.Lang); err != nil {
		return rep, err
	}
	for offset := 0; ; offset += pageSize {
		page, err := rd.Units(ctx, f, analytics.SortRatio, pageSize, offset, req.Lang)
		if err != nil {
			return rep, err
		}
		for _, u := range page.Rows {
			if u.Status == analytics.NoData {
				rep.NoData = append(rep.NoData, u)
			} else {
				rep.Units = append(rep.Units, u)
			}
		}
		if offset+pageSize >= page.Total {
			break
		}
	}
	return rep, nil
}

// regionLevel is the level the region breakdown lists: the regencies and cities of the whole
// country or a province, the districts of a regency or city, the villages of a district.
func regionLevel(f analytics.Filter) int {
	switch len(f.Region) {
	case 0, 2:
		return 2
	default:
		return 3
	}
}

// filterNames names the view's filters for the cover.
func filterNames(ctx context.Context, rd *analytics.Reader, f analytics.Filter, lang string) ([]Filter, error) {
	o, err := rd.Options(ctx, lang)
	if err != nil {
		return nil, err
	}
	name := func(list []analytics.Option, code string) string {
		for _, op := range list {
			if op.Code == code {
				return op.Name + " (" + code + ")"
			}
		}
		return code
	}
	var out []Filter
	add := func(key, value string, list []analytics.Option) {
		v := text(lang, "filter.all")
		if value != "" {
			v = name(list, value)
		}
		out = append(out, Filter{Label: text(lang, key), Value: v})
	}
	add("filter.region", f.Region, o.Regions)
	add("filter.agency", f.Agency, o.Agencies)
	add("filter.type", f.UnitType, o.UnitTypes)
	add("filter.cadre", f.Cadre, o.Cadres)
	return out, nil
}
