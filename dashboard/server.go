// Package dashboard serves Timbang's chart pages with Fiber. It knows nothing of SQL: every
// figure comes from package analytics.
package dashboard

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
	"github.com/timbang/timbang/data/importer"
	"github.com/timbang/timbang/data/plans"
)

// DefaultQueryThreads is how many DuckDB threads a served page's query runs on (data.Store's
// ServeThreads; imports and refreshes raise them): at national scale a cold overview spent
// a tenth to a fifth less CPU on one than on two, with 50 clients at once (docs/BENCHMARKS.md).
const DefaultQueryThreads = 1

// Config is what a Server needs.
type Config struct {
	Analytics *analytics.Service
	Store     *data.Store // for imports
	// MaxUploadBytes bounds one upload; 0 means importer.DefaultLimits.MaxFileBytes (512 MB).
	MaxUploadBytes int64
	// Static overrides the embedded static files (tests); nil uses the embedded ones.
	Static fs.FS
	// Now is the clock of sessions and logins; nil is time.Now (tests inject one).
	Now func() time.Time
	// CacheBytes bounds the response cache of dashboard pages; 0 means DefaultCacheBytes and a
	// negative value turns the cache off.
	CacheBytes int
}

// Server holds the dashboard's dependencies; its methods are the handlers.
type Server struct {
	an        *analytics.Service
	assets    *Assets
	templates map[string]*template.Template

	optionsMu sync.Mutex
	options   map[optionsKey]analytics.Options
	menus     map[menuKey]*renderedMenu // of the cached options (menus.go)
	// optionsLoad is held while options are read or a menu rendered for the cache: after a
	// start or a data change, every request of the moment missed the cache, and 50 clients
	// each read the 93,000 national options and rendered their menus (a fifth of the CPU of
	// the first 15 s of a cold load run); now one does and the others wait for it.
	optionsLoad sync.Mutex

	renderedMu sync.Mutex
	rendered   map[string]int // templates rendered so far, for the template coverage test

	cache *responseCache // nil when turned off

	store     *data.Store
	plans     *plans.Plans
	maxUpload int64
	uploads   uploads
	auth      auth
}

type optionsKey struct {
	lang    Lang
	version int64
	scope   string
}

// pageNames are the templates that render whole pages; each is parsed with layout.html.
var pageNames = []string{"overview", "region", "agency", "units", "unit", "import", "plans", "plan", "login", "users", "audit", "error"}

// New parses every template and hashes every asset, so a broken template or a missing asset
// fails the start rather than a request.
func New(cfg Config) (*Server, error) {
	static := cfg.Static
	if static == nil {
		static = staticFiles
	}
	assets, err := NewAssets(static)
	if err != nil {
		return nil, err
	}
	s := &Server{an: cfg.Analytics, assets: assets, rendered: map[string]int{},
		options: map[optionsKey]analytics.Options{}, menus: map[menuKey]*renderedMenu{},
		store: cfg.Store, plans: plans.New(cfg.Store), maxUpload: cfg.MaxUploadBytes, uploads: uploads{pending: map[string]*pendingUpload{}}}
	switch {
	case cfg.CacheBytes == 0:
		s.cache = newResponseCache(DefaultCacheBytes)
	case cfg.CacheBytes > 0:
		s.cache = newResponseCache(cfg.CacheBytes)
	}
	if s.maxUpload <= 0 {
		s.maxUpload = importer.DefaultLimits.MaxFileBytes
	}
	users, sessions := accounts.NewAccounts(cfg.Store)
	s.auth = auth{users: users, sessions: sessions, audit: accounts.NewAudit(cfg.Store),
		limiter: accounts.NewLoginLimiter(accounts.LoginAttemptsPerMinute, accounts.LoginBurst), now: cfg.Now}
	if s.auth.now == nil {
		s.auth.now = time.Now
	}
	layout, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	s.templates = map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.Must(layout.Clone()).ParseFS(templateFiles, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		s.templates[name] = t
	}
	return s, nil
}

// App returns the Fiber application with every route.
func (s *Server) App() *fiber.App {
	app := fiber.New(fiber.Config{
		ErrorHandler:          s.errorHandler,
		DisableStartupMessage: true,
		// Uploads may be large: the body streams to disk-backed multipart files instead of
		// being held whole in memory, up to the configured limit plus room for the form.
		BodyLimit:         int(s.maxUpload + 1<<20),
		StreamRequestBody: true,
		ReadTimeout:       10 * time.Minute,
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       120 * time.Second,
	})
	app.Use(securityHeaders)
	app.Get("/healthz", s.healthz)
	app.Get("/static/*", s.assets.Handler())
	app.Get("/lang/:lang", s.switchLang)
	app.Get("/login", s.showLogin)
	app.Post("/login", s.login)
	// Everything below needs a session, and a CSRF token for anything but GET.
	app.Use(s.requireLogin)
	app.Post("/logout", s.logout)
	view := s.allow(accounts.ViewDashboards)
	app.Get("/", view, s.cached, s.overview)
	app.Get("/units", view, s.cached, s.units)
	app.Get("/region/:code", view, s.cached, s.region)
	app.Get("/agency/:code", view, s.cached, s.agency)
	app.Get("/unit/:code", view, s.cached, s.unit)
	app.Get("/export/:format", s.allow(accounts.Export), s.export)
	imports := s.allow(accounts.Import)
	app.Get("/import", imports, s.showImport)
	app.Post("/import", imports, s.checkImport)
	app.Post("/import/apply", imports, s.applyImport)
	app.Get("/import/template/:kind.:format", imports, s.importTemplate)
	plan := s.allow(accounts.Plan)
	app.Get("/plans", plan, s.listPlans)
	app.Post("/plans", plan, s.createPlan)
	app.Get("/plans/:id", plan, s.showPlan)
	app.Post("/plans/:id/choices", plan, s.choosePlan)
	app.Post("/plans/:id/choices/:choice/undo", plan, s.undoChoice)
	app.Post("/plans/:id/rerun", plan, s.rerunPlan)
	app.Post("/plans/:id/approve", plan, s.approvePlan)
	app.Get("/plans/:id/export/:format", plan, s.exportPlan)
	manage := s.allow(accounts.ManageUsers)
	app.Get("/admin/users", manage, s.listUsers)
	app.Post("/admin/users", manage, s.addUser)
	app.Post("/admin/users/:name/disable", manage, s.disableUser)
	app.Post("/admin/users/:name/password", manage, s.setPassword)
	app.Get("/admin/audit", s.allow(accounts.ViewAudit), s.auditLog)
	app.Use(func(c *fiber.Ctx) error { return notFound("no page at " + c.Path()) })
	return app
}

