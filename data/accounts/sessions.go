package accounts

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/timbang/timbang/data"
)

// Session lifetimes. Idle: a dashboard left open over lunch asks for the password again.
// Absolute: one working day at most, however busy, so a stolen cookie does not last.
const (
	IdleTimeout     = 30 * time.Minute
	AbsoluteTimeout = 12 * time.Hour
)

// touchEvery is how stale last_seen may get before a request writes it again. DuckDB is slow
// at many tiny writes, and a write on every page view would be one per request; the price is
// that a session may idle out up to this much before IdleTimeout after its last request.
const touchEvery = time.Minute

// tokenBytes of randomness in a session token and a CSRF token: 256 bits, past guessing.
const tokenBytes = 32

// Session is a logged-in browser.
type Session struct {
	User      User
	CSRFToken string // the value every state-changing request of this session must carry
	CreatedAt time.Time
	LastSeen  time.Time
	ExpiresAt time.Time // absolute expiry
}

// CSRFValid compares a submitted CSRF token with the session's in constant time.
func (s Session) CSRFValid(token string) bool {
	return s.CSRFToken != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.CSRFToken)) == 1
}

// Sessions stores sessions server-side. The database keeps only the SHA-256 of each token:
// the token itself exists only in the browser's cookie.
type Sessions struct {
	db       *sql.DB
	cache    *sessionCache
	Idle     time.Duration
	Absolute time.Duration
}

// NewSessions returns the sessions of store with the default lifetimes. A server should take
// them from NewAccounts instead, so that changes to users reach the sessions it keeps in memory.
func NewSessions(store *data.Store) *Sessions {
	return &Sessions{db: store.DB(), cache: newSessionCache(maxCachedSessions), Idle: IdleTimeout, Absolute: AbsoluteTimeout}
}

// NewAccounts returns the users and sessions of store wired together: disabling a user or
// setting a password through these Users also drops the user's sessions from these Sessions'
// memory before it returns, so the next request of those sessions is refused.
func NewAccounts(store *data.Store) (*Users, *Sessions) {
	sessions := NewSessions(store)
	users := NewUsers(store)
	users.sessions = sessions
	return users, sessions
}

// Create starts a session for user at now and returns its token for the cookie. Every login
// gets a fresh random token made here, never one the client offered, which is what rules out
// session fixation; the caller deletes the session the browser had before, if any.
func (s *Sessions) Create(ctx context.Context, user User, now time.Time) (string, Session, error) {
	token := newToken()
	now = now.UTC()
	sess := Session{User: user, CSRFToken: newToken(), CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(s.Absolute)}
	if _, err := s.db.ExecContext(ctx, query("session_insert"),
		hashToken(token), user.ID, sess.CSRFToken, sess.CreatedAt, sess.LastSeen, sess.ExpiresAt); err != nil {
		return "", Session{}, fmt.Errorf("create session for %s: %w", user.Username, err)
	}
	return token, sess, nil
}

// Lookup returns the session of token at now and marks it seen. A token that is not in the
// table, whatever it looks like, is ErrNotFound; so is the session of a disabled user. A session
// past its idle or absolute expiry is deleted and reported as ErrExpired.
//
// A session found once is kept in memory (see sessionCache), so later requests read no table:
// its expiry is checked on the cached copy, and last_seen is written, as before, at most once
// per touchEvery. That write also notices a session deleted behind the cache's back (by a
// Users not wired to these Sessions), so such a session lives at most touchEvery longer.
func (s *Sessions) Lookup(ctx context.Context, token string, now time.Time) (Session, error) {
	if !wellFormedToken(token) {
		return Session{}, fmt.Errorf("session: %w", ErrNotFound)
	}
	hash := hashToken(token)
	if sess, ok := s.cache.get(hash); ok {
		return s.checkCached(ctx, hash, sess, now)
	}
	generation := s.cache.now()
	var sess Session
	user, err := scanUser(s.db.QueryRowContext(ctx, query("session_lookup"), hash),
		&sess.CSRFToken, &sess.CreatedAt, &sess.LastSeen, &sess.ExpiresAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, fmt.Errorf("session: %w", ErrNotFound)
	}
	if err != nil {
		return Session{}, fmt.Errorf("look up session: %w", err)
	}
	if user.Disabled {
		// Disable deletes the sessions too; this covers a row written by an older build.
		return Session{}, s.deleteAnd(ctx, hash, fmt.Errorf("session: %w", ErrNotFound))
	}
	if err := s.expired(sess, now); err != nil {
		return Session{}, s.deleteAnd(ctx, hash, err)
	}
	if now.Sub(sess.LastSeen) >= touchEvery {
		if _, err := s.db.ExecContext(ctx, query("session_touch"), now.UTC(), hash); err != nil {
			return Session{}, fmt.Errorf("touch session of %s: %w", user.Username, err)
		}
		sess.LastSeen = now.UTC()
	}
	if user.Scope, err = loadScope(ctx, s.db, user.ID); err != nil {
		return Session{}, err
	}
	sess.User = user
	s.cache.put(hash, sess, generation)
	return sess, nil
}

