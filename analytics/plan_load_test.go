package analytics_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data/datatest"
	"github.com/timbang/timbang/data/plans"
)

// TestPlanKotaSerangTeachers is issue 7's story on the demo: Kota Serang's teachers, loaded
// through a planner's reader, give an exactly optimal plan that moves surplus teachers into the
// Cipocok Jaya schools that need them, never below a source's need, and a scope that does not
// cover the region gets nothing.
func TestPlanKotaSerangTeachers(t *testing.T) {
	ctx := t.Context()
	an := analytics.New(datatest.DemoStore(t))
	if err := an.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	planner := an.For(analytics.Scope{Regions: []string{"36.73"}})
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	req := analytics.PlanRequest{Region: "36.73", Cadres: []string{"guru"}, Rules: analytics.DefaultPlanRules(at)}
	p, err := planner.PlanProblem(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Units) == 0 || len(p.Staff) == 0 {
		t.Fatalf("%d positions and %d staff loaded", len(p.Units), len(p.Staff))
	}
	res, err := analytics.SolvePlan(p)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Stats.Optimal || len(res.Moves) == 0 {
		t.Fatalf("plan: optimal %v, %d moves", res.Stats.Optimal, len(res.Moves))
	}
	units := map[string]analytics.PlanUnit{}
	for _, u := range p.Units {
		units[u.Code] = u
	}
	leaving, arriving, intoCipocok := map[string]int{}, map[string]int{}, 0
	for _, m := range res.Moves {
		leaving[m.From]++
		arriving[m.To]++
		if strings.HasPrefix(regionOf(t, an, m.To), "36.73.05") {
			intoCipocok++
		}
	}
	for code, n := range leaving {
		u := units[code]
		if u.Actual-n < analytics.RoundStaff(u.Required) {
			t.Errorf("%s left with %d teachers, below its need of %.1f", code, u.Actual-n, u.Required)
		}
	}
	for code, n := range arriving {
		if u := units[code]; u.Actual+n > analytics.RoundStaff(u.Required) {
			t.Errorf("%s receives %d teachers and goes above its need of %.1f", code, n, u.Required)
		}
	}
	if intoCipocok == 0 {
		t.Error("no teacher moves into Cipocok Jaya")
	}
	t.Logf("%d positions, %d candidates, %d moves (%d into Cipocok Jaya), shortage %d -> %d, %s", len(p.Units), len(p.Staff), len(res.Moves), intoCipocok, res.Total.Before.ShortagePeople, res.Total.After.ShortagePeople, res.Stats.Duration)
	if res.Total.After.ShortagePeople >= res.Total.Before.ShortagePeople {
		t.Errorf("shortage %d before, %d after", res.Total.Before.ShortagePeople, res.Total.After.ShortagePeople)
	}

	// The planner's choices: keep the first move, forbid the second; both hold on the re-run.
	first, second := res.Moves[0], res.Moves[1]
	req.Choices = []plans.Choice{{Kind: plans.Lock, NIP: first.NIP, ToUnit: first.To},
		{Kind: plans.Remove, NIP: second.NIP, ToUnit: second.To}}
	p, err = planner.PlanProblem(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	again, err := analytics.SolvePlan(p)
	if err != nil {
		t.Fatal(err)
	}
	var locked bool
	for _, m := range again.Moves {
		locked = locked || (m.NIP == first.NIP && m.To == first.To && m.Locked)
		if m.NIP == second.NIP && m.To == second.To {
			t.Errorf("a removed move came back: %+v", m)
		}
	}
	if !locked {
		t.Error("the locked move is not in the re-run")
	}

	// Scope: a planner of another city cannot plan Kota Serang; one of Cipocok Jaya plans its own.
	other := an.For(analytics.Scope{Regions: []string{"36.74"}})
	if _, err := other.PlanProblem(ctx, analytics.PlanRequest{Region: "36.73", Cadres: []string{"guru"}, Rules: req.Rules}); !errors.Is(err, analytics.ErrForbidden) {
		t.Errorf("another city's planner: %v, want ErrForbidden", err)
	}
	district := an.For(analytics.Scope{Regions: []string{"36.73.05"}})
	own, err := district.PlanProblem(ctx, analytics.PlanRequest{Region: "36.73.05", Cadres: []string{"guru"}, Rules: req.Rules})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range own.Units {
		if !strings.HasPrefix(regionOf(t, an, u.Code), "36.73.05") {
			t.Errorf("the district's plan holds %s", u.Code)
		}
	}
}

// TestPlanLoadsWishes: a candidate's stated wishes reach the optimiser, ranked.
func TestPlanLoadsWishes(t *testing.T) {
	ctx := t.Context()
	store := datatest.DemoStore(t)
	an := analytics.New(store)
	if err := an.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	req := analytics.PlanRequest{Region: "36.73", Cadres: []string{"guru"}, Rules: analytics.DefaultPlanRules(time.Now())}
	p, err := an.For(analytics.Scope{}).PlanProblem(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	who, first, second := p.Staff[0].NIP, p.Units[0].Code, p.Units[1].Code
	if _, err := store.DB().ExecContext(ctx, `DELETE FROM staff_preferences WHERE nip = ?`, who); err != nil {
		t.Fatal(err)
	}
	if _, err := store.DB().ExecContext(ctx, `INSERT INTO staff_preferences VALUES (?, ?, 2), (?, ?, 1)`, who, first, who, second); err != nil {
		t.Fatal(err)
	}
	p, err = an.For(analytics.Scope{}).PlanProblem(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Staff[0].Preferences; len(got) != 2 || got[first] != 2 || got[second] != 1 {
		t.Errorf("wishes of %s: %v, want %s first and %s second", who, got, second, first)
	}
}

func regionOf(t *testing.T, an *analytics.Service, unit string) string {
	t.Helper()
	u, err := an.For(analytics.Scope{}).Unit(t.Context(), unit, "id")
	if err != nil {
		t.Fatal(err)
	}
	return u.Region
}
