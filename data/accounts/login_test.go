package accounts

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestAuthenticateLock walks one account through failures, a lock and its end, on a clock the
// test moves.
func TestAuthenticateLock(t *testing.T) {
	ctx := context.Background()
	store := accountsStore(t)
	users := NewUsers(store)
	mustAdd(t, users, NewUser{Username: "sri", Role: RolePlanner, Scope: Scope{Regions: []string{"36.73"}}})
	const wrong = "salah salah salah"
	steps := []struct {
		at       time.Duration // after t0
		password string
		want     error
		failed   int  // failed_logins afterwards
		locked   bool // locked afterwards, at the same instant
	}{
		{0, wrong, ErrBadCredentials, 1, false},
		{time.Second, wrong, ErrBadCredentials, 2, false},
		{2 * time.Second, goodPassword, nil, 0, false}, // a success resets the count
		{3 * time.Second, wrong, ErrBadCredentials, 1, false},
		{4 * time.Second, wrong, ErrBadCredentials, 2, false},
		{5 * time.Second, wrong, ErrBadCredentials, 3, false},
		{6 * time.Second, wrong, ErrBadCredentials, 4, false},
		{7 * time.Second, wrong, ErrBadCredentials, 0, true}, // the fifth in a row locks
		{8 * time.Second, goodPassword, ErrLocked, 0, true},  // right password, still locked
		{9 * time.Second, wrong, ErrLocked, 0, true},         // no oracle, and not counted
		{7*time.Second + LockDuration - time.Microsecond, goodPassword, ErrLocked, 0, true},
		{7*time.Second + LockDuration, goodPassword, nil, 0, false}, // the lock has run out
		{LockDuration + 10*time.Second, wrong, ErrBadCredentials, 1, false},
	}
	for i, s := range steps {
		now := t0.Add(s.at)
		user, err := users.Authenticate(ctx, "Sri", s.password, "192.0.2.7", now)
		if !errors.Is(err, s.want) {
			t.Fatalf("step %d: err = %v, want %v", i, err, s.want)
		}
		if errors.Is(err, ErrLocked) && !strings.Contains(err.Error(), "until 2026-03-02 02:15 UTC") {
			t.Fatalf("step %d: %q does not say until when, in UTC", i, err)
		}
		if err == nil && (user.Username != "sri" || user.Scope.String() != "region:36.73") {
			t.Fatalf("step %d: user %+v", i, user)
		}
		got, gerr := users.Get(ctx, "sri")
		if gerr != nil {
			t.Fatal(gerr)
		}
		if got.FailedLogins != s.failed || got.Locked(now) != s.locked {
			t.Fatalf("step %d: failed=%d locked=%v, want %d %v (locked until %s)",
				i, got.FailedLogins, got.Locked(now), s.failed, s.locked, got.LockedUntil)
		}
	}

	entries, err := NewAudit(store).List(ctx, Filter{Actor: "sri"})
	if err != nil {
		t.Fatal(err)
	}
	var logins, failures, locks int
	for _, e := range entries {
		switch {
		case e.Action == ActionLogin:
			logins++
		case e.Action == ActionLoginFailed && strings.Contains(e.Detail, "locked until"):
			locks++
		case e.Action == ActionLoginFailed:
			failures++
		}
		if e.Remote != "192.0.2.7" || e.Scope != "region:36.73" || strings.Contains(e.Detail, "salah") {
			t.Errorf("audit entry %+v", e)
		}
	}
	if logins != 2 || locks != 1 || failures != 10 {
		t.Errorf("audit: %d logins, %d locks, %d other failures; want 2, 1, 10", logins, locks, failures)
	}
}

func TestAuthenticateUnknownUser(t *testing.T) {
	ctx := context.Background()
	store := accountsStore(t)
	users := NewUsers(store)
	mustAdd(t, users, NewUser{Username: "sri", Role: RoleAdmin})
	for _, name := range []string{"budi", "no such\nuser", ""} {
		if _, err := users.Authenticate(ctx, name, goodPassword, "192.0.2.8", t0); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("unknown user %q: %v", name, err)
		}
	}
	entries, err := NewAudit(store).List(ctx, Filter{Action: ActionLoginFailed})
	if err != nil {
		t.Fatal(err)
	}
	var actors []string
	for _, e := range entries {
		actors = append(actors, e.Actor)
		if e.Detail != "unknown user" || e.Scope != "" || e.Remote != "192.0.2.8" {
			t.Errorf("audit entry %+v", e)
		}
	}
	if strings.Join(actors, "|") != `""|"no such\nuser"|budi` {
		t.Errorf("audit actors %q: want the typed names, odd ones quoted", actors)
	}
}

// TestAuthenticateRehashes: a hash made with other parameters (here by the reference tool)
// still logs in, and the login replaces it by one with the current parameters.
func TestAuthenticateRehashes(t *testing.T) {
	ctx := context.Background()
	store := accountsStore(t)
	users := NewUsers(store)
	mustAdd(t, users, NewUser{Username: "lama", Role: RoleAdmin})
	old := referenceHashes[2]
	if _, err := store.DB().Exec(`UPDATE users SET password_hash = ? WHERE username = 'lama'`, old.encoded); err != nil {
		t.Fatal(err)
	}
	if _, err := users.Authenticate(ctx, "lama", old.password, "", t0); err != nil {
		t.Fatal(err)
	}
	var hash string
	if err := store.DB().QueryRow(`SELECT password_hash FROM users WHERE username = 'lama'`).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if needsRehash(hash) {
		t.Fatalf("hash not upgraded: %s", hash)
	}
	if _, err := users.Authenticate(ctx, "lama", old.password, "", t0); err != nil {
		t.Fatalf("after the upgrade: %v", err)
	}
}

func TestEnsureAdmin(t *testing.T) {
	ctx := context.Background()
	store := accountsStore(t)
	created, name, password, err := EnsureAdmin(ctx, store, t0)
	if err != nil || !created || name != "admin" {
		t.Fatalf("first start: %v %q %v", created, name, err)
	}
	if len(password) < 20 || strings.Trim(password, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" {
		t.Errorf("password %q: want 20+ characters of A-Z and 2-7", password)
	}
	if CheckPassword(password) != nil {
		t.Error("the generated password breaks the password rules")
	}
	user, err := NewUsers(store).Authenticate(ctx, name, password, "", t0)
	if err != nil || user.Role != RoleAdmin || !user.Scope.IsEmpty() {
		t.Fatalf("log in with the printed password: %+v %v", user, err)
	}
	created, _, again, err := EnsureAdmin(ctx, store, t0)
	if err != nil || created || again != "" {
		t.Fatalf("second start: %v %q %v", created, again, err)
	}
	entries, err := NewAudit(store).List(ctx, Filter{Action: ActionUserAdd})
	if err != nil || len(entries) != 1 || entries[0].Actor != "timbang" || strings.Contains(entries[0].Detail, password) {
		t.Fatalf("audit: %+v %v", entries, err)
	}
}

func TestEnsureAdminLeavesExistingUsers(t *testing.T) {
	store := accountsStore(t)
	mustAdd(t, NewUsers(store), NewUser{Username: "tamu", Role: RoleViewer, Scope: Scope{Regions: []string{"36"}}})
	created, _, _, err := EnsureAdmin(context.Background(), store, t0)
	if err != nil || created {
		t.Fatalf("a database with a (non-admin) user got an admin: %v %v", created, err)
	}
}
