package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// download is what the browser got for a report link.
type download struct {
	Status      int    `json:"status"`
	Type        string `json:"type"`
	Disposition string `json:"disposition"`
	Bytes       int    `json:"bytes"`
}

// TestExportLinks: every filtered view that offers report downloads gives the browser an XLSX
// and a CSV attachment for its own filters.
func TestExportLinks(t *testing.T) {
	for _, path := range []string{"/?cadre=guru", "/region/36.73.05", "/agency/36.73-dinkes", "/units?type=sd"} {
		t.Run(path, func(t *testing.T) {
			tb := newTab(t)
			tb.open(path)
			for _, format := range []string{"xlsx", "pdf", "csv"} {
				href := eval[string](tb, `document.querySelector('.exports a[href^="/export/`+format+`"]').getAttribute('href')`)
				got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[download](`fetch(`+jsString(href)+`).then(function (r) {
  return r.arrayBuffer().then(function (b) {
    return {status: r.status, type: r.headers.get('content-type') || '', disposition: r.headers.get('content-disposition') || '', bytes: b.byteLength};
  });
})`, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("fetch %s: %v", href, err)
				}
				if got.Status != 200 || !strings.Contains(got.Disposition, "attachment") || !strings.Contains(got.Disposition, "."+format) ||
					got.Bytes < 100 {
					t.Errorf("%s: %+v", href, got)
				}
				if !strings.Contains(got.Type, map[string]string{"xlsx": "spreadsheetml", "pdf": "application/pdf", "csv": "text/csv"}[format]) {
					t.Errorf("%s: content type %q", href, got.Type)
				}
			}
		})
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}
