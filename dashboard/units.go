package dashboard

import (
	"github.com/gofiber/fiber/v2"
)

// unitsPage is the data of the units template.
type unitsPage struct {
	Page
	View    View
	Filters FilterBar
	Units   UnitTable
}

// units lists every unit x cadre under the filters, sorted and paged.
func (s *Server) units(c *fiber.Ctx) error {
	ctx := c.UserContext()
	l, o, v, err := s.readRequest(c)
	if err != nil {
		return err
	}
	p := unitsPage{Page: s.page(c, l, mustT(l, "units.title")), View: v}
	p.Nav = "units"
	p.Crumbs = []Crumb{{Name: mustT(l, "nav.overview"), URL: "/"}}
	q := v.query(latest(o))
	if p.Filters, err = s.filterBar(l, "/units", v, o); err != nil {
		return err
	}
	page, err := s.reader(ctx).Units(ctx, v.Filter, v.Sort, pageSize, (v.Page-1)*pageSize, string(l.Lang))
	if err != nil {
		return err
	}
	pager := newPager("/units", q, v.Page, page.Total)
	p.Units = UnitTable{Rows: page.Rows, Pager: &pager, Sorts: sortLinks(l, "/units", q, v.Sort), ShowAgency: v.Agency == ""}
	return s.render(c, "units", p)
}
