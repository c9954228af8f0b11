package data

import (
	"context"
	"fmt"
	"strconv"
	"sync"
)

// threads is DuckDB's threads setting as a serving process changes it. DuckDB runs a query on
// up to `threads` threads, one setting for the whole database. A page's query reads a row group
// or two, and a second thread splits that small work at a cost: with 50 clients at once a cold
// overview spent a tenth to a fifth less CPU on one thread each (docs/BENCHMARKS.md). An import and
// the rollup refresh scan and write millions of rows and want every core. So a server serves on
// few threads (ServeThreads) and bulk jobs raise them while they run (BulkThreads).
type threads struct {
	mu    sync.Mutex
	serve int // threads while no bulk job runs; 0 when never lowered
	bulk  int // DuckDB's setting before ServeThreads lowered it
	jobs  int // bulk jobs running
}

// ServeThreads has DuckDB run each query on at most n threads while no bulk job runs; a bulk
// job running now lowers them when it ends.
func (s *Store) ServeThreads(ctx context.Context, n int) error {
	if n < 1 {
		return fmt.Errorf("serve on %d DuckDB threads: want at least 1", n)
	}
	t := &s.threads
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.bulk == 0 {
		bulk, err := s.Threads(ctx)
		if err != nil {
			return err
		}
		t.bulk = bulk
	}
	if t.jobs > 0 {
		t.serve = n
		return nil
	}
	if err := s.setThreads(ctx, n); err != nil {
		return err
	}
	t.serve = n
	return nil
}

// BulkThreads gives DuckDB back its threads from before ServeThreads (one per core unless
// configured otherwise) until restore is called, for an import or a refresh; jobs that overlap
// share the raise, and the last to end lowers them again. Without ServeThreads it changes
// nothing. Call restore on every path: it runs once however often it is called.
func (s *Store) BulkThreads(ctx context.Context) (restore func() error, err error) {
	t := &s.threads
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.serve > 0 && t.jobs == 0 {
		if err := s.setThreads(ctx, t.bulk); err != nil {
			return nil, err
		}
	}
	t.jobs++
	var once sync.Once
	return func() error {
		var err error
		once.Do(func() {
			t.mu.Lock()
			defer t.mu.Unlock()
			t.jobs--
			if t.serve > 0 && t.jobs == 0 {
				// Not the job's context: a job that ends because it was cancelled restores too.
				err = s.setThreads(context.Background(), t.serve)
			}
		})
		return err
	}, nil
}

// Threads is DuckDB's threads setting now.
func (s *Store) Threads(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT current_setting('threads')").Scan(&n); err != nil {
		return 0, fmt.Errorf("read DuckDB threads: %w", err)
	}
	return n, nil
}

// setThreads sets DuckDB's threads for every connection (the setting is global; a SET takes no
// parameters, and n is a number).
func (s *Store) setThreads(ctx context.Context, n int) error {
	if _, err := s.db.ExecContext(ctx, "SET GLOBAL threads = "+strconv.Itoa(n)); err != nil {
		return fmt.Errorf("set DuckDB threads to %d: %w", n, err)
	}
	return nil
}
