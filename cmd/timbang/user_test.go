package main

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
)

const (
	cliPassword = "kopi tubruk pagi hari"
	newPassword = "es jeruk dingin sekali"
)

// userDB is a database file with one agency, so agency heads can be scoped.
func userDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "users.duckdb")
	store, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = store.Close() }()
	if _, err := store.DB().Exec(`INSERT INTO agencies VALUES ('36.73-disdik', 'Dinas Pendidikan Kota Serang', '36.73', 'pendidikan')`); err != nil {
		t.Fatal(err)
	}
	return db
}

// withStore opens the database file the way the next command would, for checks.
func withStore(t *testing.T, db string, check func(*data.Store)) {
	t.Helper()
	store, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = store.Close() }()
	check(store)
}

func TestUserCommands(t *testing.T) {
	db := userDB(t)
	steps := []struct {
		stdin string
		args  []string
		out   string // a regular expression stdout must match
	}{
		{cliPassword + "\n", []string{"user", "add", "--db", db, "--username", "Admin", "--role", "admin", "--password-stdin"},
			`^added admin admin, scope all\n$`},
		{cliPassword + "\r\n", []string{"user", "add", "--db", db, "--username", "sri", "--role", "planner",
			"--region", "36.73", "--region", "36,36.73", "--password-stdin"}, `^added planner sri, scope region:36,36.73\n$`},
		{cliPassword, []string{"user", "add", "--db", db, "--username", "kadis", "--role", "agency-head",
			"--agency", "36.73-disdik", "--password-stdin"}, `agency-head kadis, scope agency:36.73-disdik`},
		{cliPassword, []string{"user", "add", "--db", db, "--username", "tamu", "--role", "viewer",
			"--region", "36.73.05", "--agency", "36.73-disdik", "--password-stdin"}, `viewer tamu`},
		{newPassword + "\nignored second line\n", []string{"user", "passwd", "--db", db, "--username", "SRI", "--password-stdin"},
			`^new password set for sri;`},
		{"", []string{"user", "disable", "--db", db, "--username", "tamu"}, `^disabled tamu;`},
		{"", []string{"user", "list", "--db", db}, `(?m)^USERNAME +ROLE +SCOPE +DISABLED +LOCKED\n` +
			`admin +admin +all +no +no\n` +
			`kadis +agency-head +agency:36.73-disdik +no +no\n` +
			`sri +planner +region:36,36.73 +no +no\n` +
			`tamu +viewer +region:36.73.05 agency:36.73-disdik +yes +no\n$`},
	}
	for _, s := range steps {
		out, errOut, err := runCLIInput(t, s.stdin, s.args...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(s.args, " "), err, errOut)
		}
		if !regexp.MustCompile(s.out).MatchString(out) {
			t.Fatalf("%s: stdout\n%s\ndoes not match %s", strings.Join(s.args, " "), out, s.out)
		}
		if strings.Contains(out+errOut, "kopi") || strings.Contains(out+errOut, "jeruk") {
			t.Fatalf("%s printed the password:\n%s%s", strings.Join(s.args, " "), out, errOut)
		}
	}

	withStore(t, db, func(store *data.Store) {
		ctx := context.Background()
		users := accounts.NewUsers(store)
		now := time.Now()
		if _, err := users.Authenticate(ctx, "sri", newPassword, "", now); err != nil {
			t.Errorf("sri with the password from passwd: %v", err)
		}
		if _, err := users.Authenticate(ctx, "admin", cliPassword, "", now); err != nil {
			t.Errorf("admin with the password from add: %v", err)
		}
		if _, err := users.Authenticate(ctx, "kadis", cliPassword, "", now); err != nil {
			t.Errorf("kadis, whose password had no line ending: %v", err)
		}
		if _, err := users.Authenticate(ctx, "tamu", cliPassword, "", now); !errors.Is(err, accounts.ErrDisabled) {
			t.Errorf("tamu after disable: %v", err)
		}
		entries, err := accounts.NewAudit(store).List(ctx, accounts.Filter{Actor: "cli"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, e.Action+" "+e.Detail+" "+e.Scope)
		}
		want := []string{
			"user_disable user tamu region:36.73.05 agency:36.73-disdik",
			"user_password user sri region:36,36.73",
			"user_add user tamu (viewer) region:36.73.05 agency:36.73-disdik",
			"user_add user kadis (agency-head) agency:36.73-disdik",
			"user_add user sri (planner) region:36,36.73",
			"user_add user admin (admin) all",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("audit log by cli:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func TestUserCommandRefusals(t *testing.T) {
	db := userDB(t)
	if _, errOut, err := runCLIInput(t, cliPassword, "user", "add", "--db", db, "--username", "admin", "--role", "admin", "--password-stdin"); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	add := func(extra ...string) []string {
		return append([]string{"user", "add", "--db", db}, extra...)
	}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		usage bool   // exit status 2
		want  string // in the error message
	}{
		{"no subcommand", "", []string{"user"}, true, "name a subcommand"},
		{"unknown subcommand", "", []string{"user", "remove"}, true, `unknown subcommand "remove"`},
		{"password as a flag", "", add("--username", "sri", "--role", "admin", "--password", "rahasia sekali ya"), true, "--password-stdin"},
		{"password flag with =", "", add("--username", "sri", "--role", "admin", "--password=rahasia sekali ya"), true, "standard input"},
		{"password flag on passwd", "", []string{"user", "passwd", "--db", db, "--username", "admin", "-password", "rahasia sekali ya"}, true, "standard input"},
		{"no --password-stdin", cliPassword, add("--username", "sri", "--role", "admin"), true, "--password-stdin is required"},
		{"no --password-stdin on passwd", cliPassword, []string{"user", "passwd", "--db", db, "--username", "admin"}, true, "--password-stdin is required"},
		{"empty standard input", "", add("--username", "sri", "--role", "admin", "--password-stdin"), true, "no password on standard input"},
		{"short password", "rahasia\n", add("--username", "sri", "--role", "admin", "--password-stdin"), false, "at least 12 characters, got 7"},
		{"no username", cliPassword, add("--role", "admin", "--password-stdin"), true, "--username is required"},
		{"unknown role", cliPassword, add("--username", "sri", "--role", "boss", "--password-stdin"), true, `role "boss"`},
		{"planner without region", cliPassword, add("--username", "sri", "--role", "planner", "--password-stdin"), true, "at least one --region"},
		{"agency head with region", cliPassword, add("--username", "sri", "--role", "agency-head", "--region", "36.73", "--password-stdin"), true, "--agency"},
		{"unknown region", cliPassword, add("--username", "sri", "--role", "planner", "--region", "36.99", "--password-stdin"), false, `"36.99" is not a Kemendagri region code`},
		{"unknown agency", cliPassword, add("--username", "sri", "--role", "agency-head", "--agency", "36.73-dishub", "--password-stdin"), false, `"36.73-dishub" is not an agency`},
		{"taken name", cliPassword, add("--username", "ADMIN", "--role", "admin", "--password-stdin"), false, "already exists"},
		{"bad name", cliPassword, add("--username", "sri wahyuni", "--role", "admin", "--password-stdin"), false, "username"},
		{"disable unknown", "", []string{"user", "disable", "--db", db, "--username", "nobody"}, false, "not found"},
		{"disable the last admin", "", []string{"user", "disable", "--db", db, "--username", "admin"}, false, "last enabled admin"},
		{"passwd unknown", newPassword, []string{"user", "passwd", "--db", db, "--username", "nobody", "--password-stdin"}, false, "not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, err := runCLIInput(t, tc.stdin, tc.args...)
			if err == nil {
				t.Fatalf("succeeded:\n%s", out)
			}
			if errors.Is(err, errUsage) != tc.usage || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v (usage %v), want %q (usage %v)", err, errors.Is(err, errUsage), tc.want, tc.usage)
			}
			if strings.Contains(err.Error()+out+errOut, "rahasia") || strings.Contains(err.Error()+out+errOut, "kopi") {
				t.Fatalf("the password was echoed: %v\n%s%s", err, out, errOut)
			}
		})
	}
	out, _, err := runCLI(t, "user", "list", "--db", db)
	if err != nil || strings.Count(out, "\n") != 2 {
		t.Errorf("after the refusals, list shows more than the admin: %v\n%s", err, out)
	}
}

func TestUserListEmpty(t *testing.T) {
	out, _, err := runCLI(t, "user", "list", "--db", userDB(t))
	if err != nil || !strings.Contains(out, "no users yet") {
		t.Errorf("%v\n%s", err, out)
	}
}

func TestUserHelp(t *testing.T) {
	for _, sub := range userCommands {
		out, _, err := runCLI(t, "user", sub.name, "--help")
		if err != nil || !strings.Contains(out, "Usage: timbang user "+sub.name) || !strings.Contains(out, "  -db file") {
			t.Errorf("timbang user %s --help: %v\n%s", sub.name, err, out)
		}
	}
}
