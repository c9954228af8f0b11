package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// overflow is how wide the page is against its viewport, with the elements that stick out.
type overflow struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"` // innerWidth less a classic scrollbar
	InnerWidth  int      `json:"innerWidth"`
	Offenders   []string `json:"offenders"`
}

// overflowJS measures horizontal overflow. Wide tables scroll inside their .table-wrap, so
// what is inside one is not an offender.
const overflowJS = `(function () {
  var w = document.documentElement.clientWidth;
  var offenders = [];
  document.querySelectorAll('body *').forEach(function (el) {
    if (el.parentElement && el.parentElement.closest('.table-wrap')) { return; }
    var r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 0.5) {
      var name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
      offenders.push(name + ' right=' + Math.round(r.right));
    }
  });
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: w, innerWidth: window.innerWidth,
    offenders: offenders.slice(0, 12)};
})()`

// TestScreenshotsAndLayout opens every page at desktop and tablet widths, saves a full-page
// PNG of each into screenshots/ at the repository root (git-ignored) for people to look at,
// and checks nothing makes the page scroll sideways and every chart is drawn at that width.
func TestScreenshotsAndLayout(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, vp := range []viewport{desktop, tablet} {
		t.Run(vp.name, func(t *testing.T) {
			for _, pc := range pages() {
				t.Run(pc.name, func(t *testing.T) {
					t.Parallel() // each subtest has its own tab
					tb := newTab(t)
					// Set before loading, so charts are drawn at this width from the start.
					tb.setViewport(vp)
					tb.open(pc.path)
					if got := eval[int](tb, `window.innerWidth`); got != int(vp.width) {
						t.Fatalf("window.innerWidth %d, want %d", got, vp.width)
					}
					o := eval[overflow](tb, overflowJS)
					// scrollWidth <= innerWidth is the rule; clientWidth, which leaves out the
					// vertical scrollbar, also catches an overflow narrower than the scrollbar.
					if o.ScrollWidth > o.InnerWidth || o.ScrollWidth > o.ClientWidth {
						t.Errorf("page is %dpx wide in a %dpx window (%dpx inside the scrollbar); sticking out: %q",
							o.ScrollWidth, o.InnerWidth, o.ClientWidth, o.Offenders)
					}
					assertChartsDrawn(t, tb, pc.minCharts)
					png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatalf("screenshot: %v", err)
					}
					file := filepath.Join(dir, pc.name+"-"+vp.name+".png")
					if err := os.WriteFile(file, png, 0o644); err != nil {
						t.Fatal(err)
					}
				})
			}
		})
	}
}
