// Package e2e tests the dashboard in a real browser: headless Chromium, driven over the
// DevTools protocol by chromedp, against one in-process server on the city demo. Each test
// opens its own tab in its own browser context (fresh cookies), bounded by testTimeout, and
// fails on any console error, uncaught exception, failed request or request that leaves
// 127.0.0.1.
//
// The tests need Chromium (Debian's chromium package; `make test` and .ci/run install it). A
// missing browser fails every test: these tests are never skipped.
package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/dashboard"
	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
	"github.com/timbang/timbang/data/demo"
	"github.com/timbang/timbang/data/plans"
)

// testTimeout bounds every test, so a page that never loads or a click that never navigates
// fails the test instead of hanging the run.
const testTimeout = 60 * time.Second

// The package's shared fixtures, set by TestMain.
var (
	baseURL  string // http://127.0.0.1:<port>, no trailing slash
	unitPath string // a unit page linked from the Cipocok Jaya district page

	// The seeded admin: tabs are signed in with adminSession; TestLogin uses the password.
	adminSession string

	browserCtx context.Context // the running browser; tabs are made from it
	browserErr error           // why there is no browser; every test fails with it
)

const (
	adminName     = "e2eadmin"
	adminPassword = "kata sandi uji e2e yang panjang"
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

// runMain builds the fixtures, runs the tests and tears the fixtures down; its own function so
// the deferred teardown runs before os.Exit.
func runMain(m *testing.M) int {
	flag.Parse() // for testing.Verbose
	ctx := context.Background()

	start := time.Now()
	stopBrowser, err := startBrowser(ctx)
	if err != nil {
		// Every test fails with this message (in newTab), so `go test` names the cause in each
		// failing test; no server is needed for that.
		browserErr = err
		return m.Run()
	}
	defer stopBrowser()
	browserReady := time.Since(start)

	start = time.Now()
	stopServer, err := startServer(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: start server:", err)
		return 1
	}
	defer stopServer()
	if unitPath, err = findUnitPath(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	if testing.Verbose() {
		fmt.Printf("e2e: browser started in %s; city demo served at %s in %s\n",
			browserReady.Round(time.Millisecond), baseURL, time.Since(start).Round(time.Millisecond))
	}
	return m.Run()
}

// startServer serves the city demo from a fresh in-memory database on a free local port, with
// an admin whose session signs the tabs in (newTab).
func startServer(ctx context.Context) (stop func(), err error) {
	store, err := data.Open(ctx, "")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, store.Close())
		}
	}()
	if _, err := demo.Generate(ctx, store, demo.Options{Scale: demo.ScaleCity, Seed: 1}); err != nil {
		return nil, fmt.Errorf("generate city demo: %w", err)
	}
	an := analytics.New(store)
	if err := an.Refresh(ctx); err != nil {
		return nil, fmt.Errorf("refresh rollups: %w", err)
	}
	if err := seedPlan(ctx, store, an); err != nil {
		return nil, err
	}
	srv, err := dashboard.New(dashboard.Config{Analytics: an, Store: store})
	if err != nil {
		return nil, err
	}
	admin, err := accounts.NewUsers(store).Add(ctx, accounts.Actor{Name: "e2e"}, accounts.NewUser{
		Username: adminName, Role: accounts.RoleAdmin, Password: adminPassword}, time.Now())
	if err != nil {
		return nil, err
	}
	if adminSession, _, err = accounts.NewSessions(store).Create(ctx, admin, time.Now()); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	baseURL = "http://" + ln.Addr().String()
	app := srv.App()
	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	return func() { shutdown(app, served, store) }, nil
}

