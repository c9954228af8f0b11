package dashboard

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/analytics"
)

// Query parameter names. Filters live in the URL so every view is a shareable link.
const (
	qRegion = "region"
	qAgency = "agency"
	qType   = "type"
	qCadre  = "cadre"
	qStatus = "status"
	qPeriod = "period"
	qSort   = "sort"
	qPage   = "page"
)

// View is what the URL asks to see: the analytics filter plus list order and page.
type View struct {
	analytics.Filter
	Sort analytics.UnitSort
	Page int
}

// parseView reads the view from the request's query, checking values against the known
// choices; an unknown value is a 400 that says which parameter is wrong.
func parseView(c *fiber.Ctx, opts analytics.Options) (View, error) {
	v := View{Sort: analytics.SortRatio, Page: 1}
	v.Region = c.Query(qRegion)
	v.Agency = c.Query(qAgency)
	v.UnitType = c.Query(qType)
	v.Cadre = c.Query(qCadre)
	v.Status = analytics.Status(c.Query(qStatus))
	checks := []struct {
		name, value string
		choices     []analytics.Option
	}{
		{qRegion, v.Region, opts.Regions},
		{qAgency, v.Agency, opts.Agencies},
		{qType, v.UnitType, opts.UnitTypes},
		{qCadre, v.Cadre, opts.Cadres},
	}
	for _, ch := range checks {
		if ch.value != "" && !hasOption(ch.choices, ch.value) {
			return v, badRequest(fmt.Sprintf("unknown %s %q", ch.name, ch.value))
		}
	}
	if v.Status != "" && !v.Status.Valid() {
		return v, badRequest(fmt.Sprintf("unknown status %q", v.Status))
	}
	if s := c.Query(qSort); s != "" {
		v.Sort = analytics.UnitSort(s)
		if !v.Sort.Valid() {
			return v, badRequest(fmt.Sprintf("unknown sort %q", s))
		}
	}
	if p := c.Query(qPage); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return v, badRequest(fmt.Sprintf("page %q: want a number from 1", p))
		}
		v.Page = n
	}
	if len(opts.Periods) > 0 {
		v.Period = opts.Periods[len(opts.Periods)-1]
	}
	if p := c.Query(qPeriod); p != "" {
		t, err := time.Parse("2006-01", p)
		if err != nil || !hasPeriod(opts.Periods, t) {
			return v, badRequest(fmt.Sprintf("period %q: want a month with data, as YYYY-MM", p))
		}
		v.Period = t
	}
	return v, nil
}

func hasOption(opts []analytics.Option, code string) bool {
	for _, o := range opts {
		if o.Code == code {
			return true
		}
	}
	return false
}

func hasPeriod(periods []time.Time, t time.Time) bool {
	for _, p := range periods {
		if p.Equal(t) {
			return true
		}
	}
	return false
}

// query encodes the view as URL parameters; latest is the default period, left out so links
// follow new data.
func (v View) query(latest time.Time) url.Values {
	q := url.Values{}
	set := func(k, val string) {
		if val != "" {
			q.Set(k, val)
		}
	}
	set(qRegion, v.Region)
	set(qAgency, v.Agency)
	set(qType, v.UnitType)
	set(qCadre, v.Cadre)
	set(qStatus, string(v.Status))
	if !v.Period.IsZero() && !v.Period.Equal(latest) {
		q.Set(qPeriod, v.Period.Format("2006-01"))
	}
	if v.Sort != "" && v.Sort != analytics.SortRatio {
		q.Set(qSort, string(v.Sort))
	}
	if v.Page > 1 {
		q.Set(qPage, strconv.Itoa(v.Page))
	}
	return q
}

// link returns path with the view's query.
func link(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// readRequest is how every page handler starts: the reader's locale, the filter menus, and
// the view the URL asks for (a 400 when a parameter is not a known choice).
func (s *Server) readRequest(c *fiber.Ctx) (Locale, analytics.Options, View, error) {
	l := s.locale(c)
	o, err := s.filterOptions(c.UserContext(), l)
	if err != nil {
		return l, o, View{}, err
	}
	v, err := parseView(c, o)
	return l, o, v, err
}
