package dashboard

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
)

// The national-scale benchmarks (issue 8) read a database made once with
//
//	go run ./cmd/timbang demo --db /tmp/national.duckdb --scale national
//
// and run only when TIMBANG_BENCH_NATIONAL names it, so `make test` never builds one:
//
//	TIMBANG_BENCH_NATIONAL=/tmp/national.duckdb make bench
//
// They report medians and tails rather than means: the machines they run on are shared.
const nationalEnv = "TIMBANG_BENCH_NATIONAL"

// nationalServer opens the national database and a server on it, with an admin logged in.
func nationalServer(b *testing.B, cacheBytes int) (*Server, client, *data.Store) {
	b.Helper()
	path := os.Getenv(nationalEnv)
	if path == "" {
		b.Skip("set " + nationalEnv + " to a national demo database (see bench_test.go)")
	}
	if _, err := os.Stat(path); err != nil { // a missing file would open as an empty database
		b.Fatalf("%s: %v", nationalEnv, err)
	}
	ctx := context.Background()
	store, err := data.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = store.Close() })
	// DuckDB's threads as `timbang serve` sets them unless TIMBANG_BENCH_DUCKDB_THREADS says
	// otherwise.
	threads := DefaultQueryThreads
	if n, err := strconv.Atoi(os.Getenv("TIMBANG_BENCH_DUCKDB_THREADS")); err == nil {
		threads = n
	}
	if err := store.ServeThreads(ctx, threads); err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{Analytics: analytics.New(store), Store: store, CacheBytes: cacheBytes})
	if err != nil {
		b.Fatal(err)
	}
	return srv, logInBench(b, srv, store), store
}

// logInBench makes an admin and a session for it (logIn for benchmarks).
func logInBench(b *testing.B, srv *Server, store *data.Store) client {
	b.Helper()
	ctx := context.Background()
	name := "bench" + strconv.FormatInt(time.Now().UnixNano(), 36)
	u, err := accounts.NewUsers(store).Add(ctx, accounts.Actor{Name: "bench"}, accounts.NewUser{
		Username: name, Role: accounts.RoleAdmin, Password: "correct horse battery staple"}, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	token, sess, err := accounts.NewSessions(store).Create(ctx, u, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	return client{app: srv.App(), token: token, csrf: sess.CSRFToken}
}

// timeGet requests target through cl and returns how long the server took.
func timeGet(b *testing.B, cl client, target string) time.Duration {
	b.Helper()
	start := time.Now()
	res, err := cl.Test(httptest.NewRequest(http.MethodGet, target, http.NoBody), -1)
	if err != nil {
		b.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, res.Body)
	_ = res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d", target, res.StatusCode)
	}
	d := time.Since(start)
	if n > 2<<20 {
		b.Errorf("GET %s shipped %d bytes", target, n)
	}
	return d
}

// quantile of sorted durations, in milliseconds.
func quantileMS(sorted []time.Duration, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return float64(sorted[min(len(sorted)-1, int(q*float64(len(sorted))))].Microseconds()) / 1000
}

// nationalTargets are pages of every kind under a range of filters: a province, a regency, an
// agency, a cadre, an older period; and overviews of districts, which scope_stats does not hold
// (their figures are added up from unit rows).
func nationalTargets(b *testing.B, srv *Server) (overview, district, agency, unit []string) {
	b.Helper()
	ctx := context.Background()
	o, err := srv.an.For(analytics.Scope{}).Options(ctx, "id")
	if err != nil {
		b.Fatal(err)
	}
	overview = []string{"/", "/?cadre=guru", "/?type=puskesmas"}
	for i, r := range o.Regions {
		switch {
		case r.Level <= 2 && i%50 == 0:
			overview = append(overview, "/?region="+r.Code)
		case r.Level == 3 && i%500 == 0:
			district = append(district, "/?region="+r.Code)
		}
	}
	overview = append(overview, "/?period="+o.Periods[0].Format("2006-01"))
	for i, a := range o.Agencies {
		if i%150 == 0 {
			agency = append(agency, "/agency/"+a.Code)
		}
	}
	page, err := srv.an.For(analytics.Scope{}).Units(ctx, analytics.Filter{Period: latest(o)}, analytics.SortRatio, 10, 0, "id")
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range page.Rows {
		unit = append(unit, "/unit/"+r.Code)
	}
	return overview, district, agency, unit
}

// BenchmarkNationalPages: server time of the overview, agency and unit pages with the response
// cache off, each target requested in turn; median and 95th percentile per kind, and the
// process's CPU time per request.
func BenchmarkNationalPages(b *testing.B) {
	srv, cl, _ := nationalServer(b, -1)
	overview, district, agency, unit := nationalTargets(b, srv)
	for _, kind := range []struct {
		name    string
		targets []string
	}{{"overview", overview}, {"district", district}, {"agency", agency}, {"unit", unit}} {
		b.Run(kind.name, func(b *testing.B) {
			for _, t := range kind.targets {
				timeGet(b, cl, t) // first touch of each target: DuckDB reads its blocks
			}
			var times []time.Duration
			b.ResetTimer()
			cpu := cpuTime()
			for range b.N {
				for round := 0; round < 3; round++ {
					for _, t := range kind.targets {
						times = append(times, timeGet(b, cl, t))
					}
				}
			}
			cpu = cpuTime() - cpu
			slices.Sort(times)
			b.ReportMetric(quantileMS(times, 0.5), "median_ms")
			b.ReportMetric(quantileMS(times, 0.95), "p95_ms")
			b.ReportMetric(float64(len(times)), "requests")
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(times)), "cpu_ms/req")
		})
	}
}

