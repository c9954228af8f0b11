package dashboard

import (
	"context"
	"net/url"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/sync/errgroup"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data"
)

// GroupRow is one line of a breakdown table, with where it leads.
type GroupRow struct {
	analytics.Group
	URL string
}

// scopePage is the data of the region and agency templates.
type scopePage struct {
	Page
	View       View
	Filters    FilterBar
	Headline   Headline
	Charts     []Chart
	Sampled    string // note when the units chart shows only the extremes
	Children   []GroupRow
	ChildTitle string
	Agencies   []GroupRow
	Units      UnitTable
	Region     analytics.Region
	Agency     analytics.Agency
}

// chartUnits is the most units the units-by-ratio chart draws; above it the chart shows the
// lowest and highest halves, and the table pages through the rest.
const chartUnits = 120

// scopeBody fills what region and agency pages share: headline, charts, breakdown by cadre and
// the paged unit table. path is the page's own path; q its filter query. The page's own reads
// (more) run with the shared ones, all at once on the pool's connections.
func (s *Server) scopeBody(c *fiber.Ctx, l Locale, p *scopePage, path string, q url.Values, more ...func(context.Context) error) error {
	ctx := c.UserContext()
	v := p.View
	rd := s.reader(ctx)
	var (
		sum     analytics.Summary
		lowest  analytics.UnitPage
		highest []analytics.UnitRow
		byCadre []analytics.Group
		reads   scopeReads
		page    analytics.UnitPage
		lang    = string(l.Lang)
		g, gctx = errgroup.WithContext(ctx)
	)
	g.Go(func() (err error) { sum, reads.points, err = rd.SummaryTrend(gctx, v.Filter); return err })
	g.Go(func() (err error) { reads.bins, err = rd.Distribution(gctx, v.Filter); return err })
	// Units by ratio: all of them when few, else the two ends. The highest are read with the
	// lowest, before it is known whether there are more than chartUnits: they are few.
	g.Go(func() (err error) {
		lowest, highest, err = rd.Ends(gctx, v.Filter, chartUnits, chartUnits/2, lang)
		return err
	})
	g.Go(func() (err error) {
		byCadre, err = rd.Breakdown(gctx, v.Filter, analytics.ByCadre, 0, lang)
		return err
	})
	// In the default order the first pages of the table are the start of the chart's lowest
	// rows: cut from those, not read again.
	fromChart := (v.Sort == analytics.SortRatio || !v.Sort.Valid()) && v.Page*pageSize <= chartUnits
	if !fromChart {
		g.Go(func() (err error) {
			page, err = rd.Units(gctx, v.Filter, v.Sort, pageSize, (v.Page-1)*pageSize, lang)
			return err
		})
	}
	for _, read := range more {
		g.Go(func() error { return read(gctx) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if fromChart {
		start := min((v.Page-1)*pageSize, len(lowest.Rows))
		page = analytics.UnitPage{Rows: lowest.Rows[start:min(start+pageSize, len(lowest.Rows))], Total: lowest.Total}
	}

	p.Headline = headline(sum, path, q)
	rows := withRatio(lowest.Rows)
	if lowest.Total > chartUnits {
		high := withRatio(highest)
		for i, j := 0, len(high)-1; i < j; i, j = i+1, j-1 {
			high[i], high[j] = high[j], high[i]
		}
		low := rows[:min(chartUnits/2, len(rows)):min(chartUnits/2, len(rows))]
		rows = append(low, high...) //nolint:gocritic // appendAssign: low is a capped view of rows on purpose

		p.Sampled, _ = l.Tf("chart.units_sampled", l.Int(chartUnits/2), l.Int(chartUnits/2), l.Int(lowest.Total))
	}
	unitsC, err := unitsChart("chart-units", rows, l)
	if err != nil {
		return err
	}
	cadreC, err := cadreChart("chart-cadres", byCadre, func(g analytics.Group) string {
		qq := without(q, qPage)
		qq.Set(qCadre, g.Code)
		return link(path, qq)
	}, l)
	if err != nil {
		return err
	}
	charts, err := reads.charts(l)
	if err != nil {
		return err
	}
	p.Charts = append([]Chart{unitsC, cadreC}, charts...)

	pager := newPager(path, q, v.Page, page.Total)
	p.Units = UnitTable{Rows: page.Rows, Pager: &pager, Sorts: sortLinks(l, path, q, v.Sort), ShowAgency: v.Agency == ""}
	return nil
}

// withRatio drops rows without a ratio (no data): they cannot stand on a ratio axis.
func withRatio(rows []analytics.UnitRow) []analytics.UnitRow {
	out := rows[:0:0]
	for _, r := range rows {
		if r.Ratio.Valid {
			out = append(out, r)
		}
	}
	return out
}

func groupRows(groups []analytics.Group, urlOf func(analytics.Group) string) []GroupRow {
	out := make([]GroupRow, len(groups))
	for i, g := range groups {
		out[i] = GroupRow{Group: g, URL: urlOf(g)}
	}
	return out
}

// region shows one region: its headline, the regions and agencies within, and its units.
func (s *Server) region(c *fiber.Ctx) error {
	ctx := c.UserContext()
	l, o, v, err := s.readRequest(c)
	if err != nil {
		return err
	}
	code := c.Params("code")
	// The reader refuses a region its user's scope does not cover; the path above it is only
	// names, for the breadcrumbs.
	if _, err := s.reader(ctx).Region(ctx, code); err != nil {
		return err
	}
	path, err := s.an.RegionPath(ctx, code)
	if err != nil {
		return err
	}
	region := path[len(path)-1]
	v.Region = code
	p := scopePage{Page: s.page(c, l, region.Name), View: v, Region: region}
	p.Crumbs = []Crumb{{Name: mustT(l, "nav.overview"), URL: "/"}}
	for _, r := range path[:len(path)-1] {
		p.Crumbs = append(p.Crumbs, Crumb{Name: r.Name, URL: "/region/" + r.Code})
	}
	q := without(v.query(latest(o)), qRegion)
	if p.Filters, err = s.filterBar(l, "/region/"+code, v, o, qRegion); err != nil {
		return err
	}
	self := "/region/" + code
	rd := s.reader(ctx)
	var children, agencies []analytics.Group
	err = s.scopeBody(c, l, &p, self, q,
		func(ctx context.Context) (err error) {
			if region.Level < 3 {
				children, err = rd.Breakdown(ctx, v.Filter, analytics.ByRegion, region.Level+1, string(l.Lang))
			}
			return err
		},
		func(ctx context.Context) (err error) {
			agencies, err = rd.Breakdown(ctx, v.Filter, analytics.ByAgency, 0, string(l.Lang))
			return err
		})
	if err != nil {
		return err
	}
	if region.Level < 3 {
		p.ChildTitle = mustT(l, "region.children")
		p.Children = groupRows(children, func(g analytics.Group) string { return link("/region/"+g.Code, without(q, qPage, qSort)) })
	}
	p.Agencies = groupRows(agencies, func(g analytics.Group) string {
		qq := without(q, qPage, qSort, qAgency)
		qq.Set(qRegion, code)
		return link("/agency/"+g.Code, qq)
	})
	return s.render(c, "region", p)
}

// agency shows one agency, optionally inside a region (?region=), with its units.
func (s *Server) agency(c *fiber.Ctx) error {
	ctx := c.UserContext()
	l, o, v, err := s.readRequest(c)
	if err != nil {
		return err
	}
	code := c.Params("code")
	a, err := s.reader(ctx).Agency(ctx, code)
	if err != nil {
		return err
	}
	v.Agency = code
	p := scopePage{Page: s.page(c, l, a.Name), View: v, Agency: a}
	p.Crumbs = []Crumb{{Name: mustT(l, "nav.overview"), URL: "/"}}
	if v.Region != "" {
		if r, err := s.reader(ctx).Region(ctx, v.Region); err == nil {
			p.Crumbs = append(p.Crumbs, Crumb{Name: r.Name, URL: "/region/" + r.Code})
		}
	}
	q := without(v.query(latest(o)), qAgency)
	self := "/agency/" + code
	if p.Filters, err = s.filterBar(l, self, v, o, qAgency); err != nil {
		return err
	}
	level := 3
	if data.RegionLevel(a.RegionCode) == 1 {
		level = 2 // a provincial agency spreads over regencies and cities
	}
	if v.Region != "" {
		level = childLevel(v.Region, o)
	}
	rd := s.reader(ctx)
	var children []analytics.Group
	err = s.scopeBody(c, l, &p, self, q, func(ctx context.Context) (err error) {
		children, err = rd.Breakdown(ctx, v.Filter, analytics.ByRegion, level, string(l.Lang))
		return err
	})
	if err != nil {
		return err
	}
	p.ChildTitle = mustT(l, "agency.regions")
	p.Children = groupRows(children, func(g analytics.Group) string {
		qq := without(q, qPage, qSort)
		qq.Set(qRegion, g.Code)
		return link(self, qq)
	})
	return s.render(c, "agency", p)
}
