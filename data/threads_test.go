package data_test

import (
	"context"
	"sync"
	"testing"

	"github.com/timbang/timbang/data/datatest"
)

// TestServeAndBulkThreads: a server's few threads are raised back for bulk jobs, overlapping
// jobs share the raise, the last to end lowers them, and a store never lowered is left alone.
func TestServeAndBulkThreads(t *testing.T) {
	ctx := context.Background()
	s := datatest.Store(t)
	// DuckDB's own default is one per core, which on a one-core machine could not tell a raise
	// from none.
	if _, err := s.DB().ExecContext(ctx, "SET GLOBAL threads = 3"); err != nil {
		t.Fatal(err)
	}
	want := func(step string, n int) {
		t.Helper()
		got, err := s.Threads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got != n {
			t.Errorf("%s: %d threads, want %d", step, got, n)
		}
	}
	bulk := func() func() error {
		t.Helper()
		restore, err := s.BulkThreads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return restore
	}

	restore := bulk()
	want("bulk job before serving", 3)
	if err := restore(); err != nil {
		t.Fatal(err)
	}
	want("after it", 3)

	if err := s.ServeThreads(ctx, 1); err != nil {
		t.Fatal(err)
	}
	want("serving", 1)
	first, second := bulk(), bulk()
	want("two bulk jobs", 3)
	for range 2 { // a second call changes nothing
		if err := first(); err != nil {
			t.Fatal(err)
		}
	}
	want("one bulk job left", 3)
	if err := s.ServeThreads(ctx, 2); err != nil {
		t.Fatal(err)
	}
	want("serving threads changed during a bulk job", 3)
	if err := second(); err != nil {
		t.Fatal(err)
	}
	want("after both", 2)

	if err := s.ServeThreads(ctx, 0); err == nil {
		t.Error("serving on 0 threads was accepted")
	}
}

// TestThreadsChangeUnderReads: queries running while bulk jobs come and go all succeed (run with
// -race for the bookkeeping).
func TestThreadsChangeUnderReads(t *testing.T) {
	ctx := context.Background()
	s := datatest.Store(t)
	if err := s.ServeThreads(ctx, 1); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 4 {
		wg.Go(func() {
			for range 20 {
				var n int
				if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM range(100000) GROUP BY ALL").Scan(&n); err != nil {
					errs <- err
					return
				}
			}
		})
		wg.Go(func() {
			for range 10 {
				restore, err := s.BulkThreads(ctx)
				if err == nil {
					err = restore()
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, err := s.Threads(ctx); err != nil || n != 1 {
		t.Errorf("after the jobs: %d threads (%v), want 1", n, err)
	}
}
