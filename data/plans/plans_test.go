package plans

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/timbang/timbang/data/accounts"
	"github.com/timbang/timbang/data/datatest"
)

// TestPlanLifecycle: a draft is created, chosen on, re-generated and approved, every change is in
// the audit log with the plan's scope, and an approved plan refuses further changes.
func TestPlanLifecycle(t *testing.T) {
	store := datatest.Store(t)
	ctx := t.Context()
	p := New(store)
	sri := accounts.Actor{Name: "sri", Remote: "127.0.0.1"}
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	period := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

	if _, err := p.Create(ctx, sri, NewPlan{Name: " ", Region: "36.73", Cadres: []string{"guru"}}, at); !errors.Is(err, accounts.ErrInvalid) {
		t.Errorf("a plan without a name: %v, want ErrInvalid", err)
	}
	id, err := p.Create(ctx, sri, NewPlan{Name: "Guru Kota Serang 2027", Region: "36.73", Agency: "36.73-disdik",
		Cadres: []string{"guru"}, Period: period, Settings: json.RawMessage(`{"min_years_in_post":2}`)}, at)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Approve(ctx, sri, id, at); !errors.Is(err, ErrFrozen) {
		t.Errorf("approving a plan never generated: %v, want ErrFrozen", err)
	}
	const nip, other = "198609262015051001", "199002152019032004"
	steps := []struct {
		kind ChoiceKind
		nip  string
		to   string
	}{
		{Lock, nip, "U1"},
		{Remove, other, "U2"},
		{Remove, other, "U3"},
		{Manual, nip, "U4"}, // replaces the lock: one destination per person
		{Lock, other, "U2"}, // replaces the removal of the same move only
	}
	for _, s := range steps {
		if err := p.Choose(ctx, sri, id, s.kind, s.nip, s.to, at); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Choose(ctx, sri, id, "promote", nip, "U1", at); !errors.Is(err, accounts.ErrInvalid) {
		t.Errorf("an unknown choice: %v", err)
	}
	if err := p.SetResult(ctx, sri, id, json.RawMessage(`{"moves":[]}`), "0 moves", at.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	got, err := p.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, c := range got.Choices {
		kept = append(kept, string(c.Kind)+" "+c.NIP[:4]+" "+c.ToUnit)
	}
	want := []string{"remove 1990 U3", "manual 1986 U4", "lock 1990 U2"}
	if len(kept) != len(want) || kept[0] != want[0] || kept[1] != want[1] || kept[2] != want[2] {
		t.Errorf("choices %v, want %v", kept, want)
	}
	if got.Status != Draft || !json.Valid(got.Result) ||
		!got.UpdatedAt.Equal(at.Add(time.Minute)) || got.Agency != "36.73-disdik" || got.Cadres[0] != "guru" {
		t.Errorf("plan %+v", got.Header)
	}
	if err := p.Undo(ctx, sri, id, got.Choices[0].ID, at); err != nil {
		t.Fatal(err)
	}
	if err := p.Undo(ctx, sri, id, got.Choices[0].ID, at); !errors.Is(err, ErrNotFound) {
		t.Errorf("undoing twice: %v", err)
	}
	if err := p.Approve(ctx, sri, id, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func() error{
		"choose":  func() error { return p.Choose(ctx, sri, id, Lock, nip, "U1", at) },
		"undo":    func() error { return p.Undo(ctx, sri, id, got.Choices[1].ID, at) },
		"result":  func() error { return p.SetResult(ctx, sri, id, json.RawMessage(`{}`), "", at) },
		"approve": func() error { return p.Approve(ctx, sri, id, at) },
	} {
		if err := change(); !errors.Is(err, ErrFrozen) {
			t.Errorf("%s on an approved plan: %v, want ErrFrozen", name, err)
		}
	}
	if _, err := p.Get(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("a missing plan: %v", err)
	}
	if err := p.Choose(ctx, sri, 999, Lock, nip, "U1", at); !errors.Is(err, ErrNotFound) {
		t.Errorf("choosing on a missing plan: %v", err)
	}

	entries, err := accounts.NewAudit(store).List(ctx, accounts.Filter{Action: accounts.ActionPlanChange})
	if err != nil {
		t.Fatal(err)
	}
	// create, 5 choices, result, undo, approve
	if len(entries) != 9 {
		t.Errorf("%d plan_change audit entries, want 9", len(entries))
	}
	for _, e := range entries {
		if e.Actor != "sri" || e.Scope != "region:36.73 agency:36.73-disdik" || e.Remote != "127.0.0.1" {
			t.Errorf("audit entry %+v", e)
		}
	}
}

// TestListKeepsVisiblePlans: List shows only what the caller's scope lets through.
func TestListKeepsVisiblePlans(t *testing.T) {
	store := datatest.Store(t)
	ctx := t.Context()
	p := New(store)
	who := accounts.Actor{Name: "admin"}
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for _, region := range []string{"36.73", "36.74", "36.73"} {
		if _, err := p.Create(ctx, who, NewPlan{Name: "Plan " + region, Region: region, Cadres: []string{"guru", "bidan"}}, at); err != nil {
			t.Fatal(err)
		}
		at = at.Add(time.Minute)
	}
	list, err := p.List(ctx, func(h Header) bool { return h.Region == "36.73" })
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != 3 || list[1].ID != 1 || len(list[0].Cadres) != 2 {
		t.Errorf("list %+v, want plans 3 and 1", list)
	}
}
