package dashboard

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/data/accounts"
)

// usersPage is the data of the users template.
type usersPage struct {
	Page
	Users  []accounts.User
	Roles  []accounts.Role
	Notice string
	Error  string
}

// listUsers shows every account with forms to add one, disable one or set a password.
func (s *Server) listUsers(c *fiber.Ctx) error {
	return s.renderUsers(c, http.StatusOK, c.Query("done"), "")
}

func (s *Server) renderUsers(c *fiber.Ctx, status int, notice, problem string) error {
	l := s.locale(c)
	list, err := s.auth.users.List(c.UserContext())
	if err != nil {
		return err
	}
	p := usersPage{Page: s.page(c, l, mustT(l, "users.title")), Users: list, Roles: accounts.Roles(), Error: problem}
	if notice != "" {
		p.Notice = mustT(l, "users.done")
	}
	p.Nav = "admin"
	c.Status(status)
	return s.render(c, "users", p)
}

// actor is who makes a change, for the audit log.
func actor(c *fiber.Ctx) accounts.Actor {
	sess, _ := session(c)
	return accounts.Actor{Name: sess.User.Username, Remote: c.IP()}
}

// addUser creates an account from the form; regions and agencies are comma- or space-separated.
func (s *Server) addUser(c *fiber.Ctx) error {
	role, err := accounts.ParseRole(c.FormValue("role"))
	if err == nil {
		_, err = s.auth.users.Add(c.UserContext(), actor(c), accounts.NewUser{
			Username: c.FormValue("username"), Role: role, Password: c.FormValue("password"),
			Scope: accounts.Scope{Regions: codes(c.FormValue("regions")), Agencies: codes(c.FormValue("agencies"))},
		}, s.auth.now())
	}
	return s.afterUserChange(c, err)
}

func (s *Server) disableUser(c *fiber.Ctx) error {
	return s.afterUserChange(c, s.auth.users.Disable(c.UserContext(), actor(c), c.Params("name"), s.auth.now()))
}

func (s *Server) setPassword(c *fiber.Ctx) error {
	return s.afterUserChange(c, s.auth.users.SetPassword(c.UserContext(), actor(c), c.Params("name"), c.FormValue("password"), s.auth.now()))
}

// afterUserChange goes back to the list, or shows it again with what was wrong with the form.
func (s *Server) afterUserChange(c *fiber.Ctx, err error) error {
	switch {
	case err == nil:
		return c.Redirect("/admin/users?done=1", fiber.StatusSeeOther)
	case errors.Is(err, accounts.ErrInvalid), errors.Is(err, accounts.ErrExists), errors.Is(err, accounts.ErrLastAdmin),
		errors.Is(err, accounts.ErrNotFound):
		return s.renderUsers(c, http.StatusBadRequest, "", err.Error())
	}
	return err
}

func codes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == '\r' })
}

// auditPage is the data of the audit template.
type auditPage struct {
	Page
	Entries []accounts.Entry
}

// auditLog lists the newest audit entries, optionally of one action.
func (s *Server) auditLog(c *fiber.Ctx) error {
	l := s.locale(c)
	entries, err := s.auth.audit.List(c.UserContext(), accounts.Filter{Action: c.Query("action"), Limit: 500})
	if err != nil {
		return err
	}
	p := auditPage{Page: s.page(c, l, mustT(l, "audit.title")), Entries: entries}
	p.Nav = "audit"
	return s.render(c, "audit", p)
}
