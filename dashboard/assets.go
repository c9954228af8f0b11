package dashboard

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// staticPrefix is the URL path every asset is served under.
const staticPrefix = "/static/"

// requiredAssets are the files every page loads. NewAssets refuses to build without them so a
// binary built before `make assets` fails at start-up instead of serving pages with no charts.
var requiredAssets = []string{
	"app.js",
	"app.css",
	"vendor/echarts.min.js",
	"vendor/LICENSE",
	"vendor/NOTICE",
}

// ErrAssetsMissing is wrapped by NewAssets when a required asset is not in the file system.
var ErrAssetsMissing = errors.New("static assets missing")

// Assets serves the files under static/ at content-hashed URLs ("/static/app.3f9a0c1d2e.js"), so
// browsers may cache them for a year and still see a new version the moment its content
// changes. Everything is read and hashed once, at start-up; an Assets is safe for concurrent use.
type Assets struct {
	byName map[string]*asset // "vendor/echarts.min.js"
	byPath map[string]*asset // "vendor/echarts.min.3f9a0c1d2e.js", relative to staticPrefix
}

type asset struct {
	url         string // "/static/vendor/echarts.min.3f9a0c1d2e.js"
	etag        string // strong ETag: the full sha256, quoted
	contentType string
	body        []byte
	// gzipped is computed on first request, not at start-up, so tests that only build an
	// Assets do not pay for compressing a megabyte of ECharts.
	gzipped func() []byte // nil when the type does not compress
}

// NewAssets reads and hashes every file under static/ in fsys (the embedded staticFiles in
// production, an fstest.MapFS in tests). It fails if a required asset is absent.
func NewAssets(fsys fs.FS) (*Assets, error) {
	a := &Assets{byName: map[string]*asset{}, byPath: map[string]*asset{}}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// READMEs document the folders; they are not served.
		if d.IsDir() || d.Name() == "README.md" {
			return nil
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(body)
		hashed := hashedName(name, hex.EncodeToString(sum[:5]))
		as := &asset{
			url:         staticPrefix + hashed,
			etag:        `"` + hex.EncodeToString(sum[:]) + `"`,
			contentType: contentType(name),
			body:        body,
		}
		if compressible(as.contentType) {
			as.gzipped = sync.OnceValue(func() []byte { return gzipBytes(body) })
		}
		a.byName[name] = as
		a.byPath[hashed] = as
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read static assets: %w", err)
	}
	if missing := a.Missing(); len(missing) > 0 {
		return nil, fmt.Errorf("%w: static/%s not found; run `make assets` to copy the browser libraries pinned in dashboard/web into dashboard/static/vendor, then rebuild",
			ErrAssetsMissing, strings.Join(missing, ", static/"))
	}
	return a, nil
}

// Missing lists the required assets (app.js, app.css, vendor/echarts.min.js and its license
// files) that are not present, sorted; empty when all are there.
func (a *Assets) Missing() []string {
	var missing []string
	for _, name := range requiredAssets {
		if _, ok := a.byName[name]; !ok {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	return missing
}

// URL returns the hashed URL of the asset at name, relative to static/ ("app.js" →
// "/static/app.3f9a0c1d2e.js"). It panics on an unknown name: templates call it through their
// func map, and text/template turns the panic into an execution error, so a mistyped asset
// fails the template tests instead of 404ing in a browser.
func (a *Assets) URL(name string) string {
	as, ok := a.byName[name]
	if !ok {
		panic(fmt.Sprintf("dashboard: unknown static asset %q (files live in dashboard/static)", name))
	}
	return as.url
}

// Handler serves the hashed URLs made by URL. It answers 404 for unknown names and for stale
// hashes: an old page asking for last version's app.js must not cache this version's file under
// the old URL for a year.
func (a *Assets) Handler() fiber.Handler {
	return func(c *fiber.Ctx) error {
		as, ok := a.byPath[strings.TrimPrefix(c.Path(), staticPrefix)]
		if !ok {
			return fiber.ErrNotFound
		}
		useGzip := as.gzipped != nil && acceptsGzip(c.Get(fiber.HeaderAcceptEncoding))
		etag := as.etag
		if useGzip {
			// Each encoding is its own representation, so it gets its own strong ETag.
			etag = strings.TrimSuffix(etag, `"`) + `-gzip"`
		}
		c.Set(fiber.HeaderContentType, as.contentType)
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
		c.Set(fiber.HeaderETag, etag)
		c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		if as.gzipped != nil {
			c.Vary(fiber.HeaderAcceptEncoding)
		}
		if etagMatches(c.Get(fiber.HeaderIfNoneMatch), etag) {
			return c.SendStatus(fiber.StatusNotModified)
		}
		if useGzip {
			c.Set(fiber.HeaderContentEncoding, "gzip")
			return c.Send(as.gzipped())
		}
		return c.Send(as.body)
	}
}

// hashedName puts the hash before the last extension: "vendor/echarts.min.js" →
// "vendor/echarts.min.<hash>.js", "vendor/LICENSE" → "vendor/LICENSE.<hash>".
func hashedName(name, hash string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hash + ext
}

// contentTypes covers what static/ holds. It is fixed here rather than taken from
// mime.TypeByExtension, whose answer depends on the host's /etc/mime.types.
var contentTypes = map[string]string{
	".js":    "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".json":  "application/json",
	".map":   "application/json",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/plain; charset=utf-8",
	"":       "text/plain; charset=utf-8", // LICENSE, NOTICE
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") ||
		strings.HasPrefix(contentType, "application/json") ||
		strings.HasPrefix(contentType, "image/svg+xml")
}

func gzipBytes(body []byte) []byte {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		panic(err) // only for an invalid level
	}
	// Writes to a bytes.Buffer cannot fail.
	_, _ = zw.Write(body)
	_ = zw.Close()
	return buf.Bytes()
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip (and does not refuse it
// with q=0).
func acceptsGzip(header string) bool {
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		v, ok := strings.CutPrefix(strings.TrimSpace(params), "q=")
		if !ok {
			return true
		}
		q, err := strconv.ParseFloat(v, 64)
		return err == nil && q > 0
	}
	return false
}

// etagMatches implements If-None-Match: a list of entity tags, weak ones compared weakly, or "*".
func etagMatches(header, etag string) bool {
	for part := range strings.SplitSeq(header, ",") {
		tag := strings.TrimPrefix(strings.TrimSpace(part), "W/")
		if tag == etag || tag == "*" {
			return true
		}
	}
	return false
}
