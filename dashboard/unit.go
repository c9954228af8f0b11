package dashboard

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/sync/errgroup"

	"github.com/timbang/timbang/analytics"
)

// unitPage is the data of the unit template.
type unitPage struct {
	Page
	Unit    analytics.Unit
	Period  time.Time
	Periods []SelectOption
	Rows    []analytics.UnitRow
	Cadres  []unitCadre
	Staff   []analytics.Person
}

// unitCadre is one cadre of the unit: its history chart and its calculation.
type unitCadre struct {
	Code, Name string
	Chart      Chart
	Calc       Calculation
}

// unit shows one unit: each cadre's status, its history over the periods, the calculation
// step by step and the people.
func (s *Server) unit(c *fiber.Ctx) error {
	ctx := c.UserContext()
	l, o, v, err := s.readRequest(c)
	if err != nil {
		return err
	}
	lang := string(l.Lang)
	u, err := s.reader(ctx).Unit(ctx, c.Params("code"), lang)
	if err != nil {
		return err
	}
	p := unitPage{Page: s.page(c, l, u.Name), Unit: u, Period: v.Period}

	// The reads run at once on the pool's connections; the explanations need the cadres of
	// the history, so they run after it, again at once.
	rd := s.reader(ctx)
	var (
		path    []analytics.Region
		page    analytics.UnitPage
		history []analytics.CadreHistory
		bands   analytics.Bands
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { path, err = s.an.RegionPath(gctx, u.Region); return err })
	g.Go(func() (err error) {
		// The unit's region narrows the read to the few rows of the period stored with it.
		page, err = rd.Units(gctx, analytics.Filter{Period: v.Period, Region: u.Region, Unit: u.Code}, analytics.SortName, 100, 0, lang)
		return err
	})
	g.Go(func() (err error) { history, err = rd.UnitHistory(gctx, u.Code); return err })
	g.Go(func() (err error) { bands, err = s.an.Bands(gctx); return err })
	g.Go(func() (err error) { p.Staff, err = rd.UnitStaff(gctx, u.Code); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	explained := make([]analytics.Explanation, len(history))
	g, gctx = errgroup.WithContext(ctx)
	for i, h := range history {
		g.Go(func() (err error) { explained[i], err = rd.Explain(gctx, u.Code, h.Cadre, v.Period); return err })
	}
	if err := g.Wait(); err != nil {
		return err
	}

	p.Crumbs = []Crumb{{Name: mustT(l, "nav.overview"), URL: "/"}}
	for _, r := range path {
		if r.Level <= 3 {
			p.Crumbs = append(p.Crumbs, Crumb{Name: r.Name, URL: "/region/" + r.Code})
		}
	}
	p.Crumbs = append(p.Crumbs, Crumb{Name: u.AgencyName, URL: "/agency/" + u.Agency + "?region=" + path[min(2, len(path)-1)].Code})
	for i := range o.Periods {
		t := o.Periods[len(o.Periods)-1-i]
		p.Periods = append(p.Periods, SelectOption{Value: t.Format("2006-01"), Label: l.Period(t), Selected: t.Equal(v.Period)})
	}
	p.Rows = page.Rows
	names := map[string]string{}
	for _, cd := range o.Cadres {
		names[cd.Code] = cd.Name
	}
	for i, h := range history {
		calc := explain(l, explained[i])
		chart, err := historyChart(fmt.Sprintf("chart-history-%d", i), names[h.Cadre], calc.WorkloadUnit, h, bands, l)
		if err != nil {
			return err
		}
		p.Cadres = append(p.Cadres, unitCadre{Code: h.Cadre, Name: names[h.Cadre], Chart: chart, Calc: calc})
	}
	return s.render(c, "unit", p)
}
