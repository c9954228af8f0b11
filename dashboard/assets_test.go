package dashboard

import (
	"bytes"
	"compress/gzip"
	"errors"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gofiber/fiber/v2"
)

// testStaticFS is a small static/ tree with every required asset.
func testStaticFS() fstest.MapFS {
	return fstest.MapFS{
		"static/app.js":                {Data: []byte("document.title = 'timbang';\n")},
		"static/app.css":               {Data: []byte("body { margin: 0 }\n")},
		"static/vendor/echarts.min.js": {Data: []byte(strings.Repeat("/* echarts */\n", 200))},
		"static/vendor/LICENSE":        {Data: []byte("Apache License 2.0\n")},
		"static/vendor/NOTICE":         {Data: []byte("Apache ECharts\n")},
		"static/vendor/README.md":      {Data: []byte("# Vendored browser libraries\n")},
		"static/img/logo.svg":          {Data: []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")},
	}
}

func newTestAssets(t *testing.T, fsys fstest.MapFS) (*Assets, *fiber.App) {
	t.Helper()
	a, err := NewAssets(fsys)
	if err != nil {
		t.Fatalf("NewAssets: %v", err)
	}
	return a, assetApp(a)
}

func TestAssetsURL(t *testing.T) {
	a, _ := newTestAssets(t, testStaticFS())
	tests := []struct {
		name string
		want string
	}{
		{"app.js", `^/static/app\.[0-9a-f]{10}\.js$`},
		{"app.css", `^/static/app\.[0-9a-f]{10}\.css$`},
		{"vendor/echarts.min.js", `^/static/vendor/echarts\.min\.[0-9a-f]{10}\.js$`},
		{"vendor/LICENSE", `^/static/vendor/LICENSE\.[0-9a-f]{10}$`},
		{"img/logo.svg", `^/static/img/logo\.[0-9a-f]{10}\.svg$`},
	}
	for _, tt := range tests {
		if got := a.URL(tt.name); !regexp.MustCompile(tt.want).MatchString(got) {
			t.Errorf("URL(%q) = %q, want match for %s", tt.name, got, tt.want)
		}
	}
}

func TestAssetsURLChangesWithContent(t *testing.T) {
	fsys := testStaticFS()
	before, _ := newTestAssets(t, fsys)
	fsys["static/app.js"] = &fstest.MapFile{Data: []byte("document.title = 'timbang v2';\n")}
	after, _ := newTestAssets(t, fsys)
	if before.URL("app.js") == after.URL("app.js") {
		t.Errorf("app.js URL %s did not change when its content did", before.URL("app.js"))
	}
	if before.URL("app.css") != after.URL("app.css") {
		t.Errorf("app.css URL changed from %s to %s though its content did not", before.URL("app.css"), after.URL("app.css"))
	}
}

func TestAssetsURLUnknownPanics(t *testing.T) {
	a, _ := newTestAssets(t, testStaticFS())
	defer func() {
		msg, _ := recover().(string)
		if !strings.Contains(msg, `"app.jss"`) {
			t.Errorf("URL of an unknown asset: recovered %q, want a panic naming it", msg)
		}
	}()
	a.URL("app.jss")
}

// Templates reach URL through their func map; a mistyped name must fail the render (and so the
// template tests), not produce a link that 404s.
func TestAssetsURLInTemplate(t *testing.T) {
	a, _ := newTestAssets(t, testStaticFS())
	funcs := template.FuncMap{"asset": a.URL}
	var out strings.Builder

	good := template.Must(template.New("good").Funcs(funcs).Parse(`<script src="{{asset "app.js"}}" defer></script>`))
	if err := good.Execute(&out, nil); err != nil {
		t.Fatalf("known asset: %v", err)
	}
	if want := `<script src="` + a.URL("app.js") + `" defer></script>`; out.String() != want {
		t.Errorf("rendered %s, want %s", out.String(), want)
	}

	bad := template.Must(template.New("bad").Funcs(funcs).Parse(`<link rel="stylesheet" href="{{asset "app.cs"}}">`))
	if err := bad.Execute(&out, nil); err == nil || !strings.Contains(err.Error(), `"app.cs"`) {
		t.Errorf("unknown asset: err = %v, want an error naming it", err)
	}
}

func TestAssetsReadmeNotServed(t *testing.T) {
	a, _ := newTestAssets(t, testStaticFS())
	if _, ok := a.byName["vendor/README.md"]; ok {
		t.Error("vendor/README.md is served as an asset")
	}
}

func TestNewAssetsMissingVendor(t *testing.T) {
	fsys := testStaticFS()
	delete(fsys, "static/vendor/echarts.min.js")
	delete(fsys, "static/vendor/NOTICE")
	_, err := NewAssets(fsys)
	if !errors.Is(err, ErrAssetsMissing) {
		t.Fatalf("NewAssets without ECharts: err = %v, want ErrAssetsMissing", err)
	}
	for _, want := range []string{"static/vendor/echarts.min.js", "static/vendor/NOTICE", "make assets"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestAssetsMissing(t *testing.T) {
	a := &Assets{byName: map[string]*asset{"app.js": {}, "vendor/LICENSE": {}}}
	got := strings.Join(a.Missing(), " ")
	if want := "app.css vendor/NOTICE vendor/echarts.min.js"; got != want {
		t.Errorf("Missing() = %q, want %q", got, want)
	}
}

func TestAssetsHandler(t *testing.T) {
	a, app := newTestAssets(t, testStaticFS())
	tests := []struct {
		name        string
		contentType string
		body        string
	}{
		{"app.js", "text/javascript; charset=utf-8", "document.title = 'timbang';\n"},
		{"app.css", "text/css; charset=utf-8", "body { margin: 0 }\n"},
		{"vendor/echarts.min.js", "text/javascript; charset=utf-8", strings.Repeat("/* echarts */\n", 200)},
		{"vendor/NOTICE", "text/plain; charset=utf-8", "Apache ECharts\n"},
		{"img/logo.svg", "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := doAssetRequest(t, app, httptest.NewRequest(http.MethodGet, a.URL(tt.name), http.NoBody))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", resp.StatusCode)
			}
			for header, want := range map[string]string{
				"Content-Type":           tt.contentType,
				"Cache-Control":          "public, max-age=31536000, immutable",
				"X-Content-Type-Options": "nosniff",
				"Content-Encoding":       "",
			} {
				if got := resp.Header.Get(header); got != want {
					t.Errorf("%s: %q, want %q", header, got, want)
				}
			}
			if etag := resp.Header.Get("ETag"); !regexp.MustCompile(`^"[0-9a-f]{64}"$`).MatchString(etag) {
				t.Errorf("ETag %q, want a quoted sha256", etag)
			}
			if body := readAssetBody(t, resp.Body); string(body) != tt.body {
				t.Errorf("body %q, want %q", body, tt.body)
			}
		})
	}
}

