package analytics

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"
)

// TestSummaryTrendEqualsItsReads: the headline and trend read together equal Summary and Trend
// read apart, for filters that map to one precomputed scope and filters that do not, a period
// without data, and users' scopes.
func TestSummaryTrendEqualsItsReads(t *testing.T) {
	ctx := context.Background()
	s, periods := refreshedDemo(t)
	last := periods[len(periods)-1]
	found := 0
	for _, sc := range []Scope{{}, {Regions: []string{"36.73"}}, {Agencies: []string{"36.73-disdik"}}} {
		for _, f := range []Filter{
			{}, {Cadre: "guru"}, {Region: "36"}, {Region: "36.73.05", Cadre: "guru", UnitType: "sd"},
			{Agency: "36.73-disdik"}, {Agency: "36.73-disdik", Region: "36.73.05"}, {Status: Shortage},
			{Period: periods[0]}, {Period: time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)},
		} {
			if f.Period.IsZero() {
				f.Period = last
			}
			rd := s.For(sc)
			where := fmt.Sprintf("scope %+v filter %+v", sc, f)
			sum, trend, err := rd.SummaryTrend(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			wantSum, err := rd.Summary(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			wantTrend, err := rd.Trend(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			// NaN is not equal to itself: compare the Gini apart.
			if math.IsNaN(sum.Gini) != math.IsNaN(wantSum.Gini) {
				t.Errorf("%s: Gini %v, want %v", where, sum.Gini, wantSum.Gini)
			}
			sum.Gini, wantSum.Gini = 0, 0
			if !reflect.DeepEqual(sum, wantSum) {
				t.Errorf("%s: headline\n got %+v\nwant %+v", where, sum, wantSum)
			}
			if fmt.Sprint(trend) != fmt.Sprint(wantTrend) {
				t.Errorf("%s: trend\n got %v\nwant %v", where, trend, wantTrend)
			}
			if sum.Units > 0 {
				found++
			}
		}
	}
	if found < 10 {
		t.Errorf("only %d headlines had units", found)
	}
}

// TestScopeFiguresEqualsItsReads: a scope's headline, trend and breakdown by region read
// together equal SummaryTrend and Breakdown read apart, and the overview's two reads
// (Overview) equal ScopeFigures and Spread, for regions with and without children at the
// level (precomputed or not), other filters and users' scopes.
func TestScopeFiguresEqualsItsReads(t *testing.T) {
	ctx := context.Background()
	s, periods := refreshedDemo(t)
	last := periods[len(periods)-1]
	children := 0
	for _, sc := range []Scope{{}, {Regions: []string{"36.73"}}, {Agencies: []string{"36.73-disdik"}}} {
		for _, f := range []Filter{
			{}, {Region: "36"}, {Region: "36.73", Cadre: "guru"}, {Region: "36.73", UnitType: "sd", Period: periods[0]},
			{Region: "36.73.05"}, {Agency: "36.73-disdik"}, {Region: "36.73", Period: time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)},
		} {
			if f.Period.IsZero() {
				f.Period = last
			}
			for level := 1; level <= 3; level++ {
				rd := s.For(sc)
				where := fmt.Sprintf("scope %+v filter %+v level %d", sc, f, level)
				fig, err := rd.ScopeFigures(ctx, f, level, "id")
				if err != nil {
					t.Fatal(err)
				}
				sum, trend, err := rd.SummaryTrend(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				groups, err := rd.Breakdown(ctx, f, ByRegion, level, "id")
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(fig.Summary) != fmt.Sprint(sum) {
					t.Errorf("%s: headline\n got %+v\nwant %+v", where, fig.Summary, sum)
				}
				if fmt.Sprint(fig.Trend) != fmt.Sprint(trend) {
					t.Errorf("%s: trend\n got %v\nwant %v", where, fig.Trend, trend)
				}
				if !reflect.DeepEqual(fig.ByRegion, groups) {
					t.Errorf("%s: by region\n got %+v\nwant %+v", where, fig.ByRegion, groups)
				}
				if f.Region != "" && len(groups) > 0 {
					children++
				}
				ov, err := rd.Overview(ctx, f, level, 3, "id")
				if err != nil {
					t.Fatal(err)
				}
				spread, err := rd.Spread(ctx, f, 3, "id")
				if err != nil {
					t.Fatal(err)
				}
				// The breakdowns of Overview may add their rows up in another order: their
				// requirements are equal to rounding.
				if fmt.Sprint(ov.Summary, ov.Trend) != fmt.Sprint(fig.Summary, fig.Trend) || !sameGroups(ov.ByRegion, fig.ByRegion) {
					t.Errorf("%s: overview's scope figures\n got %+v\nwant %+v", where, ov.ScopeFigures, fig)
				}
				if fmt.Sprint(ov.Bins, ov.Extremes) != fmt.Sprint(spread.Bins, spread.Extremes) || !sameGroups(ov.ByAgency, spread.ByAgency) {
					t.Errorf("%s: overview's spread\n got %+v\nwant %+v", where, ov.Spread, spread)
				}
			}
		}
	}
	if children < 5 {
		t.Errorf("only %d cases had child regions", children)
	}
}