// checkCached is Lookup for a session found in memory.
func (s *Sessions) checkCached(ctx context.Context, hash string, sess Session, now time.Time) (Session, error) {
	if err := s.expired(sess, now); err != nil {
		return Session{}, s.deleteAnd(ctx, hash, err)
	}
	if !s.cache.claimTouch(hash, now) {
		return sess, nil
	}
	res, err := s.db.ExecContext(ctx, query("session_touch"), now.UTC(), hash)
	if err != nil {
		s.cache.drop(hash)
		return Session{}, fmt.Errorf("touch session of %s: %w", sess.User.Username, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		s.cache.drop(hash) // the row is gone: someone else ended the session
		return Session{}, fmt.Errorf("session: %w", ErrNotFound)
	}
	sess.LastSeen = now.UTC()
	return sess, nil
}

// expired says why sess is over at now, or nil while it is live.
func (s *Sessions) expired(sess Session, now time.Time) error {
	switch {
	case !now.Before(sess.ExpiresAt):
		return fmt.Errorf("%w: older than %s", ErrExpired, s.Absolute)
	case !now.Before(sess.LastSeen.Add(s.Idle)):
		return fmt.Errorf("%w: idle for %s", ErrExpired, s.Idle)
	}
	return nil
}

// deleteAnd deletes the session with this token hash and returns refusal, or the delete's
// error.
func (s *Sessions) deleteAnd(ctx context.Context, hash string, refusal error) error {
	if _, err := s.db.ExecContext(ctx, query("session_delete"), hash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	s.cache.drop(hash)
	return refusal
}

// Delete ends the session of token (log out). An unknown token is not an error: the browser
// is logged out either way.
func (s *Sessions) Delete(ctx context.Context, token string) error {
	if !wellFormedToken(token) {
		return nil
	}
	return s.deleteAnd(ctx, hashToken(token), nil)
}

// DeleteForUser ends every session of a user. Users.Disable and Users.SetPassword do this
// themselves.
func (s *Sessions) DeleteForUser(ctx context.Context, userID int64) error {
	if _, err := s.db.ExecContext(ctx, query("sessions_delete_user"), userID); err != nil {
		return fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	s.cache.dropUser(userID)
	return nil
}

// DeleteExpired removes sessions that expired by now, which Lookup would refuse anyway, so
// that the table holds only live ones; the server calls it from time to time.
func (s *Sessions) DeleteExpired(ctx context.Context, now time.Time) (int64, error) {
	now = now.UTC()
	res, err := s.db.ExecContext(ctx, query("sessions_delete_expired"), now, now.Add(-s.Idle))
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	s.cache.dropExpired(now, s.Idle)
	return res.RowsAffected()
}

func newToken() string {
	return base64.RawURLEncoding.EncodeToString(randomBytes(tokenBytes))
}

// wellFormedToken rejects what newToken cannot have made before touching the database.
func wellFormedToken(token string) bool {
	b, err := base64.RawURLEncoding.Strict().DecodeString(token)
	return err == nil && len(b) == tokenBytes
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
