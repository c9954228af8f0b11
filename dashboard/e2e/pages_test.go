package e2e

import (
	"strings"
	"testing"
)

// pageCase is one page of the dashboard the browser tests visit.
type pageCase struct {
	name      string // also the screenshot's file name
	path      string
	minCharts int    // charts the page must draw at least
	heading   string // text the h1 must contain; empty: any
}

// pages lists every page there is today.
// TestExportLinks follows the report downloads of the pages that offer them.
// Tabs are signed in as the seeded admin (newTab); TestLoginAndLogout covers the login form.
func pages() []pageCase {
	return []pageCase{
		{name: "overview", path: "/", minCharts: 4},
		{name: "region-city", path: "/region/36.73", minCharts: 2, heading: "Kota Serang"},
		{name: "region-district", path: "/region/36.73.05", minCharts: 2, heading: "Cipocok Jaya"},
		{name: "agency", path: "/agency/36.73-disdik", minCharts: 2, heading: "Dinas Pendidikan"},
		{name: "units", path: "/units", minCharts: 0},
		{name: "unit", path: unitPath, minCharts: 1},
		{name: "import", path: "/import", minCharts: 0, heading: "Impor data"},
		{name: "plans", path: "/plans", minCharts: 0, heading: "Rencana mutasi"},
		{name: "plan", path: "/plans/1", minCharts: 2, heading: "Guru Kota Serang"},
		{name: "users", path: "/admin/users", minCharts: 0, heading: "Pengguna"},
		{name: "audit", path: "/admin/audit", minCharts: 0, heading: "Log audit"},
	}
}

// chartState is what a .chart container holds once app.js has run.
type chartState struct {
	ID             string `json:"id"`
	Error          bool   `json:"error"`          // class chart-error
	Instance       bool   `json:"instance"`       // window.timbang.charts[id] exists
	SVGs           int    `json:"svgs"`           // <svg> elements inside the container
	Shapes         int    `json:"shapes"`         // <path> and <rect> elements inside those
	Series         int    `json:"series"`         // getOption().series.length
	SeriesWithData int    `json:"seriesWithData"` // series with at least one non-empty value
}

const chartsJS = `Array.from(document.querySelectorAll('.chart')).map(function (el) {
  var chart = window.timbang && window.timbang.charts[el.id];
  var series = chart ? (chart.getOption().series || []) : [];
  function hasValue(d) {
    var v = d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d;
    return v !== null && v !== undefined && v !== '' && v !== '-';
  }
  return {
    id: el.id,
    error: el.classList.contains('chart-error'),
    instance: !!chart,
    svgs: el.querySelectorAll('svg').length,
    shapes: el.querySelectorAll('svg path, svg rect').length,
    series: series.length,
    seriesWithData: series.filter(function (s) {
      return Array.isArray(s.data) && s.data.some(hasValue);
    }).length
  };
})`

// assertChartsDrawn checks every .chart container of the page holds a drawn chart.
func assertChartsDrawn(t *testing.T, tb *tab, minCharts int) {
	t.Helper()
	charts := eval[[]chartState](tb, chartsJS)
	if len(charts) < minCharts {
		t.Errorf("%d .chart containers, want at least %d", len(charts), minCharts)
	}
	for _, c := range charts {
		switch {
		case c.Error:
			t.Errorf("chart #%s has class chart-error", c.ID)
		case !c.Instance:
			t.Errorf("chart #%s: no window.timbang.charts[%q]", c.ID, c.ID)
		case c.SVGs == 0 || c.Shapes == 0:
			t.Errorf("chart #%s: %d <svg>, %d path/rect: nothing drawn", c.ID, c.SVGs, c.Shapes)
		case c.SeriesWithData == 0:
			t.Errorf("chart #%s: %d series, none with data", c.ID, c.Series)
		}
	}
	if n := eval[int](tb, `document.querySelectorAll('.chart-error').length`); n != 0 {
		t.Errorf("%d elements with class chart-error", n)
	}
}

// TestPagesLoadCleanly opens every page and checks that it loads without a console error, an
// exception or a failed request, and that every chart is drawn with data.
func TestPagesLoadCleanly(t *testing.T) {
	for _, pc := range pages() {
		t.Run(pc.name, func(t *testing.T) {
			t.Parallel() // each subtest has its own tab
			tb := newTab(t)
			tb.open(pc.path)
			h1 := eval[string](tb, `(document.querySelector('h1') || {textContent: ''}).textContent.trim()`)
			if h1 == "" || !strings.Contains(h1, pc.heading) {
				t.Errorf("h1 %q, want one containing %q", h1, pc.heading)
			}
			assertChartsDrawn(t, tb, pc.minCharts)
			// Go's fmt writes "%!s(int=60)" and the like when a message and its arguments
			// disagree; no page may show that.
			if bad := eval[string](tb, `(document.body.innerText.match(/.{0,40}%!.{0,40}/) || [''])[0]`); bad != "" {
				t.Errorf("page shows a formatting error: %q", bad)
			}
		})
	}
}

// TestFavicon: browsers ask every site for an icon, at the <link rel="icon"> of the page or
// else at /favicon.ico, and log an error in the console when it is missing.
func TestFavicon(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	icon := eval[string](tb, `(function () {
  var link = document.querySelector('link[rel~="icon"]');
  return link ? link.href : new URL('/favicon.ico', location.href).href;
})()`)
	if strings.HasPrefix(icon, "data:") {
		return // an inline icon needs no request
	}
	if _, err := httpGet(icon); err != nil {
		t.Errorf("the page's icon: %v; declare one with <link rel=\"icon\"> or serve /favicon.ico", err)
	}
}
