package accounts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"
)

func sessionFixture(t *testing.T) (*Users, *Sessions, User) {
	t.Helper()
	store := accountsStore(t)
	users := NewUsers(store)
	sri := mustAdd(t, users, NewUser{Username: "sri", Role: RolePlanner, Scope: Scope{Regions: []string{"36.73"}}})
	return users, NewSessions(store), sri
}

func TestSessionStoresOnlyTheTokenHash(t *testing.T) {
	ctx := context.Background()
	store := accountsStore(t)
	sri := mustAdd(t, NewUsers(store), NewUser{Username: "sri", Role: RolePlanner, Scope: Scope{Regions: []string{"36.73"}}})
	token, sess, err := NewSessions(store).Create(ctx, sri, t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(token) != 43 || strings.ContainsAny(token, "+/=") || len(sess.CSRFToken) != 43 || token == sess.CSRFToken {
		t.Errorf("token %q, CSRF token %q: want two different 32-byte base64url strings", token, sess.CSRFToken)
	}
	var stored string
	if err := store.DB().QueryRow(`SELECT string_agg(token_hash || user_id || csrf_token, '') FROM sessions`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(token))
	if strings.Contains(stored, token) || !strings.HasPrefix(stored, hex.EncodeToString(sum[:])) {
		t.Errorf("sessions table holds %q for token %q: want its SHA-256 and never the token", stored, token)
	}
	if !sess.ExpiresAt.Equal(t0.Add(AbsoluteTimeout)) || sess.CreatedAt.Location() != time.UTC {
		t.Errorf("session %+v", sess)
	}
}

// TestSessionFixation: a token is only ever one Create made. A token the client picked, even a
// well-formed one, is refused; a login hands out a new token; logging out ends the old one.
func TestSessionFixation(t *testing.T) {
	ctx := context.Background()
	_, sessions, sri := sessionFixture(t)
	planted := newToken() // the shape of a real token, but never created
	for _, token := range []string{planted, "", "admin", strings.Repeat("A", 43), strings.Repeat("A", 43) + "="} {
		if _, err := sessions.Lookup(ctx, token, t0); !errors.Is(err, ErrNotFound) {
			t.Errorf("client-chosen token %q: %v", token, err)
		}
	}
	first, _, err := sessions.Create(ctx, sri, t0)
	if err != nil {
		t.Fatal(err)
	}
	// Logging in again from a browser that holds the first token.
	second, _, err := sessions.Create(ctx, sri, t0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if second == first || second == planted {
		t.Fatal("a login reused a token")
	}
	if err := sessions.Delete(ctx, first); err != nil {
		t.Fatal(err)
	}
	if _, err := sessions.Lookup(ctx, first, t0.Add(2*time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Errorf("token after logout: %v", err)
	}
	sess, err := sessions.Lookup(ctx, second, t0.Add(2*time.Minute))
	if err != nil || sess.User.Username != "sri" || sess.User.Scope.String() != "region:36.73" || sess.User.Role != RolePlanner {
		t.Errorf("new token: %+v %v", sess, err)
	}
	if err := sessions.Delete(ctx, planted); err != nil {
		t.Errorf("logging out an unknown token: %v", err)
	}
}

func TestSessionExpiry(t *testing.T) {
	ctx := context.Background()
	_, sessions, sri := sessionFixture(t)
	type visit struct {
		at   time.Duration // after the session was created
		want error
	}
	for _, tc := range []struct {
		name   string
		visits []visit
	}{
		{"idle just under the limit", []visit{{IdleTimeout - time.Microsecond, nil}}},
		{"idle at the limit", []visit{{IdleTimeout, ErrExpired}}},
		{"each visit restarts the idle time", []visit{
			{29 * time.Minute, nil}, {58 * time.Minute, nil}, {87 * time.Minute, nil}, {117 * time.Minute, ErrExpired}}},
		// last_seen is written at most once a minute, so a visit 30 s in does not move it.
		{"visits under a minute apart are not written", []visit{
			{30 * time.Second, nil}, {IdleTimeout, ErrExpired}}},
		{"absolute expiry however busy", func() []visit {
			var v []visit
			for at := 20 * time.Minute; at < AbsoluteTimeout; at += 20 * time.Minute {
				v = append(v, visit{at, nil})
			}
			return append(v, visit{AbsoluteTimeout - time.Microsecond, nil}, visit{AbsoluteTimeout, ErrExpired})
		}()},
		{"an expired session is gone, even for an earlier clock", []visit{
			{IdleTimeout, ErrExpired}, {time.Minute, ErrNotFound}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			token, _, err := sessions.Create(ctx, sri, t0)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range tc.visits {
				sess, err := sessions.Lookup(ctx, token, t0.Add(v.at))
				if !errors.Is(err, v.want) {
					t.Fatalf("visit at +%s: %v, want %v", v.at, err, v.want)
				}
				if err == nil && (sess.User.ID != sri.ID || !sess.ExpiresAt.Equal(t0.Add(AbsoluteTimeout))) {
					t.Fatalf("visit at +%s: %+v", v.at, sess)
				}
			}
		})
	}
}

func TestDeleteSessions(t *testing.T) {
	ctx := context.Background()
	users, sessions, sri := sessionFixture(t)
	tamu := mustAdd(t, users, NewUser{Username: "tamu", Role: RoleViewer, Scope: Scope{Regions: []string{"36"}}})
	sriA, _, _ := sessions.Create(ctx, sri, t0)
	sriB, _, _ := sessions.Create(ctx, sri, t0)
	tamuOld, _, _ := sessions.Create(ctx, tamu, t0)
	tamuNew, _, err := sessions.Create(ctx, tamu, t0.Add(IdleTimeout))
	if err != nil {
		t.Fatal(err)
	}
	if err := sessions.DeleteForUser(ctx, sri.ID); err != nil {
		t.Fatal(err)
	}
	n, err := sessions.DeleteExpired(ctx, t0.Add(IdleTimeout+time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("DeleteExpired: %d, %v; want tamu's idle session only", n, err)
	}
	for token, want := range map[string]error{sriA: ErrNotFound, sriB: ErrNotFound, tamuOld: ErrNotFound, tamuNew: nil} {
		if _, err := sessions.Lookup(ctx, token, t0.Add(IdleTimeout+time.Minute)); !errors.Is(err, want) {
			t.Errorf("lookup: %v, want %v", err, want)
		}
	}
}

func TestCSRFValid(t *testing.T) {
	sess := Session{CSRFToken: newToken()}
	for _, tc := range []struct {
		token string
		ok    bool
	}{
		{sess.CSRFToken, true},
		{"", false},
		{sess.CSRFToken[:42], false},
		{sess.CSRFToken + "A", false},
		{newToken(), false},
	} {
		if got := sess.CSRFValid(tc.token); got != tc.ok {
			t.Errorf("CSRFValid(%q) = %v", tc.token, got)
		}
	}
	if (Session{}).CSRFValid("") {
		t.Error("an empty CSRF token matched a session without one")
	}
}
