package dashboard

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

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
	path, err := s.an.RegionPath(ctx, u.Region)
	if err != nil {
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
	// The unit's region narrows the read to the few rows of the period stored with it.
	page, err := s.reader(ctx).Units(ctx, analytics.Filter{Period: v.Period, Region: u.Region, Unit: u.Code}, analytics.SortName, 100, 0, lang)
	if err != nil {
		return err
	}
	p.Rows = page.Rows
	history, err := s.reader(ctx).UnitHistory(ctx, u.Code)
	if err != nil {
		return err
	}
	bands, err := s.an.Bands(ctx)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, cd := range o.Cadres {
		names[cd.Code] = cd.Name
	}
	for i, h := range history {
		e, err := s.reader(ctx).Explain(ctx, u.Code, h.Cadre, v.Period)
		if err != nil {
			return err
		}
		calc := explain(l, e)
		chart, err := historyChart(fmt.Sprintf("chart-history-%d", i), names[h.Cadre], calc.WorkloadUnit, h, bands, l)
		if err != nil {
			return err
		}
		p.Cadres = append(p.Cadres, unitCadre{Code: h.Cadre, Name: names[h.Cadre], Chart: chart, Calc: calc})
	}
	if p.Staff, err = s.reader(ctx).UnitStaff(ctx, u.Code); err != nil {
		return err
	}
	return s.render(c, "unit", p)
}
