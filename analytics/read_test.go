package analytics

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/timbang/timbang/data"
)

func TestSummaryPaths(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	tests := []struct {
		name           string
		f              Filter
		units, staff   int
		short, surplus int
		counts         Counts
	}{
		// February: S1 short 4, S2 short 15, S3 no data, K1 surplus 5, P1 doctor short (0 people),
		// nurse surplus 1, midwife balanced, P2 doctor/nurse computed, midwife no data, L1 surplus 2.
		{"everything", Filter{Period: feb}, 7, 20 + 0 + 10 + 25 + 11 + 6 + 8, 4 + 15, 5 + 1 + 2 + p2Surplus(t, s), Counts{}},
		{"teachers only", Filter{Period: feb, Cadre: "guru"}, 4, 55, 19, 5, Counts{SevereShortage: 1, Shortage: 1, Surplus: 1, NoData: 1}},
		{"Cipocok Jaya district", Filter{Period: feb, Region: "36.73.05", Cadre: "guru"}, 3, 30, 19, 0, Counts{SevereShortage: 1, Shortage: 1, NoData: 1}},
		{"province agency inside Kota Serang", Filter{Period: feb, Region: "36.73", Agency: "36-disdik"}, 1, 25, 0, 5, Counts{Surplus: 1}},
		{"region the agency does not reach", Filter{Period: feb, Region: "36.73.05", Agency: "36-disdik"}, 0, 0, 0, 0, Counts{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.For(Scope{}).Summary(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got.Units != tt.units || got.Staff != tt.staff || got.ShortagePeople != tt.short || got.SurplusPeople != tt.surplus {
				t.Errorf("units %d staff %d short %d surplus %d, want %d %d %d %d",
					got.Units, got.Staff, got.ShortagePeople, got.SurplusPeople, tt.units, tt.staff, tt.short, tt.surplus)
			}
			if tt.counts != (Counts{}) && got.Counts != tt.counts {
				t.Errorf("counts %+v, want %+v", got.Counts, tt.counts)
			}
		})
	}
}

// p2Surplus reads P2's surplus so the "everything" case need not restate P2's WISN by hand
// (P2's numbers are covered by the oracle test).
func p2Surplus(t *testing.T, s *Service) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT sum(surplus_people) FROM unit_figures_named WHERE unit_code = 'P2' AND period = ?`, feb).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSummaryIntersectionMatchesOracle: the path computed from unit_stats for an agency inside
// a region agrees with the scope rollups where both exist (region = the agency's own city).
func TestSummaryIntersectionMatchesOracle(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	viaScope, err := s.For(Scope{}).Summary(ctx, Filter{Period: feb, Agency: "36.73-dinkes"})
	if err != nil {
		t.Fatal(err)
	}
	viaRows, err := s.For(Scope{}).Summary(ctx, Filter{Period: feb, Agency: "36.73-dinkes", Region: "36.73"})
	if err != nil {
		t.Fatal(err)
	}
	if viaScope.Staff != viaRows.Staff || viaScope.Counts != viaRows.Counts || !closeRel(viaScope.Required, viaRows.Required) ||
		!closeRel(viaScope.Gini, viaRows.Gini) {
		t.Errorf("scope path %+v\nrow path %+v", viaScope, viaRows)
	}
	if math.IsNaN(viaScope.Gini) || viaScope.Gini <= 0 {
		t.Errorf("puskesmas Gini %v, want > 0", viaScope.Gini)
	}
}

func TestUnitsOrderAndPaging(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	page, err := s.For(Scope{}).Units(ctx, Filter{Period: feb, Cadre: "guru"}, SortRatio, 2, 0, "id")
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 4 || len(page.Rows) != 2 {
		t.Fatalf("total %d rows %d, want 4 and 2", page.Total, len(page.Rows))
	}
	if page.Rows[0].Code != "S2" || page.Rows[1].Code != "S1" {
		t.Errorf("most overloaded first: got %s, %s; want S2 (no teacher), S1", page.Rows[0].Code, page.Rows[1].Code)
	}
	if page.Rows[0].DistrictName != "Cipocok Jaya" || page.Rows[0].AgencyName != "Dinas Pendidikan Kota Serang" {
		t.Errorf("names: %+v", page.Rows[0])
	}
	last, err := s.For(Scope{}).Units(ctx, Filter{Period: feb, Cadre: "guru"}, SortRatio, 2, 2, "id")
	if err != nil {
		t.Fatal(err)
	}
	if len(last.Rows) != 2 || last.Rows[0].Code != "K1" || last.Rows[1].Status != NoData {
		t.Errorf("second page: %+v", last.Rows)
	}
	only, err := s.For(Scope{}).Units(ctx, Filter{Period: feb, Status: Surplus}, SortRatioDesc, 10, 0, "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range only.Rows {
		if r.Status != Surplus {
			t.Errorf("status filter let %s %s (%s) through", r.Code, r.Cadre, r.Status)
		}
	}
	if only.Total == 0 || only.Rows[0].CadreName == "" {
		t.Errorf("surplus list: %+v", only)
	}
}

func TestBreakdownAndDistribution(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	byAgency, err := s.For(Scope{}).Breakdown(ctx, Filter{Period: feb}, ByAgency, 0, "id")
	if err != nil {
		t.Fatal(err)
	}
	if len(byAgency) != 4 || byAgency[0].Code != "36.73-disdik" || byAgency[0].ShortagePeople != 19 {
		t.Errorf("by agency: %+v", byAgency)
	}
	byDistrict, err := s.For(Scope{}).Breakdown(ctx, Filter{Period: feb, Region: "36.73"}, ByRegion, 3, "id")
	if err != nil {
		t.Fatal(err)
	}
	if len(byDistrict) != 2 || byDistrict[0].Name != "Cipocok Jaya" {
		t.Errorf("by district: %+v", byDistrict)
	}
	byCadre, err := s.For(Scope{}).Breakdown(ctx, Filter{Period: feb}, ByCadre, 0, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(byCadre) != 5 || byCadre[0].Name != "Teacher" {
		t.Errorf("by cadre: %+v", byCadre)
	}
	bins, err := s.For(Scope{}).Distribution(ctx, Filter{Period: feb})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.For(Scope{}).Summary(ctx, Filter{Period: feb})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for _, b := range bins {
		n += b.Counts.SevereShortage + b.Counts.Shortage + b.Counts.Balanced + b.Counts.Surplus + b.Counts.NoData
	}
	if n != sum.Positions-sum.Counts.NoData {
		t.Errorf("distribution holds %d positions, want %d with a ratio", n, sum.Positions-sum.Counts.NoData)
	}
	if bins[0].Counts.SevereShortage != 1 {
		t.Errorf("S2 with no teacher belongs in the first bin: %+v", bins[0])
	}
}

func TestPlacesAndHistory(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	path, err := s.RegionPath(ctx, "36.73.05")
	if err != nil {
		t.Fatal(err)
	}
	if len(path) != 3 || path[0].Name != "Banten" || path[1].Name != "Kota Serang" || path[2].Name != "Cipocok Jaya" {
		t.Errorf("path %+v", path)
	}
	for _, lookup := range []func() error{
		func() error { _, err := s.For(Scope{}).Region(ctx, "99.99"); return err },
		func() error { _, err := s.For(Scope{}).Agency(ctx, "nope"); return err },
		func() error { _, err := s.For(Scope{}).Unit(ctx, "nope", "id"); return err },
	} {
		if err := lookup(); !errors.Is(err, data.ErrNotFound) {
			t.Errorf("missing thing: %v, want ErrNotFound", err)
		}
	}
	hist, err := s.For(Scope{}).UnitHistory(ctx, "P1")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 3 || hist[0].Cadre != "dokter" || len(hist[0].Points) != 2 || hist[0].Points[0].Status != NoData {
		t.Errorf("history %+v", hist)
	}
	people, err := s.For(Scope{}).UnitStaff(ctx, "S1")
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != 21 || len(people[0].NIP) != 18 {
		t.Errorf("S1 staff: %d people", len(people))
	}
	opts, err := s.For(Scope{}).Options(ctx, "id")
	if err != nil {
		t.Fatal(err)
	}
	if len(opts.Periods) != 2 || len(opts.Cadres) != 5 || len(opts.Agencies) != 4 || len(opts.Regions) < 4 {
		t.Errorf("options %+v", opts)
	}
	trend, err := s.For(Scope{}).Trend(ctx, Filter{Region: "36.73"})
	if err != nil {
		t.Fatal(err)
	}
	if len(trend) != 2 || trend[1].ShortagePeople != 19 {
		t.Errorf("trend %+v", trend)
	}
}
