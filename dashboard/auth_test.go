package dashboard

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data/accounts"
	"github.com/timbang/timbang/data/datatest"
	"github.com/timbang/timbang/data/plans"
)

// Units of the test demo: one of Dinas Kesehatan Kota Serang, one of Dinas Pendidikan Kota
// Serang.
const (
	dinkesUnit = "P3673010201"
	disdikUnit = "56070001"
)

// TestRoutesByRole is the access table of issue 5: every route, for every role, in and out of
// the role's scope, with the status it must answer. A route the app serves but the table does
// not list fails the test, so a new route cannot ship without a decision.
func TestRoutesByRole(t *testing.T) {
	srv, store := testServer(t)
	app := srv.App()
	users := map[string]tester{
		"anonymous":   app,
		"admin":       logIn(t, app, store, accounts.RoleAdmin, accounts.Scope{}),
		"planner":     logIn(t, app, store, accounts.RolePlanner, accounts.Scope{Regions: []string{"36.73"}}),
		"agency-head": logIn(t, app, store, accounts.RoleAgencyHead, accounts.Scope{Agencies: []string{"36.73-dinkes"}}),
		"viewer":      logIn(t, app, store, accounts.RoleViewer, accounts.Scope{Agencies: []string{"36.73-disdik"}}),
	}
	// Plan 1 is of Kota Serang, in the planner's scope; plan 2 of the whole province, outside it.
	for _, region := range []string{"36.73", "36"} {
		if _, err := plans.New(store).Create(context.Background(), accounts.Actor{Name: "test"}, plans.NewPlan{
			Name: "Guru " + region, Region: region, Cadres: []string{"guru"}}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	const login = 302
	// Columns: anonymous, admin, planner (Kota Serang), agency head (Dinas Kesehatan Kota
	// Serang), viewer (Dinas Pendidikan Kota Serang).
	type row struct {
		method, route, target string
		want                  [5]int
	}
	rows := []row{
		{"GET", "/healthz", "/healthz", [5]int{200, 200, 200, 200, 200}},
		{"GET", "/static/*", srv.assets.URL("app.css"), [5]int{200, 200, 200, 200, 200}},
		{"GET", "/lang/:lang", "/lang/en?next=/", [5]int{303, 303, 303, 303, 303}},
		{"GET", "/login", "/login", [5]int{200, 200, 200, 200, 200}},
		{"POST", "/login", "/login", [5]int{403, 403, 403, 403, 403}}, // no login-form token
		{"GET", "/", "/", [5]int{login, 200, 200, 200, 200}},
		{"GET", "/units", "/units", [5]int{login, 200, 200, 200, 200}},
		{"GET", "/units", "/units?agency=36.73-dinkes", [5]int{login, 200, 200, 200, 400}}, // not in the viewer's menu
		{"GET", "/region/:code", "/region/36.73.05", [5]int{login, 200, 200, 403, 403}},
		{"GET", "/region/:code", "/region/36", [5]int{login, 200, 403, 403, 403}},
		{"GET", "/agency/:code", "/agency/36.73-dinkes", [5]int{login, 200, 200, 200, 403}},
		{"GET", "/agency/:code", "/agency/36-disdik", [5]int{login, 200, 403, 403, 403}},
		{"GET", "/unit/:code", "/unit/" + dinkesUnit, [5]int{login, 200, 200, 200, 403}},
		{"GET", "/unit/:code", "/unit/" + disdikUnit, [5]int{login, 200, 200, 403, 200}},
		{"GET", "/export/:format", "/export/xlsx?region=36.73.05", [5]int{login, 200, 200, 400, 403}}, // not in the agency head's menu
		{"GET", "/export/:format", "/export/csv?agency=36.73-dinkes", [5]int{login, 200, 200, 200, 403}},
		{"GET", "/export/:format", "/export/pdf?agency=36.73-dinkes", [5]int{login, 200, 200, 200, 403}},
		{"GET", "/export/:format", "/export/csv?agency=36.73-disdik", [5]int{login, 200, 200, 400, 403}},
		{"GET", "/import", "/import", [5]int{login, 200, 200, 403, 403}},
		{"POST", "/import", "/import", [5]int{login, 400, 400, 403, 403}}, // no file
		{"POST", "/import/apply", "/import/apply", [5]int{login, 400, 400, 403, 403}},
		{"GET", "/import/template/:kind.:format", "/import/template/staff.csv", [5]int{login, 200, 200, 403, 403}},
		{"GET", "/plans", "/plans", [5]int{login, 200, 200, 403, 403}},
		{"POST", "/plans", "/plans", [5]int{login, 400, 400, 403, 403}}, // empty form
		{"POST", "/plans/:id/rerun", "/plans/1/rerun", [5]int{login, 303, 303, 403, 403}},
		{"POST", "/plans/:id/rerun", "/plans/2/rerun", [5]int{login, 303, 403, 403, 403}}, // the province
		{"GET", "/plans/:id", "/plans/1", [5]int{login, 200, 200, 403, 403}},
		{"GET", "/plans/:id", "/plans/9", [5]int{login, 404, 404, 403, 403}},
		{"GET", "/plans/:id/export/:format", "/plans/1/export/xlsx", [5]int{login, 200, 200, 403, 403}},
		{"GET", "/plans/:id/export/:format", "/plans/2/export/pdf", [5]int{login, 200, 403, 403, 403}},
		{"POST", "/plans/:id/choices", "/plans/1/choices", [5]int{login, 400, 400, 403, 403}}, // empty form
		{"POST", "/plans/:id/choices/:choice/undo", "/plans/1/choices/9/undo", [5]int{login, 404, 404, 403, 403}},
		{"POST", "/plans/:id/approve", "/plans/1/approve", [5]int{login, 303, 409, 403, 403}}, // approved once
		{"GET", "/admin/users", "/admin/users", [5]int{login, 200, 403, 403, 403}},
		{"POST", "/admin/users", "/admin/users", [5]int{login, 400, 403, 403, 403}}, // admin: empty form
		{"POST", "/admin/users/:name/disable", "/admin/users/nobody/disable", [5]int{login, 400, 403, 403, 403}},
		{"POST", "/admin/users/:name/password", "/admin/users/nobody/password", [5]int{login, 400, 403, 403, 403}},
		{"GET", "/admin/audit", "/admin/audit", [5]int{login, 200, 403, 403, 403}},
		{"POST", "/logout", "/logout", [5]int{login, 303, 303, 303, 303}}, // last: it ends the sessions
	}
	decided := map[string]bool{}
	for _, r := range rows {
		decided[r.method+" "+r.route] = true
	}
	for _, route := range app.GetRoutes(true) {
		if route.Method == "HEAD" || route.Path == "/" && route.Method != "GET" {
			continue
		}
		if !decided[route.Method+" "+route.Path] {
			t.Errorf("route %s %s has no row in the access table", route.Method, route.Path)
		}
	}
	for _, r := range rows {
		for i, who := range []string{"anonymous", "admin", "planner", "agency-head", "viewer"} {
			req := httptest.NewRequest(r.method, r.target, http.NoBody)
			if r.method == "POST" {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			res := do(t, users[who], req)
			if res.status != r.want[i] {
				t.Errorf("%s %s as %s: %d, want %d", r.method, r.target, who, res.status, r.want[i])
			}
			if res.status == login && !strings.HasPrefix(res.header.Get("Location"), "/login?next=") {
				t.Errorf("%s %s as %s: redirected to %q", r.method, r.target, who, res.header.Get("Location"))
			}
		}
	}
}

// TestStateChangesNeedTheCSRFToken: every route that changes something refuses an admin's
// request that lacks the session's CSRF token, before it does anything.
func TestStateChangesNeedTheCSRFToken(t *testing.T) {
	srv, store := testServer(t)
	app := srv.App()
	admin := logIn(t, app, store, accounts.RoleAdmin, accounts.Scope{})
	admin.noCSRF = true
	for _, route := range app.GetRoutes(true) {
		if route.Method != "POST" || route.Path == "/login" {
			continue // the login form has its own token (TestLoginLogoutAndSessions)
		}
		target := strings.ReplaceAll(route.Path, ":name", "admin")
		req := httptest.NewRequest("POST", target, strings.NewReader("password=a+long+enough+password"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if r := do(t, admin, req); r.status != 403 {
			t.Errorf("POST %s without the CSRF token: %d, want 403", target, r.status)
		}
	}
	entries, err := accounts.NewAudit(store).List(context.Background(), accounts.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Action != accounts.ActionUserAdd { // logIn's own user
			t.Errorf("a refused request was recorded as done: %+v", e)
		}
	}
}

// TestScopedPagesShowOnlyTheScope: the agency head's overview counts only their units, and the
// JSON chart data of the page names no other agency.
func TestScopedPagesShowOnlyTheScope(t *testing.T) {
	srv, store := testServer(t)
	head := logIn(t, srv.App(), store, accounts.RoleAgencyHead, accounts.Scope{Agencies: []string{"36.73-dinkes"}})
	page := get(t, head, "/")
	if page.status != 200 {
		t.Fatalf("overview: %d", page.status)
	}
	for _, other := range []string{"Dinas Pendidikan", "36.73-disdik", disdikUnit} {
		if strings.Contains(page.body, other) {
			t.Errorf("the agency head's overview mentions %q", other)
		}
	}
	units := get(t, head, "/units")
	if strings.Contains(units.body, "/unit/"+disdikUnit) || !strings.Contains(units.body, "/unit/P") {
		t.Error("the agency head's unit list is not their agency's")
	}
}

// loginForm fetches the login page and returns its form token and cookie.
func loginForm(t *testing.T, app tester) (csrf string, cookie *http.Cookie) {
	t.Helper()
	res, err := app.Test(httptest.NewRequest("GET", "/login", http.NoBody), 30_000)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	if cerr := res.Body.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Cookies() {
		if c.Name == loginCookie {
			cookie = c
		}
	}
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(body)
	if m == nil || cookie == nil {
		t.Fatal("login page without a form token")
	}
	return string(m[1]), cookie
}

func postLogin(t *testing.T, app tester, csrf string, cookies []*http.Cookie, username, password, next string) response {
	t.Helper()
	form := url.Values{"csrf": {csrf}, "username": {username}, "password": {password}, "next": {next}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	return do(t, app, req)
}

func sessionOf(r response) string {
	for _, line := range r.header.Values("Set-Cookie") {
		if strings.HasPrefix(line, SessionCookie+"=") {
			v := strings.TrimPrefix(strings.SplitN(line, ";", 2)[0], SessionCookie+"=")
			return v
		}
	}
	return ""
}

// TestLoginLogoutAndSessions: the login form needs its token and the right password; a login
// gives a new session token whatever cookie the browser had (no fixation); the session ends at
// logout, after 30 idle minutes and after 12 hours; logout needs the CSRF token.
func TestLoginLogoutAndSessions(t *testing.T) {
	store := datatest.DemoStore(t)
	an := analytics.New(store)
	if err := an.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	srv, err := New(Config{Analytics: an, Store: store, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	trackRendered(t, srv)
	app := srv.App()
	if _, err := accounts.NewUsers(store).Add(context.Background(), accounts.Actor{Name: "test"}, accounts.NewUser{
		Username: "kadis", Role: accounts.RoleAgencyHead, Scope: accounts.Scope{Agencies: []string{"36.73-dinkes"}},
		Password: "correct horse battery staple"}, clock()); err != nil {
		t.Fatal(err)
	}
	csrf, formCookie := loginForm(t, app)
	planted := &http.Cookie{Name: SessionCookie, Value: "attacker-chosen-token"}

	if r := postLogin(t, app, "forged", []*http.Cookie{formCookie}, "kadis", "correct horse battery staple", "/"); r.status != 403 {
		t.Errorf("login with a forged form token: %d", r.status)
	}
	if r := postLogin(t, app, csrf, []*http.Cookie{formCookie}, "kadis", "wrong password here", "/"); r.status != 401 ||
		!strings.Contains(r.body, "salah") {
		t.Errorf("wrong password: %d", r.status)
	}
	r := postLogin(t, app, csrf, []*http.Cookie{formCookie, planted}, "kadis", "correct horse battery staple", "/units?cadre=dokter")
	token := sessionOf(r)
	if r.status != 303 || r.header.Get("Location") != "/units?cadre=dokter" || token == "" || token == planted.Value {
		t.Fatalf("login: %d to %q, session %q", r.status, r.header.Get("Location"), token)
	}
	if !strings.Contains(strings.Join(r.header.Values("Set-Cookie"), "\n"), "HttpOnly") {
		t.Error("session cookie is not HttpOnly")
	}
	browse := func(target string) response {
		req := httptest.NewRequest("GET", target, http.NoBody)
		req.AddCookie(&http.Cookie{Name: SessionCookie, Value: token})
		return do(t, app, req)
	}
	if r := browse("/"); r.status != 200 {
		t.Fatalf("after login: %d", r.status)
	}
	// A planted cookie alone is nobody.
	req := httptest.NewRequest("GET", "/", http.NoBody)
	req.AddCookie(planted)
	if r := do(t, app, req); r.status != 302 {
		t.Errorf("planted session: %d", r.status)
	}
	// Idle expiry: 29 minutes keep the session, 31 more end it.
	advance(29 * time.Minute)
	if r := browse("/"); r.status != 200 {
		t.Errorf("after 29 idle minutes: %d", r.status)
	}
	advance(31 * time.Minute)
	if r := browse("/"); r.status != 302 {
		t.Errorf("after 31 idle minutes: %d", r.status)
	}

	// A fresh login; logout needs the session's CSRF token.
	csrf, formCookie = loginForm(t, app)
	token = sessionOf(postLogin(t, app, csrf, []*http.Cookie{formCookie}, "kadis", "correct horse battery staple", "/"))
	sess, err := accounts.NewSessions(store).Lookup(context.Background(), token, clock())
	if err != nil {
		t.Fatal(err)
	}
	logout := func(withToken bool) int {
		form := url.Values{}
		if withToken {
			form.Set(csrfField, sess.CSRFToken)
		}
		req := httptest.NewRequest("POST", "/logout", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: SessionCookie, Value: token})
		return do(t, app, req).status
	}
	if got := logout(false); got != 403 {
		t.Errorf("logout without CSRF token: %d", got)
	}
	if got := logout(true); got != 303 {
		t.Errorf("logout: %d", got)
	}
	if r := browse("/"); r.status != 302 {
		t.Errorf("after logout: %d", r.status)
	}
	entries, err := accounts.NewAudit(store).List(context.Background(), accounts.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, e := range entries {
		actions[e.Action]++
	}
	if actions[accounts.ActionLogin] != 2 || actions[accounts.ActionLoginFailed] != 1 || actions[accounts.ActionLogout] != 1 {
		t.Errorf("audit actions %v", actions)
	}
}

// TestLoginRateLimit: one address gets a limited number of tries a minute.
func TestLoginRateLimit(t *testing.T) {
	srv, _ := testServer(t)
	app := srv.App()
	csrf, cookie := loginForm(t, app)
	var last response
	for i := 0; i < accounts.LoginBurst+1; i++ {
		last = postLogin(t, app, csrf, []*http.Cookie{cookie}, "nobody", "wrong password here", "/")
	}
	if last.status != fiber.StatusTooManyRequests || last.header.Get("Retry-After") == "" {
		t.Errorf("attempt %d: %d", accounts.LoginBurst+1, last.status)
	}
}

// TestAdminPages: an admin adds, re-passwords and disables a user on the page, and the audit
// log shows it.
func TestAdminPages(t *testing.T) {
	srv, store := testServer(t)
	admin := logIn(t, srv.App(), store, accounts.RoleAdmin, accounts.Scope{})
	post := func(target string, form url.Values) response {
		req := httptest.NewRequest("POST", target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return do(t, admin, req)
	}
	r := post("/admin/users", url.Values{"username": {"perencana"}, "role": {"planner"}, "regions": {"36.73"},
		"password": {"a long enough password"}})
	if r.status != 303 {
		t.Fatalf("add user: %d %s", r.status, r.body)
	}
	if r := post("/admin/users", url.Values{"username": {"x"}, "role": {"planner"}, "password": {"short"}}); r.status != 400 {
		t.Errorf("bad user form: %d", r.status)
	}
	if r := post("/admin/users/perencana/password", url.Values{"password": {"another long password"}}); r.status != 303 {
		t.Errorf("set password: %d", r.status)
	}
	// The planner browses, so the server holds the session in memory; disabling must still
	// refuse the next request at once.
	planner, err := accounts.NewUsers(store).Get(context.Background(), "perencana")
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := accounts.NewSessions(store).Create(context.Background(), planner, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	browse := func() int {
		req := httptest.NewRequest("GET", "/", http.NoBody)
		req.AddCookie(&http.Cookie{Name: SessionCookie, Value: token})
		return do(t, srv.App(), req).status
	}
	if got := browse(); got != 200 {
		t.Fatalf("planner before disable: %d", got)
	}
	if r := post("/admin/users/perencana/disable", url.Values{}); r.status != 303 {
		t.Errorf("disable: %d", r.status)
	}
	if got := browse(); got != 302 {
		t.Errorf("planner after disable: %d, want a redirect to the login page", got)
	}
	list := get(t, admin, "/admin/users?done=1")
	if !strings.Contains(list.body, "perencana") || !strings.Contains(list.body, "region:36.73") || !strings.Contains(list.body, "nonaktif") {
		t.Errorf("users page: %.300s", list.body)
	}
	audit := get(t, admin, "/admin/audit")
	for _, action := range []string{"user_add", "user_password", "user_disable"} {
		if !strings.Contains(audit.body, action) {
			t.Errorf("audit page lacks %s", action)
		}
	}
}

// TestExportDownloads: the export links carry the view's filters, and the XLSX behind them
// holds every unit the page's list counts; the download is in the audit log.
func TestExportDownloads(t *testing.T) {
	srv, store := testServer(t)
	planner := logIn(t, srv.App(), store, accounts.RolePlanner, accounts.Scope{Regions: []string{"36.73"}})
	page := get(t, planner, "/region/36.73.05?cadre=guru")
	m := regexp.MustCompile(`href="(/export/xlsx\?[^"]+)"`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatal("no XLSX link on the region page")
	}
	link := strings.ReplaceAll(m[1], "&amp;", "&")
	if !strings.Contains(link, "region=36.73.05") || !strings.Contains(link, "cadre=guru") {
		t.Errorf("export link %s lacks the view's filters", link)
	}
	res, err := planner.Test(httptest.NewRequest("GET", link, http.NoBody), 30_000)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("%s: %d %q", link, res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	wb, err := excelize.OpenReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = wb.Close() }()
	units, _ := wb.GetRows("Unit")
	nodata, _ := wb.GetRows("Tanpa data")
	list := get(t, planner, "/units?region=36.73.05&cadre=guru")
	total := regexp.MustCompile(`dari (\d+)`).FindStringSubmatch(list.body)
	if len(total) < 2 || fmt.Sprint(len(units)-1+len(nodata)-1) != total[1] {
		t.Errorf("workbook holds %d+%d units, the list %v", len(units)-1, len(nodata)-1, total)
	}
	entries, err := accounts.NewAudit(store).List(context.Background(), accounts.Filter{Action: accounts.ActionExport})
	if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, "region=36.73.05") {
		t.Errorf("audit %+v %v", entries, err)
	}
}
