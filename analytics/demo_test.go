package analytics_test

import (
	"context"
	"testing"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data/datatest"
)

// TestDemoStory: on the generated demo, Cipocok Jaya's schools end short of teachers, as the
// Kota Serang story says, and every status appears somewhere.
func TestDemoStory(t *testing.T) {
	ctx := context.Background()
	an := analytics.New(datatest.DemoStore(t))
	if err := an.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	periods, err := an.Periods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(periods) != 24 {
		t.Fatalf("%d periods, want 24", len(periods))
	}
	last := periods[len(periods)-1]
	teachers, err := an.For(analytics.Scope{}).Summary(ctx, analytics.Filter{Period: last, Region: "36.73.05", Cadre: "guru"})
	if err != nil {
		t.Fatal(err)
	}
	if teachers.ShortagePeople == 0 || teachers.Ratio() >= 0.9 {
		t.Errorf("Cipocok Jaya teachers: shortage %d people, ratio %.2f; want visibly short", teachers.ShortagePeople, teachers.Ratio())
	}
	first, err := an.For(analytics.Scope{}).Summary(ctx, analytics.Filter{Period: periods[0], Region: "36.73.05", Cadre: "guru"})
	if err != nil {
		t.Fatal(err)
	}
	if first.Ratio() <= teachers.Ratio() {
		t.Errorf("Cipocok Jaya teacher ratio went from %.2f to %.2f; students outgrowing teachers should lower it",
			first.Ratio(), teachers.Ratio())
	}
	all, err := an.For(analytics.Scope{}).Summary(ctx, analytics.Filter{Period: last})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range analytics.Statuses {
		if all.Counts.Of(st) == 0 {
			t.Errorf("no %s position in the demo", st)
		}
	}
}