// BenchmarkNationalColdStart: open the database, build the server and answer the first
// overview, as `timbang serve` does after a restart (the operating system's file cache may
// still hold the file).
func BenchmarkNationalColdStart(b *testing.B) {
	path := os.Getenv(nationalEnv)
	if path == "" {
		b.Skip("set " + nationalEnv + " to a national demo database (see bench_test.go)")
	}
	if _, err := os.Stat(path); err != nil { // a missing file would open as an empty database
		b.Fatalf("%s: %v", nationalEnv, err)
	}
	var total time.Duration
	for range b.N {
		start := time.Now()
		store, err := data.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		srv, err := New(Config{Analytics: analytics.New(store), Store: store})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		loginStart := time.Now()
		cl := logInBench(b, srv, store) // a user and session, not part of a start
		login := time.Since(loginStart)
		b.StartTimer()
		timeGet(b, cl, "/")
		total += time.Since(start) - login
		_ = store.Close()
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "s_to_first_page")
}

// BenchmarkNationalLoad: 50 clients on the overview for 30 s each over HTTP on 127.0.0.1,
// first all on one address (the cache warm after the first), then every request a filter not
// asked before (the cache cold). Reports requests per second, median and 99th percentile, the
// errors and the process's peak resident memory.
func BenchmarkNationalLoad(b *testing.B) {
	srv, cl, _ := nationalServer(b, 0)
	o, err := srv.an.For(analytics.Scope{}).Options(context.Background(), "id")
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	app := cl.app
	go func() { _ = app.Listener(ln) }()
	b.Cleanup(func() { _ = app.Shutdown() })
	base := "http://" + ln.Addr().String()

	// Cold: region x cadre x period, each combination once.
	var cadres []string
	for _, c := range o.Cadres {
		cadres = append(cadres, c.Code)
	}
	var cold []string
	for _, p := range o.Periods {
		for _, r := range o.Regions {
			if r.Level > 2 {
				continue
			}
			for _, c := range cadres {
				cold = append(cold, fmt.Sprintf("/?period=%s&region=%s&cadre=%s", p.Format("2006-01"), r.Code, c))
			}
		}
	}
	duration := 30 * time.Second
	if d, err := time.ParseDuration(os.Getenv("TIMBANG_BENCH_LOAD_DURATION")); err == nil {
		duration = d
	}
	for _, mode := range []string{"warm", "cold"} {
		b.Run(mode, func(b *testing.B) {
			if mode == "warm" {
				timeGet(b, cl, "/") // the one miss; the clients then find it in the cache
			}
			var next atomic.Int64
			target := func() (string, bool) {
				if mode == "warm" {
					return "/", true
				}
				i := next.Add(1) - 1
				if int(i) >= len(cold) {
					return "", false
				}
				return cold[i], true
			}
			cpu := cpuTime()
			r := loadLoop(b, base, cl.token, 50, duration, 2_000_000, target)
			cpu = cpuTime() - cpu
			b.ReportMetric(r.perSecond, "req/s")
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(max(1, len(r.times))), "cpu_ms/req")
			b.ReportMetric(quantileMS(r.times, 0.5), "median_ms")
			b.ReportMetric(quantileMS(r.times, 0.99), "p99_ms")
			b.ReportMetric(float64(r.errors), "errors")
			b.ReportMetric(float64(len(r.times)), "requests")
			b.ReportMetric(peakRSSMB(), "peak_rss_MB")
			if r.errors > 0 {
				b.Errorf("%d errors, first: %v", r.errors, r.firstErr)
			}
		})
	}
}

type loadResult struct {
	times     []time.Duration
	perSecond float64
	errors    int
	firstErr  error
}

// loadLoop runs clients goroutines requesting target() until duration passes, limit requests
// were sent or target runs out; it stops by itself.
func loadLoop(b *testing.B, base, token string, clients int, duration time.Duration, limit int64, target func() (string, bool)) loadResult {
	b.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var mu sync.Mutex
	var res loadResult
	var sent atomic.Int64
	deadline := time.Now().Add(duration)
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(deadline) && sent.Add(1) <= limit {
				t, ok := target()
				if !ok {
					break
				}
				req, _ := http.NewRequest(http.MethodGet, base+t, http.NoBody)
				req.AddCookie(&http.Cookie{Name: SessionCookie, Value: token})
				began := time.Now()
				resp, err := hc.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					_ = resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("GET %s: %d", t, resp.StatusCode)
					}
				}
				if err != nil {
					mu.Lock()
					if res.errors == 0 {
						res.firstErr = err
					}
					res.errors++
					mu.Unlock()
					continue
				}
				mine = append(mine, time.Since(began))
			}
			mu.Lock()
			res.times = append(res.times, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.perSecond = float64(len(res.times)) / time.Since(start).Seconds()
	slices.Sort(res.times)
	return res
}

// cpuTime is the CPU time this process has used, user and system, DuckDB's threads included:
// on a shared machine the wall time of a request depends on the neighbours, its CPU time less.
// The load runs' figure includes the 50 clients, which run in the same process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSSMB is the peak resident memory of this process (server and load clients), in MB.
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
				return kb / 1024
			}
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		return float64(ru.Maxrss) / 1024
	}
	return 0
}
