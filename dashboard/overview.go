package dashboard

import (
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/analytics"
)

// overviewPage is the data of the overview template.
type overviewPage struct {
	Page
	View        View
	Filters     FilterBar
	Headline    Headline
	Charts      []Chart
	MostShort   UnitTable
	MostSurplus UnitTable
	NoData      bool
}

// topRows is how many units the overview's top lists show.
const topRows = 10

// overview shows the whole scope the filters select: headline, where the shortage is, the
// ratio distribution, the trend of the imbalance index and the extreme units.
func (s *Server) overview(c *fiber.Ctx) error {
	ctx := c.UserContext()
	l, o, v, err := s.readRequest(c)
	if err != nil {
		return err
	}
	p := overviewPage{Page: s.page(c, l, mustT(l, "overview.title")), View: v}
	p.Nav = "overview"
	if len(o.Periods) == 0 {
		p.NoData = true
		return s.render(c, "overview", p)
	}
	q := v.query(latest(o))
	p.Filters = filterBar(l, "/", v, o)
	sum, err := s.reader(ctx).Summary(ctx, v.Filter)
	if err != nil {
		return err
	}
	p.Headline = headline(sum, "/units", q)

	// Where the shortage is: by agency, and by region one level below the filter's region (or
	// by regency/city when the data spans few of them, by province when it spans many).
	byAgency, err := s.reader(ctx).Breakdown(ctx, v.Filter, analytics.ByAgency, 0, string(l.Lang))
	if err != nil {
		return err
	}
	agencyChart, err := gapChart("chart-agencies", "chart.by_agency", byAgency, func(g analytics.Group) string {
		return link("/agency/"+g.Code, without(q, qAgency, qPage, qSort))
	}, l)
	if err != nil {
		return err
	}
	level := childLevel(v.Region, o)
	byRegion, err := s.reader(ctx).Breakdown(ctx, v.Filter, analytics.ByRegion, level, string(l.Lang))
	if err != nil {
		return err
	}
	regionChart, err := gapChart("chart-regions", "chart.by_region", byRegion, func(g analytics.Group) string {
		return link("/region/"+g.Code, without(q, qRegion, qPage, qSort))
	}, l)
	if err != nil {
		return err
	}
	p.Charts = append(p.Charts, agencyChart, regionChart)
	more, err := s.scopeCharts(c, l, v.Filter)
	if err != nil {
		return err
	}
	p.Charts = append(p.Charts, more...)

	p.MostShort, err = s.topTable(c, l, v, analytics.SortRatio, []analytics.Status{analytics.SevereShortage, analytics.Shortage}, q)
	if err != nil {
		return err
	}
	p.MostSurplus, err = s.topTable(c, l, v, analytics.SortRatioDesc, []analytics.Status{analytics.Surplus}, q)
	if err != nil {
		return err
	}
	return s.render(c, "overview", p)
}

// scopeCharts are the charts every scope page shows: the ratio distribution and the trend.
func (s *Server) scopeCharts(c *fiber.Ctx, l Locale, f analytics.Filter) ([]Chart, error) {
	ctx := c.UserContext()
	bins, err := s.reader(ctx).Distribution(ctx, f)
	if err != nil {
		return nil, err
	}
	dist, err := distributionChart("chart-distribution", bins, l)
	if err != nil {
		return nil, err
	}
	points, err := s.reader(ctx).Trend(ctx, f)
	if err != nil {
		return nil, err
	}
	trend, err := trendChart("chart-trend", points, l)
	if err != nil {
		return nil, err
	}
	return []Chart{dist, trend}, nil
}

// topTable lists the most extreme units in the given statuses (the filter's own status, if
// set, wins), with a link to the full list.
func (s *Server) topTable(c *fiber.Ctx, l Locale, v View, order analytics.UnitSort, statuses []analytics.Status, q url.Values) (UnitTable, error) {
	t := UnitTable{ShowAgency: v.Agency == ""}
	for _, st := range statuses {
		if v.Status != "" && v.Status != st {
			continue
		}
		f := v.Filter
		f.Status = st
		page, err := s.reader(c.UserContext()).Units(c.UserContext(), f, order, topRows, 0, string(l.Lang))
		if err != nil {
			return t, err
		}
		t.Rows = append(t.Rows, page.Rows...)
	}
	sortRows(t.Rows, order)
	if len(t.Rows) > topRows {
		t.Rows = t.Rows[:topRows]
	}
	qq := without(q, qPage, qSort)
	if order != analytics.SortRatio {
		qq.Set(qSort, string(order))
	}
	t.SeeAll = link("/units", qq)
	return t, nil
}

// without copies q less the named keys.
func without(q url.Values, keys ...string) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	for _, k := range keys {
		out.Del(k)
	}
	return out
}

func latest(o analytics.Options) (t time.Time) {
	if len(o.Periods) > 0 {
		t = o.Periods[len(o.Periods)-1]
	}
	return t
}

// childLevel is the region level a breakdown under region shows.
func childLevel(region string, o analytics.Options) int {
	for _, r := range o.Regions {
		if r.Code == region {
			return min(r.Level+1, 3)
		}
	}
	regencies := 0
	for _, r := range o.Regions {
		if r.Level == 2 {
			regencies++
		}
	}
	if regencies <= 40 {
		return 2
	}
	return 1
}
