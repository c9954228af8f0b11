package accounts

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/datatest"
)

// t0 is the tests' clock, in WIB, so that any place that forgets to store UTC shows up as a
// seven-hour error.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("WIB", 7*60*60))

const goodPassword = "kopi tubruk pagi hari"

var cli = Actor{Name: "cli"}

// accountsStore is a fresh database with the reference regions and two agencies of Kota
// Serang (36.73), enough to scope users without loading the demo.
func accountsStore(t *testing.T) *data.Store {
	t.Helper()
	store := datatest.Store(t)
	if _, err := store.DB().Exec(`INSERT INTO agencies VALUES
		('36.73-disdik', 'Dinas Pendidikan Kota Serang', '36.73', 'pendidikan'),
		('36.73-dinkes', 'Dinas Kesehatan Kota Serang', '36.73', 'kesehatan')`); err != nil {
		t.Fatal(err)
	}
	return store
}

func mustAdd(t *testing.T, users *Users, nu NewUser) User {
	t.Helper()
	if nu.Password == "" {
		nu.Password = goodPassword
	}
	u, err := users.Add(context.Background(), cli, nu, t0)
	if err != nil {
		t.Fatalf("add %s: %v", nu.Username, err)
	}
	return u
}

func TestAddRefuses(t *testing.T) {
	users := NewUsers(accountsStore(t))
	mustAdd(t, users, NewUser{Username: "Budi", Role: RoleAdmin})
	planner := func(regions ...string) Scope { return Scope{Regions: regions} }
	for _, tc := range []struct {
		name string
		nu   NewUser
		want error
	}{
		{"taken, other case", NewUser{Username: "BUDI", Role: RoleAdmin}, ErrExists},
		{"taken, spaces", NewUser{Username: " budi ", Role: RoleAdmin}, ErrExists},
		{"one letter", NewUser{Username: "b", Role: RoleAdmin}, ErrInvalid},
		{"space inside", NewUser{Username: "budi santoso", Role: RoleAdmin}, ErrInvalid},
		{"Kelvin sign", NewUser{Username: "\u212Aevin", Role: RoleAdmin}, ErrInvalid},
		{"leading dot", NewUser{Username: ".budi", Role: RoleAdmin}, ErrInvalid},
		{"65 characters", NewUser{Username: strings.Repeat("a", 65), Role: RoleAdmin}, ErrInvalid},
		{"unknown role", NewUser{Username: "sri", Role: "root"}, ErrInvalid},
		{"short password", NewUser{Username: "sri", Role: RoleAdmin, Password: "rahasia"}, ErrInvalid},
		{"planner without region", NewUser{Username: "sri", Role: RolePlanner}, ErrInvalid},
		{"planner with blank region", NewUser{Username: "sri", Role: RolePlanner, Scope: planner(" ")}, ErrInvalid},
		{"unknown region", NewUser{Username: "sri", Role: RolePlanner, Scope: planner("36.99")}, ErrInvalid},
		{"region name, not code", NewUser{Username: "sri", Role: RolePlanner, Scope: planner("Kota Serang")}, ErrInvalid},
		{"unknown agency", NewUser{Username: "sri", Role: RoleAgencyHead, Scope: Scope{Agencies: []string{"36.73-dishub"}}}, ErrInvalid},
		{"admin with scope", NewUser{Username: "sri", Role: RoleAdmin, Scope: planner("36.73")}, ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.nu.Password == "" {
				tc.nu.Password = goodPassword
			}
			_, err := users.Add(context.Background(), cli, tc.nu, t0)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	list, err := users.List(context.Background())
	if err != nil || len(list) != 1 {
		t.Fatalf("after refused adds: %d users, %v", len(list), err)
	}
}

func TestAddGetList(t *testing.T) {
	ctx := context.Background()
	store := accountsStore(t)
	users := NewUsers(store)
	mustAdd(t, users, NewUser{Username: "Admin.Utama", Role: RoleAdmin})
	added := mustAdd(t, users, NewUser{Username: "sri", Role: RolePlanner, Scope: Scope{Regions: []string{"36.73", " 36", "36.73"}}})
	mustAdd(t, users, NewUser{Username: "kadis_pendidikan", Role: RoleAgencyHead, Scope: Scope{Agencies: []string{"36.73-disdik"}}})
	mustAdd(t, users, NewUser{Username: "tamu", Role: RoleViewer,
		Scope: Scope{Regions: []string{"36.73.05"}, Agencies: []string{"36.73-dinkes"}}})

	got, err := users.Get(ctx, "SRI")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != added.ID || got.Username != "sri" || got.Role != RolePlanner || got.Scope.String() != "region:36,36.73" ||
		got.Disabled || got.Locked(t0) || !got.CreatedAt.Equal(t0) || got.CreatedAt.Location() != time.UTC {
		t.Errorf("Get: %+v", got)
	}
	if _, err := users.Get(ctx, "nobody"); !errors.Is(err, ErrNotFound) || !errors.Is(err, data.ErrNotFound) {
		t.Errorf("Get unknown: %v", err)
	}
	if _, err := users.Get(ctx, "no body"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get malformed: %v", err)
	}

	list, err := users.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, u := range list {
		lines = append(lines, u.Username+" "+string(u.Role)+" "+u.Scope.String())
	}
	want := []string{
		"admin.utama admin all",
		"kadis_pendidikan agency-head agency:36.73-disdik",
		"sri planner region:36,36.73",
		"tamu viewer region:36.73.05 agency:36.73-dinkes",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("List:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}

	entries, err := NewAudit(store).List(ctx, Filter{Action: ActionUserAdd})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 || entries[0].Actor != "cli" || entries[0].Detail != "user tamu (viewer)" ||
		entries[0].Scope != "region:36.73.05 agency:36.73-dinkes" {
		t.Errorf("audit of adds: %+v", entries)
	}
	var hash string
	if err := store.DB().QueryRow(`SELECT password_hash FROM users WHERE username = 'sri'`).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(hash, goodPassword) || !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("stored hash %s", hash)
	}
}

func TestDisable(t *testing.T) {
	ctx := context.Background()
	store := accountsStore(t)
	users, sessions := NewUsers(store), NewSessions(store)
	admin := mustAdd(t, users, NewUser{Username: "admin", Role: RoleAdmin})
	sri := mustAdd(t, users, NewUser{Username: "sri", Role: RolePlanner, Scope: Scope{Regions: []string{"36.73"}}})
	token, _, err := sessions.Create(ctx, sri, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := users.Disable(ctx, cli, "admin", t0); !errors.Is(err, ErrLastAdmin) {
		t.Errorf("disabling the only admin: %v", err)
	}
	if err := users.Disable(ctx, cli, "Sri", t0); err != nil {
		t.Fatal(err)
	}
	if err := users.Disable(ctx, cli, "sri", t0); err != nil {
		t.Errorf("disabling again: %v", err)
	}
	if err := users.Disable(ctx, cli, "nobody", t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("disabling an unknown user: %v", err)
	}
	if _, err := sessions.Lookup(ctx, token, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("session of a disabled user: %v", err)
	}
	if _, err := users.Authenticate(ctx, "sri", goodPassword, "", t0); !errors.Is(err, ErrDisabled) {
		t.Errorf("right password of a disabled user: %v", err)
	}
	if _, err := users.Authenticate(ctx, "sri", "salah salah salah", "", t0); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("wrong password of a disabled user: %v", err)
	}
	// With a second admin, the first may go.
	mustAdd(t, users, NewUser{Username: "admin2", Role: RoleAdmin})
	if err := users.Disable(ctx, Actor{Name: "admin2", Remote: "10.0.0.9"}, admin.Username, t0); err != nil {
		t.Errorf("disabling one of two admins: %v", err)
	}
	if err := users.Disable(ctx, cli, "admin2", t0); !errors.Is(err, ErrLastAdmin) {
		t.Errorf("disabling the last enabled admin: %v", err)
	}
	entries, err := NewAudit(store).List(ctx, Filter{Action: ActionUserDisable})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Actor != "admin2" || entries[0].Remote != "10.0.0.9" || entries[0].Detail != "user admin" {
		t.Errorf("audit of disables (once each, not for refusals or repeats): %+v", entries)
	}
}

func TestSetPassword(t *testing.T) {
	ctx := context.Background()
	store := accountsStore(t)
	users, sessions := NewUsers(store), NewSessions(store)
	sri := mustAdd(t, users, NewUser{Username: "sri", Role: RolePlanner, Scope: Scope{Regions: []string{"36.73"}}})
	token, _, err := sessions.Create(ctx, sri, t0)
	if err != nil {
		t.Fatal(err)
	}
	for range MaxFailedLogins {
		_, _ = users.Authenticate(ctx, "sri", "salah salah salah", "", t0)
	}
	if u, _ := users.Get(ctx, "sri"); !u.Locked(t0) {
		t.Fatal("not locked after the failures")
	}
	if err := users.SetPassword(ctx, cli, "sri", "pendek", t0); !errors.Is(err, ErrInvalid) {
		t.Errorf("short password: %v", err)
	}
	if err := users.SetPassword(ctx, cli, "nobody", "es jeruk dingin", t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown user: %v", err)
	}
	if err := users.SetPassword(ctx, cli, "sri", "es jeruk dingin", t0); err != nil {
		t.Fatal(err)
	}
	if _, err := sessions.Lookup(ctx, token, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("session survived the password change: %v", err)
	}
	if _, err := users.Authenticate(ctx, "sri", goodPassword, "", t0); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("old password: %v", err)
	}
	if _, err := users.Authenticate(ctx, "sri", "es jeruk dingin", "", t0); err != nil {
		t.Errorf("new password, right after a lock (a reset lifts it): %v", err)
	}
}
