// Package datatest gives each test its own fresh, migrated in-memory database, empty or with
// the small deterministic demo dataset, closed when the test ends.
package datatest

import (
	"context"
	"testing"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/demo"
)

// Store returns a migrated in-memory database holding only reference data.
func Store(tb testing.TB) *data.Store {
	tb.Helper()
	s, err := data.Open(context.Background(), "")
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("close test database: %v", err)
		}
	})
	return s
}

// DemoStore returns a migrated in-memory database with the "test" demo scale (a slice of
// Kota Serang around Cipocok Jaya) loaded. Rollups are not built: callers that need them run
// analytics.Service.Refresh, which keeps this package below analytics.
func DemoStore(tb testing.TB) *data.Store {
	tb.Helper()
	s := Store(tb)
	if _, err := demo.Generate(context.Background(), s, demo.Options{Scale: demo.ScaleTest, Seed: 1}); err != nil {
		tb.Fatalf("load test demo: %v", err)
	}
	return s
}
