package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
)

// TestMain lets a test run this very binary as the timbang command, so a second process can
// be made to meet a database another process holds.
func TestMain(m *testing.M) {
	if os.Getenv("TIMBANG_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runCLI(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return runCLIInput(t, "", args...)
}

// runCLIInput runs timbang with stdin as its standard input.
func runCLIInput(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestHelpOnEveryCommand(t *testing.T) {
	out, _, err := runCLI(t, "--help")
	if err != nil || !strings.Contains(out, "serve") || !strings.Contains(out, "demo") {
		t.Fatalf("timbang --help: %v\n%s", err, out)
	}
	for name := range commands {
		out, _, err := runCLI(t, name, "--help")
		if err != nil || !strings.Contains(out, "Usage: timbang "+name) || !strings.Contains(out, "  -") {
			t.Errorf("timbang %s --help: %v\n%s", name, err, out)
		}
	}
	if _, _, err := runCLI(t, "frobnicate"); !errors.Is(err, errUsage) || exitCode(err) != 2 {
		t.Errorf("unknown command: %v", err)
	}
	if _, _, err := runCLI(t, "demo", "--scale", "galactic"); !errors.Is(err, errUsage) {
		t.Errorf("bad scale: %v", err)
	}
	if _, _, err := runCLI(t, "serve", "stray-argument"); !errors.Is(err, errUsage) {
		t.Errorf("stray argument: %v", err)
	}
	if _, _, err := runCLI(t, "serve", "--query-threads", "0"); !errors.Is(err, errUsage) {
		t.Errorf("no query threads: %v", err)
	}
}

func TestDemoCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.duckdb")
	out, _, err := runCLI(t, "demo", "--db", db, "--scale", "test", "--seed", "7")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`demo test \(seed 7\) loaded .* \d+ units, \d+ staff`).MatchString(out) {
		t.Errorf("summary: %s", out)
	}
	// A second load would duplicate everything: it must refuse and change nothing.
	before := dataVersion(t, db)
	if _, _, err := runCLI(t, "demo", "--db", db, "--scale", "test"); err == nil {
		t.Error("loading the demo into a database with units succeeded")
	}
	if after := dataVersion(t, db); after != before {
		t.Errorf("refused load moved the data version from %d to %d", before, after)
	}
}

func dataVersion(t *testing.T, db string) int {
	t.Helper()
	store, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = store.Close() }()
	var version int
	if err := store.DB().QueryRow(`SELECT version FROM data_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	return version
}

// TestLockedDatabase: a second process that wants a database the first holds is told which
// process holds it and what to do, at once, instead of hanging; so is one managing users.
func TestLockedDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "held.duckdb")
	store, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = store.Close() }()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"demo", "--db", db, "--scale", "test"},
		{"user", "list", "--db", db},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		cmd := exec.CommandContext(ctx, self, args...)
		cmd.Env = append(os.Environ(), "TIMBANG_RUN_MAIN=1")
		out, err := cmd.CombinedOutput()
		cancel()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("second process %s: %v\n%s", args[0], err, out)
		}
		msg := string(out)
		for _, want := range []string{"in use by another process", "process " + strconv.Itoa(os.Getpid()), "stop that process", "/import", db} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: message lacks %q:\n%s", args[0], want, msg)
			}
		}
	}
}

// TestServeAndShutdown starts the server on a free port with the test demo, fetches pages and
// stops it as SIGINT would, by cancelling its context.
func TestServeAndShutdown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.duckdb")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--demo", "--demo-scale", "test"}, strings.NewReader(""), pw, io.Discard)
		_ = pw.Close()
		done <- err
	}()
	addr := ""
	lines := bufio.NewScanner(pr)
	for addr == "" && lines.Scan() {
		if m := regexp.MustCompile(`serving http://(\S+)`).FindStringSubmatch(lines.Text()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("server never said where it listens: %v", <-done)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	client := &http.Client{Timeout: 30 * time.Second}
	for _, path := range []string{"/healthz", "/", "/region/36.73.05"} {
		res, err := client.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("GET %s: %d", path, res.StatusCode)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop within 20 s of cancellation")
	}
}