func TestAssetsHandlerNotFound(t *testing.T) {
	a, app := newTestAssets(t, testStaticFS())
	current := a.URL("app.js")
	for _, path := range []string{
		"/static/app.js",                 // unhashed
		"/static/app.0123456789.js",      // stale hash
		"/static/nope.0123456789.js",     // unknown file
		"/static/vendor/README.md",       // documentation, not an asset
		strings.ToUpper(current),         // hashes are lower-case hex
		current + "x",                    // trailing junk
		"/static/../assets.go",           // traversal
		"/static/",                       // directory
		"/static/vendor/echarts.min.js",  // unhashed vendor file
		"/static/vendor/LICENSE",         // unhashed license
		"/static/app." + "zzzzzzzzzz.js", // not hex
	} {
		resp := doAssetRequest(t, app, httptest.NewRequest(http.MethodGet, path, http.NoBody))
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, resp.StatusCode)
		}
		if cc := resp.Header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
			t.Errorf("GET %s: 404 sent Cache-Control %q", path, cc)
		}
	}
}

func TestAssetsHandlerConditional(t *testing.T) {
	a, app := newTestAssets(t, testStaticFS())
	url := a.URL("app.css")
	etag := doAssetRequest(t, app, httptest.NewRequest(http.MethodGet, url, http.NoBody)).Header.Get("ETag")

	for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
		req := httptest.NewRequest(http.MethodGet, url, http.NoBody)
		req.Header.Set("If-None-Match", inm)
		resp := doAssetRequest(t, app, req)
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match %s: status %d, want 304", inm, resp.StatusCode)
		}
		if body := readAssetBody(t, resp.Body); len(body) != 0 {
			t.Errorf("If-None-Match %s: 304 with a %d-byte body", inm, len(body))
		}
	}

	req := httptest.NewRequest(http.MethodGet, url, http.NoBody)
	req.Header.Set("If-None-Match", `"0000"`)
	if resp := doAssetRequest(t, app, req); resp.StatusCode != http.StatusOK {
		t.Errorf("If-None-Match with another tag: status %d, want 200", resp.StatusCode)
	}
}

