package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
)

// Synopses of the subcommands of 'timbang user'.
const (
	userAddSynopsis     = "user add --db PATH --username NAME --role admin|planner|agency-head|viewer [--region CODE]... [--agency CODE]... --password-stdin"
	userListSynopsis    = "user list --db PATH"
	userDisableSynopsis = "user disable --db PATH --username NAME"
	userPasswdSynopsis  = "user passwd --db PATH --username NAME --password-stdin"
)

// userCommands are the subcommands of 'timbang user', in the order help lists them.
var userCommands = []struct {
	name, synopsis string
	run            commandFunc
}{
	{"add", userAddSynopsis, runUserAdd},
	{"list", userListSynopsis, runUserList},
	{"disable", userDisableSynopsis, runUserDisable},
	{"passwd", userPasswdSynopsis, runUserPasswd},
}

// cliActor is who the audit log says made a change from the command line.
var cliActor = accounts.Actor{Name: "cli"}

func runUser(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		userUsage(stderr)
		return fmt.Errorf("%w: name a subcommand: add, list, disable or passwd", errUsage)
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		userUsage(stdout)
		return nil
	}
	for _, sub := range userCommands {
		if sub.name == args[0] {
			return sub.run(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	userUsage(stderr)
	return fmt.Errorf("%w: unknown subcommand %q of user: want add, list, disable or passwd", errUsage, args[0])
}

func userUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: timbang user add|list|disable|passwd [flags]")
	fmt.Fprintln(w)
	for _, sub := range userCommands {
		fmt.Fprintln(w, "  timbang "+sub.synopsis)
	}
	fmt.Fprintln(w, `
A planner is scoped to regions (--region, a Kemendagri code such as 36.73), an agency head to
agencies (--agency), a viewer to either; an admin sees everything. Repeat --region or --agency,
or separate codes with commas, for more than one.

Passwords are read from standard input only, never from the command line, where other users
of the machine can see them (ps, shell history). Pipe one line, e.g.
  echo "$PASSWORD" | timbang user passwd --username sri --password-stdin
or run the command on a terminal to be asked for it without echo.

Every subcommand takes:`)
	fs := flag.NewFlagSet("user", flag.ContinueOnError)
	fs.SetOutput(w)
	dbFlag(fs)
	fs.PrintDefaults()
	fmt.Fprintln(w, "\nRun 'timbang user SUBCOMMAND --help' for the flags of one.")
}

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "timbang.duckdb", "database `file`")
}

// codeList collects a flag that may be repeated or given comma-separated values.
type codeList []string

func (c *codeList) String() string { return strings.Join(*c, ",") }

func (c *codeList) Set(v string) error {
	*c = append(*c, strings.Split(v, ",")...)
	return nil
}

// userFlags are the flags the subcommands that name a user share.
type userFlags struct {
	*flag.FlagSet
	db        *string
	username  *string
	fromStdin *bool // nil for a subcommand that takes no password
}

func newUserFlags(name, synopsis string, stdout io.Writer, usernameHelp string, takesPassword bool) *userFlags {
	f := &userFlags{FlagSet: newFlags(name, synopsis, stdout)}
	f.db = dbFlag(f.FlagSet)
	f.username = f.String("username", "", usernameHelp)
	if takesPassword {
		f.fromStdin = f.Bool("password-stdin", false, "read the password from standard input (required: a password is never an argument)")
	}
	return f
}

// parse refuses a password argument before the flag parser could echo it, parses args and
// requires --username.
func (f *userFlags) parse(args []string) (help bool, err error) {
	if f.fromStdin != nil {
		if err := refusePasswordArgument(args); err != nil {
			return false, err
		}
	}
	if help, err := parseFlags(f.FlagSet, args); help || err != nil {
		return help, err
	}
	if *f.username == "" {
		return false, fmt.Errorf("%w: --username is required", errUsage)
	}
	return false, nil
}

func runUserAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newUserFlags("user add", userAddSynopsis, stdout,
		"login `name`: 2 to 64 letters, digits, '.', '_' or '-'; case does not matter", true)
	roleName := fs.String("role", "", "`role`: admin, planner, agency-head or viewer")
	var scope accounts.Scope
	fs.Var((*codeList)(&scope.Regions), "region", "Kemendagri region `code` the user sees, e.g. 36 or 36.73 (planner, viewer)")
	fs.Var((*codeList)(&scope.Agencies), "agency", "agency `code` the user sees, e.g. 36.73-disdik (agency-head, viewer)")
	if help, err := fs.parse(args); help || err != nil {
		return err
	}
	role, err := accounts.ParseRole(*roleName)
	if err != nil {
		return fmt.Errorf("%w: --role: %v", errUsage, err)
	}
	if err := role.CheckScope(scope); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	password, err := readPassword(*fs.fromStdin, stdin, stderr, *fs.username)
	if err != nil {
		return err
	}
	return withUsers(ctx, *fs.db, stderr, func(users *accounts.Users) error {
		user, err := users.Add(ctx, cliActor, accounts.NewUser{Username: *fs.username, Role: role, Scope: scope, Password: password}, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "added %s %s, scope %s\n", user.Role, user.Username, user.Scope)
		return nil
	})
}

