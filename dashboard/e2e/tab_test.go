package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/timbang/timbang/dashboard"
)

// Viewports the pages are checked at.
type viewport struct {
	name          string
	width, height int64
}

var (
	desktop = viewport{"desktop", 1366, 768}
	tablet  = viewport{"tablet", 768, 1024}
)

// tab is one browser tab in a browser context of its own (its own cookies), with a recorder
// of everything that went wrong in it.
type tab struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string // console errors, exceptions, failed requests, HTTP errors
	requests []string // every URL the tab asked for
	checked  int      // requests[:checked] were checked by assertLocal
}

// newTab opens a tab at the desktop viewport, signed in as the seeded admin. The tab, and every
// action run in it, ends with the test or after testTimeout. At cleanup the test fails if the
// tab saw a console error, an exception or a failed request, or asked anything of a host other
// than 127.0.0.1.
func newTab(t *testing.T) *tab {
	t.Helper()
	tb := newSignedOutTab(t)
	tb.do("sign in", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{
			Name: dashboard.SessionCookie, Value: adminSession, URL: baseURL + "/"})
		return err
	}))
	return tb
}

// newSignedOutTab opens a tab with no session, as newTab otherwise does.
func newSignedOutTab(t *testing.T) *tab {
	t.Helper()
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	ctx, cancel := context.WithTimeout(browserCtx, testTimeout)
	tb := &tab{t: t}
	tctx, cancelTab := chromedp.NewContext(ctx,
		chromedp.WithNewBrowserContext(),
		// Added before the tab's first message, so it sees every event of the tab.
		chromedp.WithListener(tb.record),
	)
	tb.ctx = tctx
	t.Cleanup(func() {
		tb.assertClean()
		tb.assertLocal()
		cancelTab()
		cancel()
	})
	tb.do("open tab", chromedp.EmulateViewport(desktop.width, desktop.height))
	return tb
}

// record runs in the tab's message loop: it must return fast and send no command.
func (tb *tab) record(ev any) {
	var problem, request string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			problem = "console." + string(ev.Type) + ": " + consoleText(ev.Args)
		}
	case *runtime.EventExceptionThrown:
		problem = "uncaught exception: " + exceptionText(ev.ExceptionDetails)
	case *log.EventEntryAdded:
		// The browser's own errors: CSP violations, blocked or failed loads.
		if ev.Entry != nil && ev.Entry.Level == log.EntryLevelError && !isFavicon(ev.Entry.URL) {
			problem = fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			request = ev.Request.URL
		}
	case *network.EventResponseReceived:
		if r := ev.Response; r != nil && r.Status >= http.StatusBadRequest && !isFavicon(r.URL) {
			problem = fmt.Sprintf("HTTP %d for %s", r.Status, r.URL)
		}
	case *network.EventLoadingFailed:
		problem = fmt.Sprintf("request %s (%s) failed: %s", ev.RequestID, ev.Type, ev.ErrorText)
		if ev.BlockedReason != "" {
			problem += " (blocked: " + string(ev.BlockedReason) + ")"
		}
	}
	if problem == "" && request == "" {
		return
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if problem != "" {
		tb.problems = append(tb.problems, problem)
	}
	if request != "" {
		tb.requests = append(tb.requests, request)
	}
}

// isFavicon: Chromium asks for /favicon.ico once per browser, after whichever page happens
// to load first, so a failure there would fail a random test. TestFavicon checks the icon.
func isFavicon(rawURL string) bool {
	u, err := url.Parse(rawURL)
	return err == nil && u.Path == "/favicon.ico"
}

func consoleText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s at %s:%d:%d", s, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// assertClean fails the test for everything that went wrong in the tab so far.
func (tb *tab) assertClean() {
	tb.t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, p := range tb.problems {
		tb.t.Errorf("in the browser: %s", p)
	}
	tb.problems = nil
}

