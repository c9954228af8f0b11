package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/dashboard"
	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
	"github.com/timbang/timbang/data/demo"
	"github.com/timbang/timbang/data/importer"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [--addr 127.0.0.1:8080] [--db PATH] [--demo]", stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on")
	dbPath := fs.String("db", "timbang.duckdb", "database `file`")
	withDemo := fs.Bool("demo", false, "load the demo dataset when the database holds no units")
	demoScale := fs.String("demo-scale", "city", "size of the demo --demo loads (see 'timbang demo --help')")
	maxUploadMB := fs.Int64("max-upload-mb", importer.DefaultLimits.MaxFileBytes>>20, "largest file the import page accepts, in MB")
	queryThreads := fs.Int("query-threads", dashboard.DefaultQueryThreads, "DuckDB threads a page's query runs on (imports and refreshes use every core)")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if *queryThreads < 1 {
		return fmt.Errorf("%w: --query-threads %d: want at least 1", errUsage, *queryThreads)
	}
	scale, err := demo.ParseScale(*demoScale)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	store, err := data.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer closeStore(store, stderr)
	an := analytics.New(store)
	if err := prepare(ctx, store, an, *withDemo, scale, stdout); err != nil {
		return err
	}
	if err := store.ServeThreads(ctx, *queryThreads); err != nil {
		return err
	}
	// No default password: the first start makes an admin with a random one, shown once here.
	created, username, password, err := accounts.EnsureAdmin(ctx, store, time.Now())
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(stdout, "\nFirst start: created the user %q with the password\n\n    %s\n\n"+
			"It is shown only this once: log in with it, then add users on /admin/users or with 'timbang user add'.\n\n",
			username, password)
	}
	srv, err := dashboard.New(dashboard.Config{Analytics: an, Store: store, MaxUploadBytes: *maxUploadMB << 20})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	app := srv.App()
	fmt.Fprintf(stdout, "Timbang is serving http://%s (database %s); press Ctrl+C to stop\n", ln.Addr(), *dbPath)
	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "shutting down")
	if err := app.ShutdownWithTimeout(10 * time.Second); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// prepare loads the demo into an empty database when asked, and rebuilds the rollups when
// they are older than the data (a database written by an older version or an interrupted
// refresh).
func prepare(ctx context.Context, store *data.Store, an *analytics.Service, withDemo bool, scale demo.Scale, stdout io.Writer) error {
	empty, err := store.Empty(ctx)
	if err != nil {
		return err
	}
	if empty && withDemo {
		start := time.Now()
		sum, err := loadDemo(ctx, store, demo.Options{Scale: scale, Seed: 1})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "loaded the %s demo in %s: %d units, %d staff\n", scale, time.Since(start).Round(time.Millisecond), sum.Units, sum.Staff)
		return nil
	}
	stale, err := an.Stale(ctx)
	if err != nil {
		return err
	}
	if stale {
		fmt.Fprintln(stdout, "refreshing rollups")
		return an.Refresh(ctx)
	}
	return nil
}
