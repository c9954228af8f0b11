package analytics

import (
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
)

// The national-scale benchmarks (issue 8) run on a database made once with
//
//	go run ./cmd/timbang demo --db /tmp/national.duckdb --scale national
//
// named by TIMBANG_BENCH_NATIONAL (see dashboard/bench_test.go); without it they skip.
func nationalStore(b *testing.B) *data.Store {
	b.Helper()
	path := os.Getenv("TIMBANG_BENCH_NATIONAL")
	if path == "" {
		b.Skip("set TIMBANG_BENCH_NATIONAL to a national demo database")
	}
	store, err := data.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = store.Close() })
	return store
}

// benchThreads sets DuckDB's threads to TIMBANG_BENCH_DUCKDB_THREADS if set (the default is one
// per core): many small reads at once spend less CPU each on one thread (docs/BENCHMARKS.md).
func benchThreads(b *testing.B, store *data.Store) {
	b.Helper()
	n, err := strconv.Atoi(os.Getenv("TIMBANG_BENCH_DUCKDB_THREADS"))
	if err != nil {
		return
	}
	if _, err := store.DB().ExecContext(context.Background(), "SET threads = "+strconv.Itoa(n)); err != nil {
		b.Fatal(err)
	}
}

// cpuTime is the CPU time this process has used: on a shared machine it says more about the
// work than the wall clock does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkNationalRefresh rebuilds every rollup of the national demo, reporting the unit rows
// (with unit_history), the Gini and the other scope figures apart, in wall-clock and CPU seconds, beside the plain per-unit ratio query
// (the baseline: staff in post over the staff a ratio norm requires, one period).
func BenchmarkNationalRefresh(b *testing.B) {
	store := nationalStore(b)
	ctx := context.Background()
	db := store.DB()
	var baseline, units, gini, scopes, commit time.Duration
	var cpu time.Duration
	for range b.N {
		start := time.Now()
		var n int
		if err := db.QueryRowContext(ctx, `
			SELECT count(*) FROM (
			    SELECT s.unit_code, s.cadre_code, count(*) / any_value(w.value / n.per_staff) AS ratio
			    FROM staff s
			    JOIN units u ON u.code = s.unit_code
			    JOIN staffing_norms n ON n.unit_type = u.unit_type AND n.cadre_code = s.cadre_code AND n.method = 'ratio'
			    JOIN workload w ON w.unit_code = s.unit_code AND w.indicator = n.indicator
			                   AND w.period = (SELECT max(period) FROM workload)
			    WHERE s.status IN ('aktif', 'cuti')
			    GROUP BY ALL)`).Scan(&n); err != nil {
			b.Fatal(err)
		}
		baseline += time.Since(start)

		cpuStart := cpuTime()
		conn, err := db.Conn(ctx)
		if err != nil {
			b.Fatal(err)
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, step := range []struct {
			d   *time.Duration
			run func() error
		}{
			{&units, func() error { _, err := tx.ExecContext(ctx, query("refresh_targets_all")); return err }},
			{&units, func() error { _, err := tx.ExecContext(ctx, query("refresh_unit_stats")); return err }},
			{&units, func() error { _, err := tx.ExecContext(ctx, query("refresh_unit_history")); return err }},
			{&gini, func() error { return refreshScopeGini(ctx, conn, tx) }},
			{&scopes, func() error { _, err := tx.ExecContext(ctx, query("refresh_scope_stats")); return err }},
			{&scopes, func() error { _, err := tx.ExecContext(ctx, query("bump_data_version")); return err }},
		} {
			start := time.Now()
			if err := step.run(); err != nil {
				_ = tx.Rollback()
				b.Fatal(err)
			}
			*step.d += time.Since(start)
		}
		start = time.Now()
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		commit += time.Since(start)
		_ = conn.Close()
		cpu += cpuTime() - cpuStart
	}
	n := float64(b.N)
	b.ReportMetric(baseline.Seconds()/n, "baseline_s")
	b.ReportMetric(units.Seconds()/n, "unit_rows_s")
	b.ReportMetric(gini.Seconds()/n, "gini_s")
	b.ReportMetric(scopes.Seconds()/n, "scope_rows_s")
	b.ReportMetric(commit.Seconds()/n, "commit_s")
	b.ReportMetric((units+gini+scopes+commit).Seconds()/n, "refresh_s")
	b.ReportMetric(cpu.Seconds()/n, "refresh_cpu_s")
}