// assertLocal fails the test for every request not yet checked that went to a host other
// than the test server's, and returns how many requests the tab has made.
func (tb *tab) assertLocal() int {
	tb.t.Helper()
	want, err := url.Parse(baseURL)
	if err != nil {
		tb.t.Fatal(err)
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	unchecked := tb.requests[tb.checked:]
	tb.checked = len(tb.requests)
	for _, raw := range unchecked {
		u, err := url.Parse(raw)
		switch {
		case err != nil:
			tb.t.Errorf("request to an unparsable URL %q: %v", raw, err)
		case u.Scheme == "data":
			// Inline data (an image the page builds itself) is not a request to any host.
		case u.Scheme != "http" || u.Hostname() != "127.0.0.1" || u.Host != want.Host:
			tb.t.Errorf("request left the test server %s: %s", want.Host, raw)
		}
	}
	return len(tb.requests)
}

// do runs actions in the tab, failing the test with what on error.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its JSON value into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", firstLine(expr), err)
	}
	return v
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// setViewport sets the size of the page's layout viewport, as a window of that size would.
func (tb *tab) setViewport(v viewport) {
	tb.t.Helper()
	tb.do("set viewport "+v.name, chromedp.EmulateViewport(v.width, v.height))
}

// open loads path, checks the document came back 200 and waits until app.js has drawn (or
// given up on) every chart.
func (tb *tab) open(path string) {
	tb.t.Helper()
	res, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(baseURL+path))
	if err != nil {
		tb.t.Fatalf("open %s: %v", path, err)
	}
	tb.checkResponse(path, res)
	tb.waitReady(path)
}

// navigateBy runs a user action that leads to another page (a click, a select that submits
// its form) and waits for that page, as open does. It fails when nothing navigates.
func (tb *tab) navigateBy(what string, action chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	res, err := chromedp.RunResponse(tb.ctx, action)
	if err != nil {
		tb.t.Fatalf("%s: no page loaded: %v", what, err)
	}
	tb.checkResponse(what, res)
	tb.waitReady(what)
}

func (tb *tab) checkResponse(what string, res *network.Response) {
	tb.t.Helper()
	if res == nil {
		tb.t.Fatalf("%s: no response for the document", what)
	}
	if res.Status != http.StatusOK {
		tb.t.Fatalf("%s: %s answered %d %s", what, res.URL, res.Status, res.StatusText)
	}
}

// readyJS is true once app.js has attempted every chart of the page (see the contract at the
// top of dashboard/static/app.js).
const readyJS = `document.readyState === "complete" && !!window.timbang && window.timbang.ready === true`

func (tb *tab) waitReady(what string) {
	tb.t.Helper()
	tb.waitFor(what, readyJS)
}

// waitFor evaluates expr until it is true. chromedp.Poll cannot be used: it builds its
// predicate with new Function, which the pages' Content-Security-Policy (no 'unsafe-eval')
// refuses, and turning CSP off for the tests would hide real CSP violations.
func (tb *tab) waitFor(what, expr string) {
	tb.t.Helper()
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	var lastErr error
	for {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if err != nil {
			lastErr = err // a page that is still being replaced has no context to evaluate in
		}
		select {
		case <-tb.ctx.Done():
			tb.t.Fatalf("%s: waited for %s until %v (last error: %v)", what, expr, tb.ctx.Err(), lastErr)
		case <-tick.C:
		}
	}
}

// back goes one step back in the tab's history, as the browser's back button does, and waits
// for want (a path and query) to be shown and ready. chromedp.NavigateBack waits for a load
// event, which never comes when the page is restored from the back/forward cache.
func (tb *tab) back(want string) {
	tb.t.Helper()
	history, err := chromedp.Run(tb.ctx, chromedp.NavigationEntries())
	if err != nil {
		tb.t.Fatalf("back: %v", err)
	}
	if history.CurrentIndex < 1 || history.CurrentIndex >= int64(len(history.Entries)) {
		tb.t.Fatalf("back: no page before entry %d of %d", history.CurrentIndex, len(history.Entries))
	}
	prev := history.Entries[history.CurrentIndex-1]
	if _, err := chromedp.Call(tb.ctx, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: prev.ID}); err != nil {
		tb.t.Fatalf("back to %s: %v", prev.URL, err)
	}
	tb.waitFor("back to "+prev.URL, fmt.Sprintf(`location.pathname + location.search === %q && %s`, want, readyJS))
}

// location is the page's path and query, e.g. "/?cadre=guru".
func (tb *tab) location() string {
	tb.t.Helper()
	return eval[string](tb, `location.pathname + location.search`)
}
