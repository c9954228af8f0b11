package analytics

import (
	"context"
	"fmt"
	"testing"
)

// TestBreakdownFromScopesEqualsRows: where a breakdown reads precomputed scope rows, it equals
// the one added up from the unit rows.
func TestBreakdownFromScopesEqualsRows(t *testing.T) {
	ctx := context.Background()
	s, periods := refreshedDemo(t)
	last := periods[len(periods)-1]
	used := 0
	for _, f := range []Filter{
		{}, {Cadre: "guru"}, {UnitType: "sd"}, {Region: "36"}, {Region: "36.73"}, {Region: "36.73", Cadre: "guru"},
		{Region: "36.73.05"}, {Period: periods[0], UnitType: "puskesmas"},
	} {
		if f.Period.IsZero() {
			f.Period = last
		}
		for _, b := range []struct {
			dim   Dimension
			level int
		}{{ByAgency, 0}, {ByRegion, 1}, {ByRegion, 2}, {ByRegion, 3}} {
			where := fmt.Sprintf("%+v by %s %d", f, b.dim, b.level)
			if _, _, ok := f.scopeBreakdown(b.dim, b.level); ok {
				used++
			}
			got, err := s.For(Scope{}).Breakdown(ctx, f, b.dim, b.level, "id")
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.For(Scope{}).breakdownRows(ctx, f, b.dim, b.level, "id")
			if err != nil {
				t.Fatal(err)
			}
			if !sameGroups(got, want) {
				t.Errorf("%s:\n got %+v\nwant %+v", where, got, want)
			}
		}
	}
	if used < 10 {
		t.Errorf("only %d breakdowns read scope rows", used)
	}
}

// sameGroups compares breakdowns, Required up to the rounding of adding in another order.
func sameGroups(a, b []Group) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if !closeRel(x.Required, y.Required) {
			return false
		}
		x.Required = y.Required
		if x != y {
			return false
		}
	}
	return true
}
