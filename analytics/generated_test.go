package analytics

import (
	"context"
	"testing"

	"github.com/timbang/timbang/data/datatest"
)

// TestRollupsMatchBruteForceOnDemo recomputes every rollup of the generated demo dataset
// independently: unit rows with the Go formulas from raw tables, scope rows by brute force.
func TestRollupsMatchBruteForceOnDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("recomputes every row; skipped with -short")
	}
	s := New(datatest.DemoStore(t))
	if err := s.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	assertUnitStatsMatchExplain(t, s)
	assertScopeStatsMatchUnitStats(t, s)
	assertUnitHistoryMatchesUnitStats(t, s)
	assertUnitNumbers(t, s)
}
