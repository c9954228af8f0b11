package analytics

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// TestScopedSummaries: a scoped reader's figures are those of the same units read unscoped, by
// the precomputed path or from unit rows, and a filter wider than the scope never brings in the
// precomputed totals of the wider place.
func TestScopedSummaries(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	all := s.For(Scope{})
	sum := func(r *Reader, f Filter) Summary {
		t.Helper()
		f.Period = feb
		got, err := r.Summary(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	dinkes := Scope{Agencies: []string{"36.73-dinkes"}}
	cipocok := Scope{Regions: []string{"36.73.05"}}
	tests := []struct {
		name       string
		scope      Scope
		f          Filter
		want       Summary
		wantExtra  Summary // added to want: a second place the scope covers
		wantNoData bool
	}{
		{"one agency, no filter", dinkes, Filter{}, sum(all, Filter{Agency: "36.73-dinkes"}), Summary{}, false},
		{"one district, no filter", cipocok, Filter{}, sum(all, Filter{Region: "36.73.05"}), Summary{}, false},
		{"district scope, city filter", cipocok, Filter{Region: "36.73"}, sum(all, Filter{Region: "36.73.05"}), Summary{}, false},
		{"district scope, province filter", cipocok, Filter{Region: "36"}, sum(all, Filter{Region: "36.73.05"}), Summary{}, false},
		{"two agencies", Scope{Agencies: []string{"36.73-dinkes", "36-disdik"}}, Filter{},
			sum(all, Filter{Agency: "36.73-dinkes"}), sum(all, Filter{Agency: "36-disdik"}), false},
		{"agency scope, another agency", dinkes, Filter{Agency: "36-disdik"}, Summary{}, Summary{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sum(s.For(tt.scope), tt.f)
			if tt.wantNoData {
				if got.Units != 0 || got.Staff != 0 {
					t.Errorf("%d units, %d staff outside the scope", got.Units, got.Staff)
				}
				return
			}
			w := tt.want
			if got.Units != w.Units+tt.wantExtra.Units || got.Staff != w.Staff+tt.wantExtra.Staff ||
				got.ShortagePeople != w.ShortagePeople+tt.wantExtra.ShortagePeople ||
				got.SurplusPeople != w.SurplusPeople+tt.wantExtra.SurplusPeople {
				t.Errorf("units %d staff %d short %d surplus %d; want %+v plus %+v",
					got.Units, got.Staff, got.ShortagePeople, got.SurplusPeople, w, tt.wantExtra)
			}
		})
	}
}

// TestScopedPlaces: places outside the scope are refused, inside it they are read, and lists
// and menus hold only what the scope covers.
func TestScopedPlaces(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	dinkes := s.For(Scope{Agencies: []string{"36.73-dinkes"}})
	city := s.For(Scope{Regions: []string{"36.73"}})
	tests := []struct {
		name    string
		read    func() error
		allowed bool
	}{
		{"agency head: own puskesmas", func() error { _, err := dinkes.Unit(ctx, "P1", "id"); return err }, true},
		{"agency head: a school", func() error { _, err := dinkes.Unit(ctx, "S1", "id"); return err }, false},
		{"agency head: a school's staff", func() error { _, err := dinkes.UnitStaff(ctx, "S1"); return err }, false},
		{"agency head: a school's history", func() error { _, err := dinkes.UnitHistory(ctx, "S1"); return err }, false},
		{"agency head: a school's calculation", func() error { _, err := dinkes.Explain(ctx, "S1", "guru", feb); return err }, false},
		{"agency head: own agency", func() error { _, err := dinkes.Agency(ctx, "36.73-dinkes"); return err }, true},
		{"agency head: another agency", func() error { _, err := dinkes.Agency(ctx, "36.73-disdik"); return err }, false},
		{"agency head: own city's region page", func() error { _, err := dinkes.Region(ctx, "36.73"); return err }, false},
		{"planner: province agency's school in the city", func() error { _, err := city.Unit(ctx, "K1", "id"); return err }, true},
		{"planner: the province agency itself", func() error { _, err := city.Agency(ctx, "36-disdik"); return err }, false},
		{"planner: a district of the city", func() error { _, err := city.Region(ctx, "36.73.05"); return err }, true},
		{"planner: the province", func() error { _, err := city.Region(ctx, "36"); return err }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.read()
			switch {
			case tt.allowed && err != nil:
				t.Errorf("refused: %v", err)
			case !tt.allowed && !errors.Is(err, ErrForbidden):
				t.Errorf("err %v, want ErrForbidden", err)
			}
		})
	}

	page, err := dinkes.Units(ctx, Filter{Period: feb}, SortRatio, 100, 0, "id")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range page.Rows {
		if u.Agency != "36.73-dinkes" {
			t.Errorf("unit list holds %s of %s", u.Code, u.Agency)
		}
	}
	if len(page.Rows) == 0 {
		t.Error("unit list is empty")
	}
	o, err := dinkes.Options(ctx, "id")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Agencies) != 1 || o.Agencies[0].Code != "36.73-dinkes" || len(o.Regions) != 0 {
		t.Errorf("agency head's menus: agencies %+v regions %+v", o.Agencies, o.Regions)
	}
	o, err = city.Options(ctx, "id")
	if err != nil {
		t.Fatal(err)
	}
	agencies := make([]string, len(o.Agencies))
	for i, a := range o.Agencies {
		agencies[i] = a.Code
	}
	slices.Sort(agencies)
	if !slices.Equal(agencies, []string{"36.73-dinkes", "36.73-disdik", "36.73-kelurahan"}) {
		t.Errorf("planner's agencies %v", agencies)
	}
	for _, r := range o.Regions {
		if !city.Scope().CoversRegion(r.Code) {
			t.Errorf("planner's region menu holds %s", r.Code)
		}
	}
}

// TestScopedUnitAfterMove: a reader that has read a unit in its scope refuses it once the unit
// has moved to an agency outside the scope, and a refused unit stays refused.
func TestScopedUnitAfterMove(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	dinkes := s.For(Scope{Agencies: []string{"36.73-dinkes"}})
	for range 2 {
		if _, err := dinkes.UnitHistory(ctx, "P1"); err != nil {
			t.Fatalf("own puskesmas refused: %v", err)
		}
		if _, err := dinkes.UnitStaff(ctx, "S1"); !errors.Is(err, ErrForbidden) {
			t.Fatalf("a school's staff: err %v, want ErrForbidden", err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE units SET agency_code = '36.73-disdik' WHERE code = 'P1'`); err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	for _, read := range []func() error{
		func() error { _, err := dinkes.UnitHistory(ctx, "P1"); return err },
		func() error { _, err := dinkes.UnitStaff(ctx, "P1"); return err },
		func() error { _, err := dinkes.Explain(ctx, "P1", "perawat", feb); return err },
	} {
		if err := read(); !errors.Is(err, ErrForbidden) {
			t.Errorf("moved puskesmas: err %v, want ErrForbidden", err)
		}
	}
}