// seedPlan stores plan 1, Kota Serang's teachers, generated, for the pages to show.
func seedPlan(ctx context.Context, store *data.Store, an *analytics.Service) error {
	ps := plans.New(store)
	who := accounts.Actor{Name: "e2e"}
	id, err := ps.Create(ctx, who, plans.NewPlan{Name: "Guru Kota Serang", Region: "36.73", Cadres: []string{"guru"},
		Period: demo.Periods()[len(demo.Periods())-1]}, time.Now())
	if err != nil {
		return err
	}
	res, err := an.For(analytics.Scope{}).Plan(ctx, analytics.PlanRequest{Region: "36.73", Cadres: []string{"guru"},
		Rules: analytics.DefaultPlanRules(time.Now())})
	if err != nil {
		return err
	}
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	return ps.SetResult(ctx, who, id, b, "seeded", time.Now())
}

func shutdown(app *fiber.App, served <-chan error, store *data.Store) {
	if err := app.ShutdownWithTimeout(10 * time.Second); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: shut down server:", err)
	}
	if err := <-served; err != nil {
		fmt.Fprintln(os.Stderr, "e2e: server:", err)
	}
	if err := store.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: close database:", err)
	}
}

// findUnitPath takes the first unit row of the Cipocok Jaya district page.
func findUnitPath() (string, error) {
	const district = "/region/36.73.05"
	body, err := httpGet(baseURL + district)
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`<tr data-href="(/unit/[^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		return "", fmt.Errorf("no unit row (tr data-href=\"/unit/...\") on %s", district)
	}
	return m[1], nil
}

func httpGet(url string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, http.NoBody)
	if err != nil {
		return "", err
	}
	req.AddCookie(&http.Cookie{Name: dashboard.SessionCookie, Value: adminSession})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("GET %s: %w", url, err)
	}
	b, err := io.ReadAll(res.Body)
	if cerr := res.Body.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("GET %s: %w", url, err)
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: status %d", url, res.StatusCode)
	}
	return string(b), nil
}

// chromiumPath is $CHROMIUM, else Debian's /usr/bin/chromium.
func chromiumPath() (string, error) {
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("chromium not found: apt-get install chromium or make test installs it (looked for %s; set $CHROMIUM to use another binary)", path)
	}
	return path, nil
}

// startBrowser launches headless Chromium with a fresh profile and only the flags below: no
// GPU, no sync, no component updates, no background or QUIC traffic, so nothing leaves the
// machine. chromedp talks to it over a pipe (--remote-debugging-pipe), not a port.
func startBrowser(ctx context.Context) (stop func(), err error) {
	path, err := chromiumPath()
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "timbang-e2e-chromium-")
	if err != nil {
		return nil, fmt.Errorf("chromium profile: %w", err)
	}
	output := &tailBuffer{max: 4096}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		// chromedp.Headless and chromedp.DisableGPU would add flags of their own
		// (hide-scrollbars, mute-audio, enable-unsafe-swiftshader); set the bare flags.
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
		chromedp.CombinedOutput(output),
	)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	stop = func() {
		if err := chromedp.Cancel(bctx); err != nil && !errors.Is(err, context.Canceled) {
			fmt.Fprintln(os.Stderr, "e2e: close chromium:", err)
		}
		cancelBrowser()
		cancelAlloc() // waits for the browser process to exit
		if err := os.RemoveAll(profile); err != nil {
			fmt.Fprintln(os.Stderr, "e2e: remove chromium profile:", err)
		}
	}
	// The first Do starts the browser and ties its life to the context it is given, so it
	// gets bctx itself; the timer bounds the start.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(bctx) }()
	select {
	case err = <-started:
	case <-time.After(testTimeout):
		err = fmt.Errorf("no answer after %s", testTimeout)
	}
	if err != nil {
		stop()
		return nil, fmt.Errorf("start chromium %s: %w\n%s", path, err, output)
	}
	browserCtx = bctx
	return stop, nil
}

// tailBuffer keeps the last max bytes the browser printed, for the error when it fails to
// start.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (w *tailBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b = append(w.b, p...)
	if len(w.b) > w.max {
		w.b = w.b[len(w.b)-w.max:]
	}
	return len(p), nil
}

func (w *tailBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.TrimSpace(string(w.b))
}

// repoRoot is the directory holding go.mod, found by walking up from the package directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}