// securityHeaders: pages load nothing from outside this server and run no inline script.
func securityHeaders(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("Referrer-Policy", "same-origin")
	c.Set("X-Frame-Options", "DENY")
	return c.Next()
}

func (s *Server) healthz(c *fiber.Ctx) error {
	if _, err := s.an.DataVersion(c.UserContext()); err != nil {
		return err
	}
	return c.SendString("ok")
}

const langCookie = "lang"

// switchLang remembers the chosen language in a cookie and goes back to the page it came from.
func (s *Server) switchLang(c *fiber.Ctx) error {
	lang := ParseLang(c.Params("lang"))
	c.Cookie(&fiber.Cookie{Name: langCookie, Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode})
	return c.Redirect(safeNext(c.Query("next")), fiber.StatusSeeOther)
}

// safeNext keeps redirects on this site: only a local absolute path is followed.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(next, "//") {
		return "/"
	}
	return u.RequestURI()
}

// locale is the request's language: the cookie, else Indonesian.
func (s *Server) locale(c *fiber.Ctx) Locale {
	return NewLocale(ParseLang(c.Cookies(langCookie)))
}

// Page is what every page template gets: language, title, navigation and assets.
type Page struct {
	L       Locale
	User    *accounts.User // nil on the login page
	CSRF    string         // the token every form of the page posts back
	Title   string
	Path    string
	Current string // request path and query, for the language toggle
	Nav     string // which top navigation item is active
	Crumbs  []Crumb
	assets  *Assets
	label   string // the user label, or its placeholder in a page for the response cache
}

// Crumb is one step of the breadcrumb trail.
type Crumb struct{ Name, URL string }

// Asset is the content-hashed URL of a static file.
func (p Page) Asset(name string) string { return p.assets.URL(name) }

// LangURL switches to lang and comes back here.
func (p Page) LangURL(lang string) string {
	return "/lang/" + lang + "?next=" + url.QueryEscape(p.Current)
}

func (s *Server) page(c *fiber.Ctx, l Locale, title string) Page {
	current := c.Path()
	if q := string(c.Request().URI().QueryString()); q != "" {
		current += "?" + q
	}
	p := Page{L: l, Title: title, Path: c.Path(), Current: current, assets: s.assets}
	if sess, ok := session(c); ok {
		p.User, p.CSRF, p.label = &sess.User, sess.CSRFToken, userLabel(sess.User)
		if c.Locals(cacheRenderLocal) != nil {
			p.CSRF, p.label = csrfPlaceholder, labelPlaceholder
		}
	}
	return p
}

// Can reports whether the page's user may do p (the navigation shows only what they may use).
func (p Page) Can(perm string) bool {
	return p.User != nil && p.User.Role.Can(accounts.Permission(perm))
}

// UserLabel names the logged-in user in the header.
func (p Page) UserLabel() string {
	if p.User == nil {
		return ""
	}
	return p.label
}

// render executes a page template into a buffer first, so a template error becomes a clean
// error page instead of half a page.
func (s *Server) render(c *fiber.Ctx, name string, page any) error {
	t, ok := s.templates[name]
	if !ok {
		return fmt.Errorf("no template %s", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", page); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	s.renderedMu.Lock()
	s.rendered[name]++
	s.renderedMu.Unlock()
	c.Type("html", "utf-8")
	return c.Send(buf.Bytes())
}

// Rendered reports how often each page template has been rendered (for tests).
func (s *Server) Rendered() map[string]int {
	s.renderedMu.Lock()
	defer s.renderedMu.Unlock()
	out := make(map[string]int, len(s.rendered))
	for k, v := range s.rendered {
		out[k] = v
	}
	return out
}

// PageNames lists the page templates.
func PageNames() []string { return append([]string(nil), pageNames...) }

// filterOptions are the menus' choices, cached per language and data version: they only
// change when data does.
func (s *Server) filterOptions(ctx context.Context, l Locale) (analytics.Options, error) {
	version, err := s.an.DataVersion(ctx)
	if err != nil {
		return analytics.Options{}, err
	}
	rd := s.reader(ctx)
	key := optionsKey{l.Lang, version, fmt.Sprint(rd.Scope())}
	return cachedLoad(s, s.options, key, func() (analytics.Options, error) {
		return rd.Options(ctx, string(l.Lang))
	}, func(o analytics.Options) {
		for k := range s.options {
			if k.version != version {
				delete(s.options, k)
			}
		}
		clear(s.menus) // those of the options still cached are rendered again on their next use
		s.options[key] = o
	})
}
