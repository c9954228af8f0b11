package dashboard

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data"
)

// httpError is an error with the status a response should carry and a message safe to show.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(msg string) error { return &httpError{status: http.StatusBadRequest, msg: msg} }

func notFound(msg string) error { return &httpError{status: http.StatusNotFound, msg: msg} }

// errorPage is the data of the error template.
type errorPage struct {
	Page
	Status  int
	Message string
	Detail  string
}

// errorHandler renders every error a handler returns, in one place: HTML for browsers, JSON
// for clients that ask for it, with the status the error carries. Internal errors are logged
// and shown without their details.
func (s *Server) errorHandler(c *fiber.Ctx, err error) error {
	status := http.StatusInternalServerError
	detail := ""
	var he *httpError
	var fe *fiber.Error
	switch {
	case errors.As(err, &he):
		status, detail = he.status, he.msg
	case errors.Is(err, data.ErrNotFound):
		status, detail = http.StatusNotFound, err.Error()
	case errors.Is(err, analytics.ErrForbidden):
		status, detail = http.StatusForbidden, mustT(s.locale(c), "auth.forbidden")
	case errors.As(err, &fe) && fe.Code == http.StatusRequestEntityTooLarge:
		status, detail = fe.Code, fmt.Sprintf(mustT(s.locale(c), "import.too_large"), s.maxUpload>>20)
	case errors.As(err, &fe):
		status, detail = fe.Code, fe.Message
	default:
		slog.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
	}
	l := s.locale(c)
	key := "error.internal"
	switch {
	case status == http.StatusNotFound:
		key = "error.not_found"
	case status == http.StatusForbidden:
		key = "error.forbidden"
	case status < 500:
		key = "error.bad"
	}
	msg := mustT(l, key)
	if strings.Contains(c.Get(fiber.HeaderAccept), fiber.MIMEApplicationJSON) {
		return c.Status(status).JSON(fiber.Map{"error": msg, "detail": detail, "status": status})
	}
	page := errorPage{Page: s.page(c, l, mustT(l, "error.title")), Status: status, Message: msg, Detail: detail}
	c.Status(status)
	if rerr := s.render(c, "error", page); rerr != nil {
		slog.Error("render error page", "err", rerr)
		return c.Status(status).SendString(msg)
	}
	return nil
}
