package dashboard

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
	"github.com/timbang/timbang/data/datatest"
)

// rendered collects the templates every test rendered, for TestMain's coverage check.
var (
	renderedMu sync.Mutex
	rendered   = map[string]int{}
)

// TestMain fails the run when a page template was never rendered by any test, so a new page
// cannot ship untested. A benchmark run (make bench runs no tests) is not held to it.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && !testing.Short() && flag.Lookup("test.bench").Value.String() == "" {
		for _, name := range PageNames() {
			if rendered[name] == 0 {
				println("template", name, "was not rendered by any test")
				code = 1
			}
		}
	}
	os.Exit(code)
}

// testApp serves the test demo (a slice of Kota Serang) from a fresh in-memory database to an
// admin who is logged in.
func testApp(t *testing.T) tester {
	t.Helper()
	srv, store := testServer(t)
	return logIn(t, srv.App(), store, accounts.RoleAdmin, accounts.Scope{})
}

// tester is what sends test requests: a Fiber app, or a client logged in to one.
type tester interface {
	Test(req *http.Request, msTimeout ...int) (*http.Response, error)
}

// client is a logged-in browser: its requests carry the session cookie, and those that change
// something carry the session's CSRF token.
type client struct {
	app         *fiber.App
	token, csrf string
	noCSRF      bool // send state-changing requests without the token
}

func (cl client) Test(req *http.Request, msTimeout ...int) (*http.Response, error) {
	req.AddCookie(&http.Cookie{Name: SessionCookie, Value: cl.token})
	if req.Method != http.MethodGet && !cl.noCSRF {
		req.Header.Set("X-CSRF-Token", cl.csrf)
	}
	return cl.app.Test(req, msTimeout...)
}

