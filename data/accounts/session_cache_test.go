package accounts

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// cachedFixture is sessionFixture with the users and sessions wired by NewAccounts and one
// session of sri already looked up, so it is in memory.
func cachedFixture(t *testing.T) (*Users, *Sessions, User, string) {
	t.Helper()
	store := accountsStore(t)
	users, sessions := NewAccounts(store)
	sri := mustAdd(t, users, NewUser{Username: "sri", Role: RolePlanner, Scope: Scope{Regions: []string{"36.73"}}})
	token, _, err := sessions.Create(context.Background(), sri, t0)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := sessions.Lookup(context.Background(), token, t0.Add(time.Second))
	if err != nil || sess.User.Scope.String() != "region:36.73" {
		t.Fatalf("first lookup: %+v %v", sess, err)
	}
	if sessions.cache.len() != 1 {
		t.Fatalf("%d sessions cached after a lookup, want 1", sessions.cache.len())
	}
	return users, sessions, sri, token
}

// TestCachedSessionEndsAtOnce: every way of ending a session refuses its next request, though
// the session was in memory.
func TestCachedSessionEndsAtOnce(t *testing.T) {
	ctx := context.Background()
	admin := Actor{Name: "admin"}
	for _, tc := range []struct {
		name string
		end  func(*Users, *Sessions, User, string) error
		at   time.Duration
		want error
	}{
		{"logout", func(_ *Users, s *Sessions, _ User, token string) error { return s.Delete(ctx, token) },
			2 * time.Second, ErrNotFound},
		{"user disabled", func(u *Users, _ *Sessions, sri User, _ string) error {
			return u.Disable(ctx, admin, sri.Username, t0)
		}, 2 * time.Second, ErrNotFound},
		{"password set", func(u *Users, _ *Sessions, sri User, _ string) error {
			return u.SetPassword(ctx, admin, sri.Username, "a new and long passphrase", t0)
		}, 2 * time.Second, ErrNotFound},
		{"all sessions of the user ended", func(_ *Users, s *Sessions, sri User, _ string) error {
			return s.DeleteForUser(ctx, sri.ID)
		}, 2 * time.Second, ErrNotFound},
		{"idle expiry", func(*Users, *Sessions, User, string) error { return nil }, time.Second + IdleTimeout, ErrExpired},
		{"absolute expiry", func(_ *Users, s *Sessions, _ User, token string) error {
			// Busy all day: a visit every 20 minutes keeps it from idling out.
			for at := 20 * time.Minute; at < AbsoluteTimeout; at += 20 * time.Minute {
				if _, err := s.Lookup(ctx, token, t0.Add(at)); err != nil {
					return err
				}
			}
			return nil
		}, AbsoluteTimeout, ErrExpired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			users, sessions, sri, token := cachedFixture(t)
			if err := tc.end(users, sessions, sri, token); err != nil {
				t.Fatal(err)
			}
			if _, err := sessions.Lookup(ctx, token, t0.Add(tc.at)); !errors.Is(err, tc.want) {
				t.Fatalf("lookup after the end: %v, want %v", err, tc.want)
			}
			if n := sessions.cache.len(); n != 0 {
				t.Errorf("%d sessions still cached", n)
			}
			if _, err := sessions.Lookup(ctx, token, t0.Add(3*time.Second)); !errors.Is(err, ErrNotFound) {
				t.Errorf("lookup again, earlier clock: %v, want not found", err)
			}
		})
	}
}

// TestCachedSessionLastSeen: the cache writes last_seen as the table did, at most once per
// touchEvery, so the idle time of a busy session keeps restarting.
func TestCachedSessionLastSeen(t *testing.T) {
	ctx := context.Background()
	_, sessions, _, token := cachedFixture(t)
	stored := func() time.Time {
		t.Helper()
		var at time.Time
		if err := sessions.db.QueryRow(`SELECT last_seen FROM sessions`).Scan(&at); err != nil {
			t.Fatal(err)
		}
		return at
	}
	for _, v := range []struct {
		at, stored time.Duration
	}{
		{30 * time.Second, 0},
		{time.Minute - time.Microsecond, 0},
		{time.Minute, time.Minute},
		{time.Minute + 30*time.Second, time.Minute},
		{29 * time.Minute, 29 * time.Minute},
		{58 * time.Minute, 58 * time.Minute},
	} {
		sess, err := sessions.Lookup(ctx, token, t0.Add(v.at))
		if err != nil {
			t.Fatalf("visit at +%s: %v", v.at, err)
		}
		if want := t0.Add(v.stored); !stored().Equal(want) || !sess.LastSeen.Equal(want) {
			t.Errorf("visit at +%s: last_seen %s in the table, %s in the session; want %s", v.at, stored(), sess.LastSeen, want)
		}
	}
	if _, err := sessions.Lookup(ctx, token, t0.Add(58*time.Minute+IdleTimeout)); !errors.Is(err, ErrExpired) {
		t.Errorf("after idling from the last write: %v", err)
	}
}

// TestCachedSessionDeletedElsewhere: a session ended through a Users not wired to these
// Sessions (another process, or NewUsers) is found out at the next last_seen write, at most
// touchEvery later.
func TestCachedSessionDeletedElsewhere(t *testing.T) {
	ctx := context.Background()
	_, sessions, sri, token := cachedFixture(t)
	unwired := &Users{db: sessions.db}
	if err := unwired.Disable(ctx, Actor{Name: "cli"}, sri.Username, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := sessions.Lookup(ctx, token, t0.Add(30*time.Second)); err != nil {
		t.Errorf("within touchEvery the cached copy answers without the table: %v", err)
	}
	if _, err := sessions.Lookup(ctx, token, t0.Add(time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Errorf("at the last_seen write: %v, want not found", err)
	}
	if _, err := sessions.Lookup(ctx, token, t0.Add(time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Errorf("after: %v, want not found", err)
	}
}

// TestSessionCacheBounded: past its bound the cache drops sessions, which then come from the
// table again.
func TestSessionCacheBounded(t *testing.T) {
	ctx := context.Background()
	_, sessions, sri := sessionFixture(t)
	sessions.cache = newSessionCache(2)
	var tokens []string
	for range 5 {
		token, _, err := sessions.Create(ctx, sri, t0)
		if err != nil {
			t.Fatal(err)
		}
		tokens = append(tokens, token)
	}
	for round := range 2 {
		for _, token := range tokens {
			if _, err := sessions.Lookup(ctx, token, t0.Add(time.Duration(round)*time.Second)); err != nil {
				t.Fatal(err)
			}
			if n := sessions.cache.len(); n > 2 {
				t.Fatalf("%d sessions cached, bound 2", n)
			}
		}
	}
}

// TestSessionCacheLogoutRace: a lookup that read the table before a logout does not put the
// ended session back into memory (run with -race).
func TestSessionCacheLogoutRace(t *testing.T) {
	ctx := context.Background()
	_, sessions, sri := sessionFixture(t)
	for range 20 {
		token, _, err := sessions.Create(ctx, sri, t0)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() { _, _ = sessions.Lookup(ctx, token, t0.Add(time.Second)) })
		}
		if err := sessions.Delete(ctx, token); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		if _, err := sessions.Lookup(ctx, token, t0.Add(2*time.Second)); !errors.Is(err, ErrNotFound) {
			t.Fatalf("after logout: %v", err)
		}
	}
}
