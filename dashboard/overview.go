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
	if p.Filters, err = s.filterBar(l, "/", v, o); err != nil {
		return err
	}

	// Two reads at once (analytics.Overview): the headline and trend from scope_stats, and the
	// breakdowns, distribution and top lists from one read of the unit rows. Where the shortage
	// is: by agency, and by region one level below the filter's region (or by regency/city when
	// the data spans few of them, by province when it spans many).
	level := childLevel(v.Region, o)
	ov, err := s.reader(ctx).Overview(ctx, v.Filter, level, topRows, string(l.Lang))
	if err != nil {
		return err
	}
	sum, byRegion, points, spread := ov.Summary, ov.ByRegion, ov.Trend, ov.Spread

	p.Headline = headline(sum, "/units", q)
	agencyChart, err := gapChart("chart-agencies", "chart.by_agency", spread.ByAgency, func(g analytics.Group) string {
		return link("/agency/"+g.Code, without(q, qAgency, qPage, qSort))
	}, l)
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
	more, err := scopeReads{bins: spread.Bins, points: points}.charts(l)
	if err != nil {
		return err
	}
	p.Charts = append(p.Charts, more...)
	p.MostShort = topTable(v, spread.Extremes.Short, analytics.SortRatio, q)
	p.MostSurplus = topTable(v, spread.Extremes.Surplus, analytics.SortRatioDesc, q)
	return s.render(c, "overview", p)
}

// scopeReads are the reads behind the charts every scope page shows: the ratio distribution
// and the trend.
type scopeReads struct {
	bins   []analytics.Bin
	points []analytics.TrendPoint
}

// charts draws what the reads returned, once they are done.
func (r scopeReads) charts(l Locale) ([]Chart, error) {
	dist, err := distributionChart("chart-distribution", r.bins, l)
	if err != nil {
		return nil, err
	}
	trend, err := trendChart("chart-trend", r.points, l)
	if err != nil {
		return nil, err
	}
	return []Chart{dist, trend}, nil
}

// topTable shows the most extreme units of one side (in the filter's own status, if set),
// with a link to the full list in the same order.
func topTable(v View, rows []analytics.UnitRow, order analytics.UnitSort, q url.Values) UnitTable {
	qq := without(q, qPage, qSort)
	if order != analytics.SortRatio {
		qq.Set(qSort, string(order))
	}
	return UnitTable{Rows: rows, ShowAgency: v.Agency == "", SeeAll: link("/units", qq)}
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
