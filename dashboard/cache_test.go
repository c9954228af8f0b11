package dashboard

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/timbang/timbang/data/accounts"
)

// uncached is a second server on the same store with the response cache off, and the same
// session on it, so its pages are what srv renders fresh for cl.
func uncached(t *testing.T, srv *Server, cl client) client {
	t.Helper()
	fresh, err := New(Config{Analytics: srv.an, Store: srv.store, CacheBytes: -1})
	if err != nil {
		t.Fatal(err)
	}
	trackRendered(t, fresh)
	return client{app: fresh.App(), token: cl.token, csrf: cl.csrf}
}

var cachedPages = []string{"/", "/?cadre=guru", "/units?sort=name&page=2", "/region/36.73", "/agency/36.73-disdik", "/unit/" + disdikUnit}

// TestCachedPageEqualsFresh: the second request of a page is served from the cache and is
// byte for byte what a server without the cache renders for the same session.
func TestCachedPageEqualsFresh(t *testing.T) {
	srv, store := testServer(t)
	cl := logIn(t, srv.App(), store, accounts.RoleAdmin, accounts.Scope{})
	fresh := uncached(t, srv, cl)
	for _, target := range cachedPages {
		first := get(t, cl, target)
		before := srv.CacheStats()
		second := get(t, cl, target)
		after := srv.CacheStats()
		want := get(t, fresh, target)
		if first.status != 200 || want.status != 200 {
			t.Fatalf("%s: status %d, fresh %d", target, first.status, want.status)
		}
		if after.Hits != before.Hits+1 {
			t.Errorf("%s: second request was not a cache hit (%+v, then %+v)", target, before, after)
		}
		if second.body != want.body || first.body != want.body {
			t.Errorf("%s: cached page differs from the fresh one", target)
		}
		if strings.Contains(second.body, csrfPlaceholder) || strings.Contains(second.body, labelPlaceholder) {
			t.Errorf("%s: a placeholder reached the page", target)
		}
		if !strings.Contains(second.body, cl.csrf) {
			t.Errorf("%s: the page lacks the session's CSRF token", target)
		}
	}
	// Exports and administration never go through the cache.
	before := srv.CacheStats()
	get(t, cl, "/export/csv")
	get(t, cl, "/admin/users")
	if after := srv.CacheStats(); after != before {
		t.Errorf("export or admin page touched the cache: %+v, then %+v", before, after)
	}
}

// TestCacheInvalidatedByImport: an applied import bumps the data version, after which no page
// of the older data is served.
func TestCacheInvalidatedByImport(t *testing.T) {
	srv, store := testServer(t)
	cl := logIn(t, srv.App(), store, accounts.RoleAdmin, accounts.Scope{})
	fresh := uncached(t, srv, cl)
	const target = "/units?sort=name"
	before := get(t, cl, target)
	if get(t, cl, target).body != before.body {
		t.Fatal("cached page differs")
	}
	checked := upload(t, cl, "units.csv", "Kode Unit;Nama Unit;Jenis;Kode Instansi;Kode Wilayah\nX1;AAA SD Negeri Impor;sd;36.73-disdik;36.73.05.1001\n")
	m := regexp.MustCompile(`name="token" value="([0-9a-f]+)"`).FindStringSubmatch(checked.body)
	if m == nil {
		t.Fatalf("no apply button: %.2000s", checked.body)
	}
	req := httptest.NewRequest(http.MethodPost, "/import/apply", strings.NewReader("token="+m[1]))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if r := do(t, cl, req); r.status != http.StatusSeeOther {
		t.Fatalf("apply: %d %s", r.status, r.body)
	}
	misses := srv.CacheStats().Misses
	after := get(t, cl, target)
	if srv.CacheStats().Misses != misses+1 {
		t.Error("the first request after the import was served from the cache")
	}
	if !strings.Contains(after.body, "AAA SD Negeri Impor") || strings.Contains(before.body, "AAA SD Negeri Impor") {
		t.Error("the page after the import does not show the imported unit")
	}
	if want := get(t, fresh, target); after.body != want.body {
		t.Error("page after the import differs from the fresh one")
	}
}

// TestCacheNeverSharedAcrossScopes: two users whose scopes differ each get their own page, even
// for the same address, language and role.
func TestCacheNeverSharedAcrossScopes(t *testing.T) {
	srv, store := testServer(t)
	app := srv.App()
	a := logIn(t, app, store, accounts.RoleViewer, accounts.Scope{Regions: []string{"36.73.05"}})
	b := logIn(t, app, store, accounts.RoleViewer, accounts.Scope{Regions: []string{"36.73.01"}})
	a2 := logIn(t, app, store, accounts.RoleViewer, accounts.Scope{Regions: []string{"36.73.05"}})
	for _, target := range []string{"/", "/units"} {
		pa := get(t, a, target)
		misses := srv.CacheStats().Misses
		pb := get(t, b, target)
		if srv.CacheStats().Misses != misses+1 {
			t.Errorf("%s: the other scope's page came from the cache", target)
		}
		if pa.body == pb.body {
			t.Errorf("%s: both scopes got the same page", target)
		}
		if want := get(t, uncached(t, srv, b), target); pb.body != want.body {
			t.Errorf("%s: scope B's page differs from its fresh render", target)
		}
		// The same scope shares the page, with its own token and name.
		pa2 := get(t, a2, target)
		if strings.Contains(pa2.body, a.csrf) || !strings.Contains(pa2.body, a2.csrf) {
			t.Errorf("%s: a shared page carries another session's CSRF token", target)
		}
	}
}