// logIn makes a user with role and scope and a session for them, as a login would.
func logIn(t *testing.T, app *fiber.App, store *data.Store, role accounts.Role, scope accounts.Scope) client {
	t.Helper()
	ctx := context.Background()
	name := strings.ReplaceAll(string(role), "-", "") + fmt.Sprint(userSeq.Add(1))
	u, err := accounts.NewUsers(store).Add(ctx, accounts.Actor{Name: "test"}, accounts.NewUser{
		Username: name, Role: role, Scope: scope, Password: "correct horse battery staple"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	token, sess, err := accounts.NewSessions(store).Create(ctx, u, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return client{app: app, token: token, csrf: sess.CSRFToken}
}

var userSeq atomic.Int64

// testServer is a server on the refreshed test demo, and the store behind it.
func testServer(t *testing.T) (*Server, *data.Store) {
	t.Helper()
	store := datatest.DemoStore(t)
	an := analytics.New(store)
	if err := an.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Analytics: an, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	trackRendered(t, srv)
	return srv, store
}

// trackRendered adds what srv rendered to the package's coverage count when the test ends.
func trackRendered(t *testing.T, srv *Server) {
	t.Cleanup(func() {
		renderedMu.Lock()
		defer renderedMu.Unlock()
		for k, v := range srv.Rendered() {
			rendered[k] += v
		}
	})
}

type response struct {
	status int
	header http.Header
	body   string
}

func get(t *testing.T, app tester, target string, headers ...string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, http.NoBody)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := app.Test(req, 30_000)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	b, err := io.ReadAll(res.Body)
	if cerr := res.Body.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

// firstUnit finds a unit code on the units page.
func firstUnit(t *testing.T, app tester, query string) string {
	t.Helper()
	m := regexp.MustCompile(`href="/unit/([^"?]+)"`).FindStringSubmatch(get(t, app, "/units?"+query).body)
	if m == nil {
		t.Fatalf("no unit link on /units?%s", query)
	}
	return m[1]
}

func TestPages(t *testing.T) {
	app := testApp(t)
	unit := firstUnit(t, app, "region=36.73.05&cadre=guru")
	tests := []struct {
		name, target string
		lang         string
		status       int
		want         []string
	}{
		{"overview", "/", "id", 200, []string{"Ringkasan keseimbangan beban kerja", "Kekurangan berat", "chart-agencies", "chart-trend", "Unit paling kekurangan"}},
		{"overview in English", "/", "en", 200, []string{"Workload balance overview", "Severe shortage", "Most understaffed units"}},
		{"overview filtered", "/?cadre=guru&type=sd&status=shortage", "id", 200, []string{"Saringan status hanya", `value="guru" selected`}},
		{"older period", "/?period=2024-11", "id", 200, []string{"November 2024"}},
		{"units", "/units?region=36.73.05&sort=shortage&cadre=guru", "id", 200, []string{"Daftar unit", "SD Negeri", `aria-current="true">Kekurangan terbesar`}},
		{"units page 2", "/units?page=2", "en", 200, []string{"Unit list", `rel="prev"`}},
		{"province", "/region/36", "id", 200, []string{"Banten", "Wilayah di bawahnya", "Kota Serang"}},
		{"city", "/region/36.73", "id", 200, []string{"Kota Serang", "Cipocok Jaya", "Instansi di wilayah ini"}},
		{"district", "/region/36.73.05", "en", 200, []string{"Cipocok Jaya", "Agencies in this region", "chart-units"}},
		{"agency", "/agency/36.73-disdik", "id", 200, []string{"Dinas Pendidikan Kota Serang", "Wilayah kerja instansi ini", "chart-cadres"}},
		{"agency inside a region", "/agency/36.73-disdik?region=36.73.05", "id", 200, []string{"Dinas Pendidikan Kota Serang", "Cipocok Jaya"}},
		{"unit", "/unit/" + unit, "id", 200, []string{"Perhitungan langkah demi langkah", "Kebutuhan = beban ÷ norma", "NIP"}},
		{"unit in English", "/unit/" + unit + "?period=2025-01", "en", 200, []string{"The calculation, step by step", "January 2025"}},
		{"unknown unit", "/unit/NOPE", "id", 404, []string{"tidak ada"}},
		{"unknown region", "/region/99.99", "id", 404, nil},
		{"unknown agency", "/agency/nope", "en", 404, []string{"does not exist"}},
		{"unknown page", "/nowhere", "id", 404, nil},
		{"unknown cadre", "/?cadre=astronaut", "id", 400, []string{`unknown cadre &#34;astronaut&#34;`}},
		{"bad period", "/units?period=2031-13", "en", 400, []string{"YYYY-MM"}},
		{"bad page", "/units?page=0", "id", 400, nil},
		{"bad sort", "/units?sort=random", "id", 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, app, tt.target, "Cookie", "lang="+tt.lang)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d; body: %.300s", r.status, tt.status, r.body)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			if !strings.Contains(r.body, `<html lang="`+tt.lang+`">`) {
				t.Errorf("page not in language %s", tt.lang)
			}
			assertOffline(t, r.body)
		})
	}
}

// assertOffline: nothing on a page may load from outside this server.
func assertOffline(t *testing.T, body string) {
	t.Helper()
	if m := regexp.MustCompile(`(?i)(src|href|action)="(https?:)?//[^"]*"`).FindString(body); m != "" {
		t.Errorf("page refers outside this server: %s", m)
	}
}

