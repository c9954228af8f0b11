package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/demo"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("demo", "demo [--db PATH] [--scale city|province|national] [--seed N]", stdout)
	dbPath := fs.String("db", "timbang.duckdb", "database `file` to fill (must hold no units yet)")
	scaleName := fs.String("scale", "city", "dataset size: test, city (the five story places), province (~20,000 units) or national (~500,000 units)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same data")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	scale, err := demo.ParseScale(*scaleName)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	store, err := data.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer closeStore(store, stderr)
	start := time.Now()
	sum, err := loadDemo(ctx, store, demo.Options{Scale: scale, Seed: *seed})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo %s (seed %d) loaded into %s in %s: %d regencies/cities, %d agencies, %d units, %d staff, %d workload rows over %d periods\n",
		scale, *seed, *dbPath, time.Since(start).Round(time.Millisecond), sum.Regions, sum.Agencies, sum.Units, sum.Staff,
		sum.WorkloadRows, sum.Periods)
	return nil
}

// loadDemo generates the demo and refreshes the rollups so pages show it at once.
func loadDemo(ctx context.Context, store *data.Store, opt demo.Options) (demo.Summary, error) {
	sum, err := demo.Generate(ctx, store, opt)
	if err != nil {
		return sum, fmt.Errorf("generate demo: %w", err)
	}
	if err := analytics.New(store).Refresh(ctx); err != nil {
		return sum, err
	}
	return sum, nil
}

// closeStore closes the database at exit; a failure there can mean unflushed data, so it is
// reported rather than dropped.
func closeStore(store *data.Store, stderr io.Writer) {
	if err := store.Close(); err != nil {
		fmt.Fprintln(stderr, "timbang: close database:", err)
	}
}
