package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/timbang/timbang/data"
)

// User is an account as the rest of Timbang sees it; the password hash never leaves this
// package.
type User struct {
	ID           int64
	Username     string // lower-case
	Role         Role
	Scope        Scope
	Disabled     bool
	FailedLogins int       // consecutive failures since the last success or lock
	LockedUntil  time.Time // zero if never locked; in the past once the lock has run out
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Locked reports whether the account is locked at now.
func (u User) Locked(now time.Time) bool {
	return now.Before(u.LockedUntil)
}

// NewUser is what Users.Add needs.
type NewUser struct {
	Username string
	Role     Role
	Scope    Scope
	Password string
}

// Users manages accounts. Every change is written to the audit log in the same transaction, so
// no account changes without a record of who changed it.
type Users struct {
	db       *sql.DB
	sessions *Sessions // set by NewAccounts: whose cached sessions a log-out drops
}

// NewUsers returns the accounts of store.
func NewUsers(store *data.Store) *Users {
	return &Users{db: store.DB()}
}

var usernamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$`)

// NormalizeUsername checks a username and returns it lower-case, the form that is stored and
// compared, so "Budi" and "budi" are one user. Only ASCII letters are allowed: they are what
// every keyboard types the same way, and lower-casing them never maps two look-alikes together.
func NormalizeUsername(name string) (string, error) {
	name = strings.TrimSpace(name)
	if !usernamePattern.MatchString(name) {
		return "", fmt.Errorf("%w username %q: want 2 to 64 letters a-z, digits, '.', '_' or '-', starting with a letter or digit",
			ErrInvalid, truncate(name, 80))
	}
	return strings.ToLower(name), nil
}

// Add creates a user after checking the username, the role's scope (every region and agency
// must exist) and the password.
func (u *Users) Add(ctx context.Context, by Actor, nu NewUser, now time.Time) (User, error) {
	name, err := NormalizeUsername(nu.Username)
	if err != nil {
		return User{}, err
	}
	scope := nu.Scope.normalized()
	if err := nu.Role.CheckScope(scope); err != nil {
		return User{}, err
	}
	if err := CheckPassword(nu.Password); err != nil {
		return User{}, err
	}
	hash := HashPassword(nu.Password) // before the transaction: it takes tens of milliseconds
	tx, err := u.db.BeginTx(ctx, nil)
	if err != nil {
		return User{}, err
	}
	defer rollback(tx)
	user, err := insertUser(ctx, tx, name, hash, nu.Role, scope, now)
	if err != nil {
		return User{}, err
	}
	if err := record(ctx, tx, Entry{At: now, Actor: by.Name, Remote: by.Remote, Action: ActionUserAdd,
		Scope: scope.String(), Detail: fmt.Sprintf("user %s (%s)", name, nu.Role)}); err != nil {
		return User{}, err
	}
	if err := tx.Commit(); err != nil {
		return User{}, fmt.Errorf("add user %s: commit: %w", name, err)
	}
	return user, nil
}

// insertUser writes an already checked user and its scope.
func insertUser(ctx context.Context, tx *sql.Tx, name, hash string, role Role, scope Scope, now time.Time) (User, error) {
	if err := checkScopeCodes(ctx, tx, scope); err != nil {
		return User{}, err
	}
	var exists bool
	if err := tx.QueryRowContext(ctx, query("username_exists"), name).Scan(&exists); err != nil {
		return User{}, fmt.Errorf("add user %s: %w", name, err)
	}
	if exists {
		return User{}, fmt.Errorf("add user %s: %w", name, ErrExists)
	}
	now = now.UTC()
	user := User{Username: name, Role: role, Scope: scope, CreatedAt: now, UpdatedAt: now}
	if err := tx.QueryRowContext(ctx, query("user_insert"), name, hash, string(role), now, now).Scan(&user.ID); err != nil {
		// A concurrent Add of the same name passes the check above and trips UNIQUE here.
		if de := (*duckdb.Error)(nil); errors.As(err, &de) && de.Type == duckdb.ErrorTypeConstraint {
			return User{}, fmt.Errorf("add user %s: %w", name, ErrExists)
		}
		return User{}, fmt.Errorf("add user %s: %w", name, err)
	}
	for kind, codes := range map[string][]string{"region": scope.Regions, "agency": scope.Agencies} {
		for _, code := range codes {
			if _, err := tx.ExecContext(ctx, query("user_scope_insert"), user.ID, kind, code); err != nil {
				return User{}, fmt.Errorf("add user %s: scope %s %s: %w", name, kind, code, err)
			}
		}
	}
	return user, nil
}

// Get returns the user with this username, in any case.
func (u *Users) Get(ctx context.Context, username string) (User, error) {
	user, _, err := getUser(ctx, u.db, username)
	return user, err
}

// getUser returns a user and the stored password hash; ErrNotFound for a name that does not
// exist or could not.
func getUser(ctx context.Context, q querier, username string) (User, string, error) {
	name, err := NormalizeUsername(username)
	if err != nil {
		return User{}, "", fmt.Errorf("user %q: %w", truncate(username, 80), ErrNotFound)
	}
	var hash string
	user, err := scanUser(q.QueryRowContext(ctx, query("user_by_username"), name), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, "", fmt.Errorf("user %s: %w", name, ErrNotFound)
	}
	if err != nil {
		return User{}, "", fmt.Errorf("get user %s: %w", name, err)
	}
	if user.Scope, err = loadScope(ctx, q, user.ID); err != nil {
		return User{}, "", err
	}
	return user, hash, nil
}

// scanUser reads the user columns every user query starts with, then the extra ones.
func scanUser(row interface{ Scan(...any) error }, extra ...any) (User, error) {
	var u User
	var locked sql.NullTime
	dest := append([]any{&u.ID, &u.Username, &u.Role, &u.Disabled, &u.FailedLogins, &locked, &u.CreatedAt, &u.UpdatedAt}, extra...)
	if err := row.Scan(dest...); err != nil {
		return User{}, err
	}
	if locked.Valid {
		u.LockedUntil = locked.Time
	}
	return u, nil
}

func loadScope(ctx context.Context, q querier, userID int64) (Scope, error) {
	rows, err := q.QueryContext(ctx, query("user_scopes"), userID)
	if err != nil {
		return Scope{}, fmt.Errorf("scope of user %d: %w", userID, err)
	}
	defer rows.Close()
	var s Scope
	for rows.Next() {
		var kind, code string
		if err := rows.Scan(&kind, &code); err != nil {
			return Scope{}, fmt.Errorf("scope of user %d: %w", userID, err)
		}
		s.add(kind, code)
	}
	if err := rows.Err(); err != nil {
		return Scope{}, fmt.Errorf("scope of user %d: %w", userID, err)
	}
	return s, nil
}

func (s *Scope) add(kind, code string) {
	if kind == "region" {
		s.Regions = append(s.Regions, code)
	} else {
		s.Agencies = append(s.Agencies, code)
	}
}

// List returns every user, disabled ones too, by username.
func (u *Users) List(ctx context.Context) ([]User, error) {
	rows, err := u.db.QueryContext(ctx, query("users_list"))
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var list []User
	index := map[int64]int{}
	for rows.Next() {
		user, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		index[user.ID] = len(list)
		list = append(list, user)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	if err := u.attachScopes(ctx, list, index); err != nil {
		return nil, err
	}
	return list, nil
}

// attachScopes fills in the scopes of listed users with one query instead of one per user.
func (u *Users) attachScopes(ctx context.Context, list []User, index map[int64]int) error {
	rows, err := u.db.QueryContext(ctx, query("user_scopes_all"))
	if err != nil {
		return fmt.Errorf("list user scopes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind, code string
		if err := rows.Scan(&id, &kind, &code); err != nil {
			return fmt.Errorf("list user scopes: %w", err)
		}
		if i, ok := index[id]; ok {
			list[i].Scope.add(kind, code)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list user scopes: %w", err)
	}
	return nil
}

// Disable stops a user from logging in and ends the user's sessions. Users are disabled, never
// deleted, so the audit log keeps meaning something. Disabling a disabled user does nothing.
func (u *Users) Disable(ctx context.Context, by Actor, username string, now time.Time) error {
	tx, err := u.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer rollback(tx)
	user, _, err := getUser(ctx, tx, username)
	if err != nil || user.Disabled {
		return err
	}
	if user.Role == RoleAdmin {
		var others int
		if err := tx.QueryRowContext(ctx, query("other_enabled_admins"), user.ID).Scan(&others); err != nil {
			return fmt.Errorf("disable user %s: %w", user.Username, err)
		}
		if others == 0 {
			return fmt.Errorf("disable user %s: %w; add another admin first", user.Username, ErrLastAdmin)
		}
	}
	if _, err := tx.ExecContext(ctx, query("user_disable"), now.UTC(), user.ID); err != nil {
		return fmt.Errorf("disable user %s: %w", user.Username, err)
	}
	return u.logOutAndCommit(ctx, tx, by, user, ActionUserDisable, now)
}

// SetPassword gives a user a new password, lifts any lock and ends the user's sessions, so a
// password changed because it leaked also throws out whoever used it.
func (u *Users) SetPassword(ctx context.Context, by Actor, username, password string, now time.Time) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash := HashPassword(password)
	tx, err := u.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer rollback(tx)
	user, _, err := getUser(ctx, tx, username)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, query("user_set_password"), hash, now.UTC(), user.ID); err != nil {
		return fmt.Errorf("set password of %s: %w", user.Username, err)
	}
	return u.logOutAndCommit(ctx, tx, by, user, ActionUserPassword, now)
}

// logOutAndCommit finishes a change that must throw the user out: it ends all the user's
// sessions, records the change and commits, then drops the sessions from memory.
func (u *Users) logOutAndCommit(ctx context.Context, tx *sql.Tx, by Actor, user User, action string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, query("sessions_delete_user"), user.ID); err != nil {
		return fmt.Errorf("%s %s: end sessions: %w", action, user.Username, err)
	}
	if err := record(ctx, tx, Entry{At: now, Actor: by.Name, Remote: by.Remote, Action: action,
		Scope: user.Scope.String(), Detail: "user " + user.Username}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s %s: commit: %w", action, user.Username, err)
	}
	if u.sessions != nil {
		u.sessions.cache.dropUser(user.ID)
	}
	return nil
}

// truncate cuts s to at most n bytes on a character boundary, for echoing untrusted input.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