// TestCharts parses every chart's JSON block: each must hold series with data, and every
// drill-down link must open a page.
func TestCharts(t *testing.T) {
	app := testApp(t)
	unit := firstUnit(t, app, "")
	block := regexp.MustCompile(`(?s)<script type="application/json" id="([^"]+)">(.*?)</script>`)
	for _, page := range []string{"/", "/region/36.73", "/agency/36.73-dinkes", "/unit/" + unit} {
		body := get(t, app, page).body
		blocks := block.FindAllStringSubmatch(body, -1)
		if len(blocks) < 1 || (page != "/unit/"+unit && len(blocks) < 4) {
			t.Fatalf("%s: %d charts", page, len(blocks))
		}
		checked := 0
		for _, b := range blocks {
			var payload struct {
				Option struct {
					Series []struct {
						Type string            `json:"type"`
						Data []json.RawMessage `json:"data"`
					} `json:"series"`
				} `json:"option"`
				Links json.RawMessage `json:"links"`
			}
			if err := json.Unmarshal([]byte(b[2]), &payload); err != nil {
				t.Fatalf("%s %s: %v", page, b[1], err)
			}
			if len(payload.Option.Series) == 0 || len(payload.Option.Series[0].Data) == 0 {
				t.Errorf("%s %s: no series data", page, b[1])
			}
			if !strings.Contains(body, `data-chart="`+b[1]+`"`) {
				t.Errorf("%s: data block %s has no chart container", page, b[1])
			}
			var links []string
			var byIndex map[string][]string
			if json.Unmarshal(payload.Links, &links) != nil && json.Unmarshal(payload.Links, &byIndex) == nil {
				for _, l := range byIndex {
					links = append(links, l...)
				}
			}
			for _, l := range links[:min(3, len(links))] {
				if r := get(t, app, l); r.status != 200 {
					t.Errorf("%s %s: link %s gives %d", page, b[1], l, r.status)
				}
				checked++
			}
		}
		if page != "/unit/"+unit && checked == 0 {
			t.Errorf("%s: no chart drills down anywhere", page)
		}
	}
}

func TestErrorsAsJSON(t *testing.T) {
	app := testApp(t)
	r := get(t, app, "/unit/NOPE", "Accept", "application/json")
	if r.status != 404 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d type %s", r.status, r.header.Get("Content-Type"))
	}
	var body struct {
		Error  string `json:"error"`
		Status int    `json:"status"`
	}
	if err := json.Unmarshal([]byte(r.body), &body); err != nil || body.Status != 404 || body.Error == "" {
		t.Errorf("body %s (%v)", r.body, err)
	}
}

func TestHealthzLanguageAndHeaders(t *testing.T) {
	app := testApp(t)
	if r := get(t, app, "/healthz"); r.status != 200 || r.body != "ok" {
		t.Errorf("healthz: %d %q", r.status, r.body)
	}
	r := get(t, app, "/lang/en?next=/region/36.73%3Fcadre%3Dguru")
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/region/36.73?cadre=guru" {
		t.Errorf("language switch: %d to %q", r.status, r.header.Get("Location"))
	}
	if c := r.header.Get("Set-Cookie"); !strings.Contains(c, "lang=en") || !strings.Contains(strings.ToLower(c), "httponly") {
		t.Errorf("language cookie %q", c)
	}
	for _, next := range []string{"https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""} {
		if r := get(t, app, "/lang/id?next="+next); r.header.Get("Location") != "/" {
			t.Errorf("next=%q redirects to %q, want /", next, r.header.Get("Location"))
		}
	}
	page := get(t, app, "/")
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if page.header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	if !strings.Contains(page.header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Errorf("CSP %q allows more than this server's scripts", page.header.Get("Content-Security-Policy"))
	}
	// The page's hashed asset URLs are served with a year of caching.
	for _, m := range regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`).FindAllStringSubmatch(page.body, -1) {
		a := get(t, app, m[1])
		if a.status != 200 || !strings.Contains(a.header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d %q", m[1], a.status, a.header.Get("Cache-Control"))
		}
	}
}

func TestEmptyDatabaseSaysSo(t *testing.T) {
	store := datatest.Store(t)
	srv, err := New(Config{Analytics: analytics.New(store), Store: store})
	if err != nil {
		t.Fatal(err)
	}
	trackRendered(t, srv)
	r := get(t, logIn(t, srv.App(), store, accounts.RoleAdmin, accounts.Scope{}), "/")
	if r.status != 200 || !strings.Contains(r.body, "timbang demo") {
		t.Errorf("empty database: %d %.200s", r.status, r.body)
	}
}
