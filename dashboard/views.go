package dashboard

import (
	"html/template"
	"net/url"
	"strconv"
	"time"

	"github.com/timbang/timbang/analytics"
)

// SelectOption is one choice of a filter menu.
type SelectOption struct {
	Value, Label string
	Selected     bool
}

// FilterField is one filter menu: its Options, or for the long region and agency menus the
// options already rendered (Menu, see menus.go).
type FilterField struct {
	Name, Label string
	Options     []SelectOption
	Menu        template.HTML
}

// FilterBar is the filter form of a page. Its action is the page itself, so the chosen
// filters land in the page's URL.
type FilterBar struct {
	Action     string
	Fields     []FilterField
	ResetURL   string
	StatusNote bool
	// The report downloads of the view, carrying its filters (status, list order and page do
	// not change a report, which covers the whole view).
	ExportXLSX, ExportPDF, ExportCSV string
}

// filterBar builds the menus; fixed names a filter the page's path already sets (the region
// of a region page), which gets no menu.
func (s *Server) filterBar(l Locale, action string, v View, o analytics.Options, fixed ...string) (FilterBar, error) {
	skip := map[string]bool{}
	for _, f := range fixed {
		skip[f] = true
	}
	all := mustT(l, "filter.all")
	menu := func(name, labelKey, current string, opts []SelectOption) FilterField {
		field := FilterField{Name: name, Label: mustT(l, labelKey), Options: []SelectOption{{Value: "", Label: all}}}
		for _, op := range opts {
			op.Selected = op.Value == current
			field.Options = append(field.Options, op)
		}
		return field
	}
	fromOptions := func(list []analytics.Option, indent bool) []SelectOption {
		out := make([]SelectOption, len(list))
		for i, o := range list {
			label := o.Name
			if indent && o.Level > 1 {
				for j := 1; j < o.Level; j++ {
					label = "\u00a0\u00a0" + label
				}
			}
			out[i] = SelectOption{Value: o.Code, Label: label}
		}
		return out
	}
	bar := FilterBar{Action: action, ResetURL: action, StatusNote: v.Status != ""}
	export := v
	export.Status, export.Sort, export.Page = "", "", 0
	q := export.query(time.Time{})
	bar.ExportXLSX, bar.ExportPDF, bar.ExportCSV = link("/export/xlsx", q), link("/export/pdf", q), link("/export/csv", q)
	// The long menus: rendered once (the options with no choice), the choice marked per page.
	long := func(name, labelKey, current string, list []analytics.Option, indent bool) error {
		m, err := s.menu(l, name, list, func() []SelectOption { return menu(name, labelKey, "", fromOptions(list, indent)).Options })
		if err != nil {
			return err
		}
		bar.Fields = append(bar.Fields, FilterField{Name: name, Label: mustT(l, labelKey), Menu: m.withSelected(current)})
		return nil
	}
	if !skip[qRegion] {
		if err := long(qRegion, "filter.region", v.Region, o.Regions, true); err != nil {
			return bar, err
		}
	}
	if !skip[qAgency] {
		if err := long(qAgency, "filter.agency", v.Agency, o.Agencies, false); err != nil {
			return bar, err
		}
	}
	bar.Fields = append(bar.Fields,
		menu(qType, "filter.type", v.UnitType, fromOptions(o.UnitTypes, false)),
		menu(qCadre, "filter.cadre", v.Cadre, fromOptions(o.Cadres, false)))
	statuses := make([]SelectOption, len(analytics.Statuses))
	for i, st := range analytics.Statuses {
		statuses[i] = SelectOption{Value: string(st), Label: l.StatusIcon(st) + " " + l.StatusLabel(st)}
	}
	bar.Fields = append(bar.Fields, menu(qStatus, "filter.status", string(v.Status), statuses))
	periods := make([]SelectOption, len(o.Periods))
	for i := range o.Periods {
		p := o.Periods[len(o.Periods)-1-i] // newest first
		periods[i] = SelectOption{Value: p.Format("2006-01"), Label: l.Period(p), Selected: p.Equal(v.Period)}
	}
	// The period menu has no "all": one period is always shown, the newest by default.
	bar.Fields = append(bar.Fields, FilterField{Name: qPeriod, Label: mustT(l, "filter.period"), Options: periods})
	return bar, nil
}

// Pager links the pages of a list.
type Pager struct {
	Page, Pages int
	First, Last int // rows shown, 1-based
	Total       int
	Prev, Next  string
	Links       []PageLink
}

// PageLink is one numbered page.
type PageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool // an ellipsis before this link
}

const pageSize = 50

func newPager(path string, q url.Values, page, total int) Pager {
	p := Pager{Page: page, Total: total, Pages: (total + pageSize - 1) / pageSize}
	if total > 0 {
		p.First = (page-1)*pageSize + 1
		p.Last = min(page*pageSize, total)
	}
	at := func(n int) string {
		qq := url.Values{}
		for k, v := range q {
			qq[k] = v
		}
		qq.Del(qPage)
		if n > 1 {
			qq.Set(qPage, strconv.Itoa(n))
		}
		return link(path, qq)
	}
	if page > 1 {
		p.Prev = at(page - 1)
	}
	if page < p.Pages {
		p.Next = at(page + 1)
	}
	last := 0
	for n := 1; n <= p.Pages; n++ {
		if n == 1 || n == p.Pages || (n >= page-2 && n <= page+2) {
			p.Links = append(p.Links, PageLink{N: n, URL: at(n), Current: n == page, Gap: last != 0 && n != last+1})
			last = n
		}
	}
	return p
}

// SortLink is one choice of list order.
type SortLink struct {
	Label, URL string
	Current    bool
}

// UnitTable is a list of unit rows with its order and pages.
type UnitTable struct {
	Rows       []analytics.UnitRow
	Pager      *Pager
	Sorts      []SortLink
	ShowAgency bool
	SeeAll     string // link to the full list, for top-N tables
}

func sortLinks(l Locale, path string, q url.Values, current analytics.UnitSort) []SortLink {
	out := make([]SortLink, len(analytics.UnitSorts))
	for i, o := range analytics.UnitSorts {
		qq := url.Values{}
		for k, v := range q {
			qq[k] = v
		}
		qq.Del(qPage)
		qq.Del(qSort)
		if o != analytics.SortRatio {
			qq.Set(qSort, string(o))
		}
		out[i] = SortLink{Label: mustT(l, "sort."+string(o)), URL: link(path, qq), Current: o == current}
	}
	return out
}

// Headline is the summary cards of a scope.
type Headline struct {
	analytics.Summary
	Statuses []StatusCount
}

// StatusCount is one status card.
type StatusCount struct {
	Status analytics.Status
	Count  int
	URL    string // the unit list narrowed to the status
}

func headline(sum analytics.Summary, listPath string, q url.Values) Headline {
	h := Headline{Summary: sum}
	for _, st := range analytics.Statuses {
		qq := url.Values{}
		for k, v := range q {
			qq[k] = v
		}
		qq.Del(qPage)
		qq.Set(qStatus, string(st))
		h.Statuses = append(h.Statuses, StatusCount{Status: st, Count: sum.Counts.Of(st), URL: link(listPath, qq)})
	}
	return h
}
