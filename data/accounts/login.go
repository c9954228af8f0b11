package accounts

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// Account lock: after MaxFailedLogins consecutive wrong passwords the account refuses every
// login for LockDuration, right password or not, so guessing gets at most five tries per
// quarter hour per account however many addresses the guesser uses. (The per-address
// LoginLimiter slows a single guesser across accounts.)
const (
	MaxFailedLogins = 5
	LockDuration    = 15 * time.Minute
)

// dummyHash is verified against when a login names no existing user, so that "wrong username
// or password" costs the same time either way and timing does not tell which usernames exist.
// It is made once, on the first such login.
var dummyHash = sync.OnceValue(func() string {
	return HashPassword(rand.Text())
})

// Authenticate checks a username and password at time now and records the attempt, success or
// failure, in the audit log with the client's address. It returns:
//   - ErrBadCredentials for an unknown user or a wrong password (counted; the failure that
//     reaches MaxFailedLogins locks the account);
//   - ErrLocked while the account is locked, without saying whether the password was right,
//     or the lock would not stop guessing;
//   - ErrDisabled for a disabled account, only when the password was right.
//
// Every path verifies one argon2id hash, the same work whether or not the user exists.
func (u *Users) Authenticate(ctx context.Context, username, password, remote string, now time.Time) (User, error) {
	user, hash, err := getUser(ctx, u.db, username)
	if errors.Is(err, ErrNotFound) {
		_, _ = VerifyPassword(dummyHash(), password)
		return User{}, u.loginFailed(ctx, User{}, username, remote, now, "unknown user", ErrBadCredentials)
	}
	if err != nil {
		return User{}, err
	}
	ok, err := VerifyPassword(hash, password)
	if err != nil {
		return User{}, fmt.Errorf("log in %s: stored password: %w", user.Username, err)
	}
	switch {
	case user.Locked(now):
		lockErr := fmt.Errorf("%w until %s", ErrLocked, user.LockedUntil.UTC().Format("2006-01-02 15:04 MST"))
		return User{}, u.loginFailed(ctx, user, "", remote, now, "account locked", lockErr)
	case !ok:
		return User{}, u.wrongPassword(ctx, user, remote, now)
	case user.Disabled:
		return User{}, u.loginFailed(ctx, user, "", remote, now, "account disabled", ErrDisabled)
	}
	if err := u.loginSucceeded(ctx, user, hash, password, remote, now); err != nil {
		return User{}, err
	}
	user.FailedLogins, user.LockedUntil = 0, time.Time{}
	return user, nil
}

// loginFailed records a refused login that changes no account and returns refusal, or the
// error of recording it. attempted is the typed username when no user matched.
func (u *Users) loginFailed(ctx context.Context, user User, attempted, remote string, now time.Time, why string, refusal error) error {
	actor, scope := user.Username, user.Scope.String()
	if user.ID == 0 {
		// The name someone typed, which may be anything: a well-formed name as stored, anything
		// else quoted (control characters visible) and cut short. Never the password.
		scope = ""
		var err error
		if actor, err = NormalizeUsername(attempted); err != nil {
			actor = strconv.Quote(truncate(attempted, 64))
		}
	}
	if err := record(ctx, u.db, Entry{At: now, Actor: actor, Remote: remote, Action: ActionLoginFailed,
		Scope: scope, Detail: why}); err != nil {
		return err
	}
	return refusal
}

// wrongPassword counts a failure, locks the account when it is the MaxFailedLogins-th, and
// records it, in one transaction.
func (u *Users) wrongPassword(ctx context.Context, user User, remote string, now time.Time) error {
	tx, err := u.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer rollback(tx)
	until := now.Add(LockDuration).UTC()
	var locked bool
	if err := tx.QueryRowContext(ctx, query("user_login_failed"), user.ID, MaxFailedLogins, until).Scan(&locked); err != nil {
		return fmt.Errorf("count failed login of %s: %w", user.Username, err)
	}
	detail := "wrong password"
	if locked {
		detail += fmt.Sprintf("; %d in a row, locked until %s", MaxFailedLogins, until.Format(time.RFC3339))
	}
	if err := record(ctx, tx, Entry{At: now, Actor: user.Username, Remote: remote, Action: ActionLoginFailed,
		Scope: user.Scope.String(), Detail: detail}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("count failed login of %s: commit: %w", user.Username, err)
	}
	return ErrBadCredentials
}

// loginSucceeded clears the failure count, upgrades a hash made with older parameters, and
// records the login.
func (u *Users) loginSucceeded(ctx context.Context, user User, hash, password, remote string, now time.Time) error {
	tx, err := u.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer rollback(tx)
	if _, err := tx.ExecContext(ctx, query("user_login_ok"), user.ID); err != nil {
		return fmt.Errorf("log in %s: %w", user.Username, err)
	}
	if needsRehash(hash) {
		if _, err := tx.ExecContext(ctx, query("user_rehash"), HashPassword(password), user.ID); err != nil {
			return fmt.Errorf("log in %s: rehash: %w", user.Username, err)
		}
	}
	if err := record(ctx, tx, Entry{At: now, Actor: user.Username, Remote: remote, Action: ActionLogin,
		Scope: user.Scope.String()}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("log in %s: commit: %w", user.Username, err)
	}
	return nil
}
