package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// seriesData is the data of every series of a chart, as JSON, read from its ECharts instance.
func seriesData(tb *tab, chartID string) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`(function (id) {
  var chart = window.timbang.charts[id];
  if (!chart) { throw new Error('no chart ' + id); }
  return JSON.stringify(chart.getOption().series.map(function (s) { return s.data; }));
})(%q)`, chartID))
}

// chooseOption picks value in the <select> matched by css as the browser does when a person
// picks an option: focus, new value, "input" and "change" events (on which app.js submits
// the form). A native select's popup cannot be driven in headless Chromium.
func chooseOption(css, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Focus(chromedp.CSS(css)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(function (sel, value) {
  var el = document.querySelector(sel);
  if (!Array.prototype.some.call(el.options, function (o) { return o.value === value; })) {
    throw new Error(sel + ' has no option ' + value);
  }
  el.value = value;
  el.dispatchEvent(new Event('input', {bubbles: true}));
  el.dispatchEvent(new Event('change', {bubbles: true}));
})(%q, %q)`, css, value)),
	)
}

// TestFilterChangesURLAndData selects a position family in the overview's filter form (which
// submits itself), and checks that the choice lands in the URL and changes the charts, and
// that the back button brings back the previous URL and data.
func TestFilterChangesURLAndData(t *testing.T) {
	const chart = "chart-distribution"
	tb := newTab(t)
	tb.open("/")
	before := seriesData(tb, chart)

	tb.navigateBy("select cadre guru", chooseOption("#f-cadre", "guru"))
	loc := tb.location()
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != "/" || u.Query().Get("cadre") != "guru" {
		t.Errorf("after choosing guru the URL is %s, want / with cadre=guru", loc)
	}
	for k, v := range u.Query() {
		if len(v) != 1 || v[0] == "" {
			t.Errorf("URL %s carries the empty filter %s (app.js drops empty fields)", loc, k)
		}
	}
	if got := eval[string](tb, `document.getElementById('f-cadre').value`); got != "guru" {
		t.Errorf("cadre select shows %q after the reload, want guru", got)
	}
	assertChartsDrawn(t, tb, 4)
	after := seriesData(tb, chart)
	if after == before {
		t.Errorf("%s data did not change with cadre=guru: %s", chart, after)
	}

	tb.back("/")
	if got := seriesData(tb, chart); got != before {
		t.Errorf("back: %s data\n%s\nwant the data before filtering\n%s", chart, got, before)
	}
	if got := eval[string](tb, `document.getElementById('f-cadre').value`); got != "" {
		t.Errorf("back: cadre select shows %q, want all (empty)", got)
	}
	// Coming back from the back/forward cache, app.js must re-enable the fields it disabled
	// to keep empty filters out of the URL, or the next submit would lose them.
	if n := eval[int](tb, `document.querySelectorAll('form.filters [disabled]').length`); n != 0 {
		t.Errorf("back: %d filter fields still disabled", n)
	}
}

// barTarget is where one bar of a bar chart is drawn, in viewport pixels, and where clicking
// it should lead.
type barTarget struct {
	X, Y      float64
	Href      string
	Category  string
	Value     float64
	EndX      float64 // the bar's value end from the layout
	ValueEndX float64 // the same from chart.convertToPixel, as a cross-check
}

// barJS finds the largest bar of series 0 of a horizontal bar chart: scrolls the chart into
// view, takes the bar's drawn rectangle from ECharts, checks it against convertToPixel of
// the value, and returns the rectangle's centre in viewport coordinates with its link.
const barJS = `(function (id) {
  var el = document.getElementById(id);
  el.scrollIntoView({block: 'center'});
  var chart = window.timbang.charts[id];
  var option = chart.getOption();
  var payload = JSON.parse(document.getElementById(el.getAttribute('data-chart')).textContent);
  var links = Array.isArray(payload.links) ? payload.links : payload.links['0'];
  var values = option.series[0].data.map(function (d) {
    return d !== null && typeof d === 'object' ? d.value : d;
  });
  var best = 0;
  values.forEach(function (v, i) { if (v > values[best]) { best = i; } });
  var layout = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(best);
  var valueEnd = chart.convertToPixel({seriesIndex: 0}, [values[best], best]);
  var box = el.getBoundingClientRect();
  return {
    X: box.left + layout.x + layout.width / 2,
    Y: box.top + layout.y + layout.height / 2,
    Href: links[best],
    Category: String(option.yAxis[0].data[best]),
    Value: values[best],
    EndX: layout.x + layout.width,
    ValueEndX: valueEnd[0]
  };
})(%q)`

// TestBarClickDrillsDown clicks, with the mouse, the bar of the agency with the largest
// shortage on the overview and expects that agency's page.
func TestBarClickDrillsDown(t *testing.T) {
	const chart = "chart-agencies"
	tb := newTab(t)
	tb.open("/")
	bar := eval[barTarget](tb, fmt.Sprintf(barJS, chart))
	if bar.Value <= 0 || !strings.HasPrefix(bar.Href, "/agency/") {
		t.Fatalf("%s: largest shortage bar %+v: want a positive value linking to /agency/...", chart, bar)
	}
	if d := bar.EndX - bar.ValueEndX; d > 1 || d < -1 {
		t.Fatalf("%s: bar %q ends at x=%.1f but convertToPixel puts its value at x=%.1f", chart, bar.Category, bar.EndX, bar.ValueEndX)
	}
	tb.do("move the mouse over the bar", chromedp.MouseEvent(chromedp.MouseMoved, bar.X, bar.Y))
	// The tooltip is drawn inside the chart's SVG (app.js sets renderMode richText; HTML
	// tooltips would break the CSP) and shows the bar's value in Indonesian number format.
	tb.waitFor("tooltip with the bar's value", fmt.Sprintf(`(function (id, value) {
  var text = new Intl.NumberFormat('id-ID').format(value);
  return Array.from(document.querySelectorAll('#' + id + ' svg text')).some(function (t) {
    return t.textContent.trim() === text;
  });
})(%q, %v)`, chart, bar.Value))
	tb.navigateBy(fmt.Sprintf("click bar %q at (%.0f, %.0f)", bar.Category, bar.X, bar.Y), chromedp.MouseClickXY(bar.X, bar.Y))
	if loc := tb.location(); loc != bar.Href {
		t.Errorf("clicking bar %q led to %s, want %s", bar.Category, loc, bar.Href)
	}
	h1 := eval[string](tb, `document.querySelector('h1').textContent.trim()`)
	if h1 != bar.Category {
		t.Errorf("agency page h1 %q, want the bar's agency %q", h1, bar.Category)
	}
	assertChartsDrawn(t, tb, 2)
}

// TestRowClickOpensUnit clicks a number cell (not the link) of a unit row on the overview and
// expects the unit's page.
func TestRowClickOpensUnit(t *testing.T) {
	const cell = `tr[data-href^="/unit/"] td.num`
	tb := newTab(t)
	tb.open("/")
	href := eval[string](tb, `document.querySelector('tr[data-href^="/unit/"]').getAttribute('data-href')`)
	tb.navigateBy("click a unit row", chromedp.Click(chromedp.CSS(cell)))
	if loc := tb.location(); loc != href {
		t.Errorf("clicking the row led to %s, want %s", loc, href)
	}
	if n := eval[int](tb, `document.querySelectorAll('table.calc').length`); n == 0 {
		t.Error("the unit page shows no step-by-step calculation")
	}
	assertChartsDrawn(t, tb, 1)
}

// language is what a page must say in one language.
type language struct {
	lang     string
	overview string            // the navigation's first item
	statuses map[string]string // status class suffix -> label
}

var (
	indonesian = language{"id", "Ringkasan", map[string]string{
		"severe_shortage": "Kekurangan berat", "shortage": "Kekurangan", "balanced": "Seimbang",
		"surplus": "Kelebihan", "no_data": "Tanpa data",
	}}
	english = language{"en", "Overview", map[string]string{
		"severe_shortage": "Severe shortage", "shortage": "Shortage", "balanced": "Balanced",
		"surplus": "Surplus", "no_data": "No data",
	}}
)

// assertLanguage checks the page is in l: <html lang>, the navigation and the status labels.
func assertLanguage(t *testing.T, tb *tab, l language) {
	t.Helper()
	if got := eval[string](tb, `document.documentElement.lang`); got != l.lang {
		t.Errorf("html lang %q, want %q", got, l.lang)
	}
	if got := eval[string](tb, `document.querySelector('.site-nav a').textContent.trim()`); got != l.overview {
		t.Errorf("first navigation item %q, want %q", got, l.overview)
	}
	if got := eval[string](tb, `document.querySelector('.lang-toggle a[aria-current="true"]').getAttribute('hreflang')`); got != l.lang {
		t.Errorf("language toggle marks %q as current, want %q", got, l.lang)
	}
	assertStatusText(t, tb, l, true)
}

// statusBadge is one <span class="status status-X">.
type statusBadge struct {
	Class string `json:"class"`
	Text  string `json:"text"`
}

const statusBadgesJS = `Array.from(document.querySelectorAll('.status')).map(function (el) {
  var cls = Array.from(el.classList).filter(function (c) { return c.indexOf('status-') === 0; })[0] || '';
  return {class: cls.slice('status-'.length), text: el.innerText.trim()};
})`

// assertStatusText checks every status badge says its status in words after its icon, so
// status never rests on colour alone. Unless a unit page, the page must show at least one
// severe shortage.
func assertStatusText(t *testing.T, tb *tab, l language, wantSevere bool) {
	t.Helper()
	badges := eval[[]statusBadge](tb, statusBadgesJS)
	if len(badges) == 0 {
		t.Fatal("no .status badge on the page")
	}
	severe := 0
	for _, b := range badges {
		label, ok := l.statuses[b.Class]
		switch {
		case !ok:
			t.Errorf("status badge %q has unknown class status-%s", b.Text, b.Class)
		case !strings.HasSuffix(b.Text, " "+label) || len(b.Text) <= len(label)+1:
			t.Errorf("status-%s badge reads %q, want an icon and the label %q", b.Class, b.Text, label)
		case b.Class == "severe_shortage":
			severe++
		}
	}
	if wantSevere && severe == 0 {
		t.Errorf("no .status badge reads %q (of %d badges)", l.statuses["severe_shortage"], len(badges))
	}
}

// TestLanguageToggle switches a filtered overview from Indonesian to English and back; the
// page, its filters and its charts stay.
func TestLanguageToggle(t *testing.T) {
	const path = "/?cadre=guru"
	tb := newTab(t)
	tb.open(path)
	assertLanguage(t, tb, indonesian)

	for _, l := range []language{english, indonesian} {
		tb.navigateBy("switch to "+l.lang, chromedp.Click(chromedp.CSS(`.lang-toggle a[hreflang="`+l.lang+`"]`)))
		if loc := tb.location(); loc != path {
			t.Errorf("after switching to %s the URL is %s, want %s", l.lang, loc, path)
		}
		assertLanguage(t, tb, l)
		assertChartsDrawn(t, tb, 4)
	}
}

// TestStatusLabelsAreText reads the status badges of the pages that list units, in both
// languages.
func TestStatusLabelsAreText(t *testing.T) {
	for _, l := range []language{indonesian, english} {
		for _, path := range []string{"/", "/units", "/region/36.73.05", unitPath} {
			t.Run(l.lang+path, func(t *testing.T) {
				t.Parallel() // each subtest has its own tab
				tb := newTab(t)
				tb.open("/lang/" + l.lang + "?next=" + url.QueryEscape(path))
				// A unit's own position families need not include a severe shortage.
				assertStatusText(t, tb, l, path != unitPath)
			})
		}
	}
}

// TestRequestsStayLocal loads every page, and uses a filter and the language toggle, each in
// a tab of its own, and checks every request went to the test server on 127.0.0.1: no font,
// script, style, image or tracker from anywhere else. (Every other test checks the same of its
// own tab when it ends; this one makes sure each page is covered.)
func TestRequestsStayLocal(t *testing.T) {
	for _, pc := range pages() {
		t.Run(pc.name, func(t *testing.T) {
			t.Parallel() // each subtest has its own tab
			tb := newTab(t)
			tb.open(pc.path)
			// A page, its stylesheet and its two scripts at least, or the check saw nothing.
			if n := tb.assertLocal(); n < 4 {
				t.Errorf("saw %d requests loading %s, want at least 4", n, pc.path)
			}
		})
	}
	t.Run("filter and language", func(t *testing.T) {
		t.Parallel() // each subtest has its own tab
		tb := newTab(t)
		tb.open("/")
		tb.navigateBy("select cadre guru", chooseOption("#f-cadre", "guru"))
		tb.navigateBy("switch to en", chromedp.Click(chromedp.CSS(`.lang-toggle a[hreflang="en"]`)))
		if n := tb.assertLocal(); n < 12 {
			t.Errorf("saw %d requests for three page loads, want at least 12", n)
		}
	})
}