func TestAssetsHandlerGzip(t *testing.T) {
	a, app := newTestAssets(t, testStaticFS())
	plain := doAssetRequest(t, app, httptest.NewRequest(http.MethodGet, a.URL("vendor/echarts.min.js"), http.NoBody))
	plainETag := plain.Header.Get("ETag")

	tests := []struct {
		acceptEncoding string
		wantGzip       bool
	}{
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.8", true},
		{"GZIP", true},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"deflate", false},
		{"", false},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, a.URL("vendor/echarts.min.js"), http.NoBody)
		req.Header.Set("Accept-Encoding", tt.acceptEncoding)
		resp := doAssetRequest(t, app, req)
		if got := resp.Header.Get("Vary"); got != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: Vary %q, want Accept-Encoding", tt.acceptEncoding, got)
		}
		body := readAssetBody(t, resp.Body)
		if !tt.wantGzip {
			if enc := resp.Header.Get("Content-Encoding"); enc != "" {
				t.Errorf("Accept-Encoding %q: Content-Encoding %q, want none", tt.acceptEncoding, enc)
			}
			continue
		}
		if enc := resp.Header.Get("Content-Encoding"); enc != "gzip" {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want gzip", tt.acceptEncoding, enc)
			continue
		}
		if etag := resp.Header.Get("ETag"); etag == plainETag || etag == "" {
			t.Errorf("Accept-Encoding %q: gzip ETag %q, want one distinct from the plain %q", tt.acceptEncoding, etag, plainETag)
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("Accept-Encoding %q: %v", tt.acceptEncoding, err)
		}
		if got := readAssetBody(t, zr); string(got) != strings.Repeat("/* echarts */\n", 200) {
			t.Errorf("Accept-Encoding %q: gunzipped body differs from the file", tt.acceptEncoding)
		}
		if len(body) >= len(strings.Repeat("/* echarts */\n", 200)) {
			t.Errorf("Accept-Encoding %q: gzip body %d bytes, not smaller than the file", tt.acceptEncoding, len(body))
		}
	}

	// Images other than SVG are already compressed: no Vary, no gzip.
	fsys := testStaticFS()
	fsys["static/img/logo.png"] = &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n")}
	a, app = newTestAssets(t, fsys)
	req := httptest.NewRequest(http.MethodGet, a.URL("img/logo.png"), http.NoBody)
	req.Header.Set("Accept-Encoding", "gzip")
	resp := doAssetRequest(t, app, req)
	if enc, vary := resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"); enc != "" || vary != "" {
		t.Errorf("png: Content-Encoding %q, Vary %q, want neither", enc, vary)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "image/png" {
		t.Errorf("png: Content-Type %q, want image/png", ct)
	}
}

func TestAssetsHandlerHead(t *testing.T) {
	a, app := newTestAssets(t, testStaticFS())
	resp := doAssetRequest(t, app, httptest.NewRequest(http.MethodHead, a.URL("app.js"), http.NoBody))
	if resp.StatusCode != http.StatusOK {
		t.Errorf("HEAD: status %d, want 200", resp.StatusCode)
	}
	if body := readAssetBody(t, resp.Body); len(body) != 0 {
		t.Errorf("HEAD: %d-byte body, want none", len(body))
	}
}

// TestEmbeddedAssets checks the real binary's static/ tree: our own files and the vendored
// ECharts copy that `make assets` puts there.
func TestEmbeddedAssets(t *testing.T) {
	a, err := NewAssets(staticFiles)
	if err != nil {
		t.Fatalf("embedded static files: %v", err)
	}
	resp := doAssetRequest(t, assetApp(a), httptest.NewRequest(http.MethodGet, a.URL("vendor/echarts.min.js"), http.NoBody))
	if body := readAssetBody(t, resp.Body); resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("echarts")) {
		t.Errorf("embedded echarts.min.js: status %d, %d bytes", resp.StatusCode, len(body))
	}
}

func assetApp(a *Assets) *fiber.App {
	app := fiber.New()
	app.Get("/static/*", a.Handler())
	return app
}

func doAssetRequest(t *testing.T, app *fiber.App, req *http.Request) *http.Response {
	t.Helper()
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	t.Cleanup(func() { _ = resp.Body.Close() })
	return resp
}

func readAssetBody(t *testing.T, r io.Reader) []byte {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return b
}
