package dashboard

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data/accounts"
)

// Cookie names. The session cookie holds the only copy of the session token; the login cookie
// holds the CSRF token of the login form, which has no session yet (a double-submit token).
const (
	SessionCookie = "timbang_session" // exported for the browser tests, which sign tabs in with it
	loginCookie   = "timbang_login"
	csrfField     = "csrf" // the form field (or X-CSRF-Token header) of every state-changing request
)

// auth is the dashboard's side of accounts: who is asking and what they may do.
type auth struct {
	users    *accounts.Users
	sessions *accounts.Sessions
	audit    *accounts.Audit
	limiter  *accounts.LoginLimiter
	now      func() time.Time
}

// session is the logged-in user of a request, set by requireLogin.
func session(c *fiber.Ctx) (accounts.Session, bool) {
	s, ok := c.Locals("session").(accounts.Session)
	return s, ok
}

type readerKey struct{}

// reader is the analytics a request may read: limited to its user's scope. Without a user (a
// route that forgot requireLogin) it reads nothing rather than everything.
func (s *Server) reader(ctx context.Context) *analytics.Reader {
	if r, ok := ctx.Value(readerKey{}).(*analytics.Reader); ok {
		return r
	}
	return s.an.For(analytics.Scope{Agencies: []string{"\x00nothing"}})
}

// requireLogin lets a request through only with a live session: a page request without one is
// sent to the login page and back, anything else gets the same redirect (a form cannot be
// replayed after a login anyway). State-changing requests must carry the session's CSRF token.
func (s *Server) requireLogin(c *fiber.Ctx) error {
	token := c.Cookies(SessionCookie)
	sess, err := s.auth.sessions.Lookup(c.UserContext(), token, s.auth.now())
	switch {
	case errors.Is(err, accounts.ErrNotFound) || errors.Is(err, accounts.ErrExpired):
		if token != "" {
			s.clearCookie(c, SessionCookie)
		}
		next := c.OriginalURL()
		if c.Method() != fiber.MethodGet {
			next = "/"
		}
		return c.Redirect("/login?next="+url.QueryEscape(next), fiber.StatusFound)
	case err != nil:
		return err
	}
	if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
		if !sess.CSRFValid(csrfToken(c)) {
			return &httpError{status: http.StatusForbidden, msg: mustT(s.locale(c), "auth.csrf")}
		}
	}
	c.Locals("session", sess)
	scope := analytics.Scope(sess.User.Scope)
	if sess.User.Role == accounts.RoleAdmin {
		scope = analytics.Scope{}
	}
	c.SetUserContext(context.WithValue(c.UserContext(), readerKey{}, s.an.For(scope)))
	return c.Next()
}

// csrfToken is the token a request carries, from its form or its header.
func csrfToken(c *fiber.Ctx) string {
	if t := c.Get("X-CSRF-Token"); t != "" {
		return t
	}
	return c.FormValue(csrfField)
}

// allow refuses the request unless the user's role grants p.
func (s *Server) allow(p accounts.Permission) fiber.Handler {
	return func(c *fiber.Ctx) error {
		sess, ok := session(c)
		if !ok || !sess.User.Role.Can(p) {
			return &httpError{status: http.StatusForbidden, msg: mustT(s.locale(c), "auth.forbidden")}
		}
		return c.Next()
	}
}

// loginPage is the data of the login template.
type loginPage struct {
	Page
	Next     string
	Username string
	Error    string
}

// showLogin renders the login form with a fresh double-submit CSRF token.
func (s *Server) showLogin(c *fiber.Ctx) error {
	return s.renderLogin(c, http.StatusOK, "", "")
}

func (s *Server) renderLogin(c *fiber.Ctx, status int, username, msg string) error {
	l := s.locale(c)
	token := randomToken()
	c.Cookie(&fiber.Cookie{Name: loginCookie, Value: token, Path: "/login", HTTPOnly: true,
		Secure: c.Protocol() == "https", SameSite: fiber.CookieSameSiteStrictMode, MaxAge: 3600})
	p := loginPage{Page: s.page(c, l, mustT(l, "auth.title")), Next: safeNext(c.Query("next", c.FormValue("next"))),
		Username: username, Error: msg}
	p.CSRF = token
	c.Status(status)
	return s.render(c, "login", p)
}

// login checks the form's CSRF token and the password, then starts a new session: the token is
// always new, so a token planted before the login (session fixation) is worthless after it.
func (s *Server) login(c *fiber.Ctx) error {
	l := s.locale(c)
	now := s.auth.now()
	if ok, wait := s.auth.limiter.Allow(c.IP(), now); !ok {
		c.Set(fiber.HeaderRetryAfter, fmt.Sprint(int(wait.Seconds())+1))
		return s.renderLogin(c, http.StatusTooManyRequests, c.FormValue("username"), mustT(l, "auth.slow_down"))
	}
	want := c.Cookies(loginCookie)
	if want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(c.FormValue(csrfField))) != 1 {
		return s.renderLogin(c, http.StatusForbidden, c.FormValue("username"), mustT(l, "auth.csrf"))
	}
	user, err := s.auth.users.Authenticate(c.UserContext(), c.FormValue("username"), c.FormValue("password"), c.IP(), now)
	switch {
	case errors.Is(err, accounts.ErrLocked):
		return s.renderLogin(c, http.StatusUnauthorized, c.FormValue("username"), mustT(l, "auth.locked"))
	case errors.Is(err, accounts.ErrBadCredentials) || errors.Is(err, accounts.ErrDisabled) || errors.Is(err, accounts.ErrInvalid):
		return s.renderLogin(c, http.StatusUnauthorized, c.FormValue("username"), mustT(l, "auth.wrong"))
	case err != nil:
		return err
	}
	token, _, err := s.auth.sessions.Create(c.UserContext(), user, now)
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: SessionCookie, Value: token, Path: "/", HTTPOnly: true,
		Secure: c.Protocol() == "https", SameSite: fiber.CookieSameSiteLaxMode})
	s.clearCookie(c, loginCookie)
	return c.Redirect(safeNext(c.FormValue("next")), fiber.StatusSeeOther)
}

// logout ends the session (requireLogin has checked its CSRF token).
func (s *Server) logout(c *fiber.Ctx) error {
	sess, _ := session(c)
	if err := s.auth.sessions.Delete(c.UserContext(), c.Cookies(SessionCookie)); err != nil {
		return err
	}
	if err := s.auth.audit.Record(c.UserContext(), accounts.Entry{At: s.auth.now(), Actor: sess.User.Username,
		Action: accounts.ActionLogout, Scope: sess.User.Scope.String(), Remote: c.IP()}); err != nil {
		return err
	}
	s.clearCookie(c, SessionCookie)
	return c.Redirect("/login", fiber.StatusSeeOther)
}

func (s *Server) clearCookie(c *fiber.Ctx, name string) {
	path := "/"
	if name == loginCookie {
		path = "/login"
	}
	c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: path, HTTPOnly: true, Expires: time.Unix(0, 0), MaxAge: -1,
		Secure: c.Protocol() == "https", SameSite: fiber.CookieSameSiteLaxMode})
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// userLabel is how the header names the user.
func userLabel(u accounts.User) string {
	return u.Username + " · " + string(u.Role)
}