func runUserList(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("user list", userListSynopsis, stdout)
	dbPath := dbFlag(fs)
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	return withUsers(ctx, *dbPath, stderr, func(users *accounts.Users) error {
		list, err := users.List(ctx)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			fmt.Fprintln(stdout, "no users yet; add one with 'timbang user add'")
			return nil
		}
		now := time.Now()
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "USERNAME\tROLE\tSCOPE\tDISABLED\tLOCKED")
		for _, u := range list {
			locked := "no"
			if u.Locked(now) {
				locked = "until " + u.LockedUntil.Format("2006-01-02 15:04 MST")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Username, u.Role, u.Scope, yesNo(u.Disabled), locked)
		}
		return tw.Flush()
	})
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func runUserDisable(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newUserFlags("user disable", userDisableSynopsis, stdout, "login `name` of the user to disable", false)
	if help, err := fs.parse(args); help || err != nil {
		return err
	}
	return withUsers(ctx, *fs.db, stderr, func(users *accounts.Users) error {
		if err := users.Disable(ctx, cliActor, *fs.username, time.Now()); err != nil {
			return err
		}
		name, _ := accounts.NormalizeUsername(*fs.username) // Disable succeeded: the name is well formed
		fmt.Fprintf(stdout, "disabled %s; any session of theirs has ended\n", name)
		return nil
	})
}

func runUserPasswd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newUserFlags("user passwd", userPasswdSynopsis, stdout, "login `name` of the user", true)
	if help, err := fs.parse(args); help || err != nil {
		return err
	}
	password, err := readPassword(*fs.fromStdin, stdin, stderr, *fs.username)
	if err != nil {
		return err
	}
	return withUsers(ctx, *fs.db, stderr, func(users *accounts.Users) error {
		if err := users.SetPassword(ctx, cliActor, *fs.username, password, time.Now()); err != nil {
			return err
		}
		name, _ := accounts.NormalizeUsername(*fs.username) // SetPassword succeeded: the name is well formed
		fmt.Fprintf(stdout, "new password set for %s; any lock is lifted and any session of theirs has ended\n", name)
		return nil
	})
}

// withUsers opens the database for one user command. While a server holds the file, data.Open
// says which process it is and that it must be stopped first.
func withUsers(ctx context.Context, dbPath string, stderr io.Writer, do func(*accounts.Users) error) error {
	store, err := data.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer closeStore(store, stderr)
	return do(accounts.NewUsers(store))
}

// refusePasswordArgument stops a password typed as a flag before the flag parser can echo it in
// an error, and says what to do instead.
func refusePasswordArgument(args []string) error {
	for _, a := range args {
		if a == "--" {
			break
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && (name == "password" || name == "pass" || name == "pw") {
			return fmt.Errorf("%w: a password is not accepted as an argument, where other users of the machine can see it "+
				"(ps, shell history); give it on standard input with --password-stdin, e.g. "+
				`echo "$PASSWORD" | timbang user ... --password-stdin`, errUsage)
		}
	}
	return nil
}

// readPassword reads the password from standard input: asked for twice without echo on a
// terminal, otherwise the first line, without its line ending and otherwise as typed.
func readPassword(fromStdin bool, stdin io.Reader, stderr io.Writer, username string) (string, error) {
	if !fromStdin {
		return "", fmt.Errorf("%w: --password-stdin is required: pipe the password on standard input or type it when asked", errUsage)
	}
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return askPassword(int(f.Fd()), stderr, username)
	}
	// Two bytes over the limit for a line ending, one more so that an overlong password is
	// reported as too long instead of being cut.
	line, err := bufio.NewReader(io.LimitReader(stdin, accounts.MaxPasswordBytes+3)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password from standard input: %w", err)
	}
	password := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if password == "" {
		return "", fmt.Errorf("%w: no password on standard input", errUsage)
	}
	return password, accounts.CheckPassword(password)
}

func askPassword(fd int, stderr io.Writer, username string) (string, error) {
	fmt.Fprintf(stderr, "New password for %s (at least %d characters): ", username, accounts.MinPasswordLength)
	first, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	if err := accounts.CheckPassword(string(first)); err != nil {
		return "", err
	}
	fmt.Fprint(stderr, "Same password again: ")
	again, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	if !bytes.Equal(again, first) {
		return "", errors.New("the two passwords differ; nothing was changed")
	}
	return string(first), nil
}
