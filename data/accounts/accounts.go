// Package accounts holds Timbang's users with their roles and scopes, login sessions, the
// login rate limiter and the audit log. It runs its own embedded queries on a data.Store and
// knows nothing of HTTP: the dashboard builds its login page and middleware on top of it.
//
// Every function that depends on the time takes it as an argument (now), so tests drive the
// clock instead of sleeping, and every timestamp is stored in UTC.
package accounts

import (
	"context"
	"database/sql"
	"errors"

	"github.com/timbang/timbang/data"
)

var (
	// ErrNotFound is data.ErrNotFound, so either sentinel matches a missing user or session.
	ErrNotFound = data.ErrNotFound
	// ErrBadCredentials means the username is unknown or the password is wrong; which of the
	// two is deliberately not said.
	ErrBadCredentials = errors.New("wrong username or password")
	// ErrLocked means too many consecutive failed logins; the account opens again by itself.
	ErrLocked = errors.New("account temporarily locked after repeated failed logins")
	// ErrDisabled means an administrator disabled the account.
	ErrDisabled = errors.New("account disabled")
	// ErrExists means the username is taken (names are compared case-insensitively).
	ErrExists = errors.New("username already exists")
	// ErrInvalid marks input that breaks a rule: a malformed username, a short password, a role
	// without the scope it needs, an unknown region or agency.
	ErrInvalid = errors.New("invalid")
	// ErrLastAdmin refuses to disable the only enabled administrator, which would leave nobody
	// able to manage users from the web.
	ErrLastAdmin = errors.New("the last enabled admin cannot be disabled")
	// ErrExpired means the session passed its idle or absolute expiry; it has been deleted.
	ErrExpired = errors.New("session expired")
)

// Actor is who makes a change and from where, as the audit log records it.
type Actor struct {
	Name   string // a username, "cli", or "timbang" for what the program does by itself
	Remote string // the client address of a web request; "" for the CLI
}

// querier is what *sql.DB and *sql.Tx share, so helpers run inside or outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// rollback is deferred after BeginTx; after a successful Commit it is a no-op.
func rollback(tx *sql.Tx) {
	_ = tx.Rollback()
}
