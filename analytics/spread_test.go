package analytics

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestSpreadEqualsItsReads: the overview's one read of the unit rows gives the top lists of the
// unit lists of each status, merged in the lists' order and cut, the breakdown by agency and the
// distribution the reads of their own give, under filters, a status and a user's scope.
func TestSpreadEqualsItsReads(t *testing.T) {
	ctx := context.Background()
	s, periods := refreshedDemo(t)
	last := periods[len(periods)-1]
	nonEmpty := 0
	for _, sc := range []Scope{{}, {Regions: []string{"36.73"}}, {Agencies: []string{"36.73-disdik"}}} {
		for _, f := range []Filter{
			{}, {Cadre: "guru"}, {Region: "36"}, {Region: "36.73", Cadre: "guru"}, {Agency: "36.73-disdik"},
			{Status: Shortage}, {Status: Surplus, UnitType: "sd"}, {Status: Balanced}, {Period: periods[0]},
		} {
			if f.Period.IsZero() {
				f.Period = last
			}
			rd := s.For(sc)
			for _, n := range []int{3, 10} {
				where := fmt.Sprintf("scope %+v filter %+v n %d", sc, f, n)
				sp, err := rd.Spread(ctx, f, n, "id")
				if err != nil {
					t.Fatal(err)
				}
				got := sp.Extremes
				byAgency, err := rd.Breakdown(ctx, f, ByAgency, 0, "id")
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(sp.ByAgency, byAgency) {
					t.Errorf("%s: by agency\n got %+v\nwant %+v", where, sp.ByAgency, byAgency)
				}
				bins, err := rd.Distribution(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(sp.Bins, bins) {
					t.Errorf("%s: distribution\n got %+v\nwant %+v", where, sp.Bins, bins)
				}
				short := mergedList(t, rd, f, n, SortRatio, SevereShortage, Shortage)
				surplus := mergedList(t, rd, f, n, SortRatioDesc, Surplus)
				if !reflect.DeepEqual(got.Short, short) {
					t.Errorf("%s: short\n got %+v\nwant %+v", where, got.Short, short)
				}
				if !reflect.DeepEqual(got.Surplus, surplus) {
					t.Errorf("%s: surplus\n got %+v\nwant %+v", where, got.Surplus, surplus)
				}
				if len(short) > 0 && len(surplus) > 0 {
					nonEmpty++
				}
			}
		}
	}
	if nonEmpty < 10 {
		t.Errorf("only %d cases had both lists", nonEmpty)
	}
}

// mergedList is the first n rows of the unit lists of statuses (those the filter's own status
// allows) in order, merged by the order's key, name and cadre.
func mergedList(t *testing.T, rd *Reader, f Filter, n int, order UnitSort, statuses ...Status) []UnitRow {
	t.Helper()
	var rows []UnitRow
	for _, st := range statuses {
		if f.Status != "" && f.Status != st {
			continue
		}
		g := f
		g.Status = st
		page, err := rd.Units(context.Background(), g, order, n, 0, "id")
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, page.Rows...)
	}
	key := func(r UnitRow) float64 {
		switch {
		case r.Ratio.Valid && order == SortRatioDesc:
			return -r.Ratio.Float64
		case r.Ratio.Valid:
			return r.Ratio.Float64
		case order == SortRatioDesc && r.Status == Surplus, order == SortRatio && r.Status == SevereShortage:
			return math.Inf(-1)
		}
		return math.Inf(1)
	}
	slices.SortStableFunc(rows, func(a, b UnitRow) int {
		return cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Cadre, b.Cadre))
	})
	return rows[:min(n, len(rows))]
}

// TestEndsEqualUnitLists: both ends of a unit list read at once are the unit lists in either
// order, with the list's count, under filters and a user's scope.
func TestEndsEqualUnitLists(t *testing.T) {
	ctx := context.Background()
	s, periods := refreshedDemo(t)
	for _, sc := range []Scope{{}, {Regions: []string{"36.73.05"}}} {
		for _, f := range []Filter{{}, {Region: "36.73"}, {Agency: "36.73-disdik"}, {Cadre: "guru", Region: "36.73.05"}, {Region: "99"}} {
			f.Period = periods[len(periods)-1]
			rd := s.For(sc)
			for _, n := range [][2]int{{120, 60}, {5, 3}, {1, 0}} {
				lowest, highest, err := rd.Ends(ctx, f, n[0], n[1], "id")
				if err != nil {
					t.Fatal(err)
				}
				wantLow, err := rd.Units(ctx, f, SortRatio, n[0], 0, "id")
				if err != nil {
					t.Fatal(err)
				}
				wantHigh, err := rd.Units(ctx, f, SortRatioDesc, n[1], 0, "id")
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(lowest, wantLow) || !reflect.DeepEqual(highest, wantHigh.Rows) {
					t.Errorf("scope %+v filter %+v ends %v: got %d rows of %d and %d, want %d of %d and %d",
						sc, f, n, len(lowest.Rows), lowest.Total, len(highest), len(wantLow.Rows), wantLow.Total, len(wantHigh.Rows))
				}
			}
		}
	}
}

// TestFilteredForWholeCountry: the queries that read the filtered rows twice copy them for a
// place and read them twice for the whole country; the texts they rewrite are still there.
func TestFilteredForWholeCountry(t *testing.T) {
	for _, name := range []string{"units_page", "units_ends", "spread"} {
		text := filtered(name, Filter{})
		place := filteredFor(name, Filter{Region: "36.73"})
		country := filteredFor(name, Filter{})
		if place != text || !strings.Contains(country, "WITH f AS NOT MATERIALIZED (") ||
			!strings.Contains(country, "fs AS NOT MATERIALIZED (") {
			t.Errorf("%s: the filtered rows' CTE is not marked as it should be", name)
		}
		if strings.Count(country, "NOT MATERIALIZED (") != strings.Count(text, "NOT MATERIALIZED (")+2+strings.Count(text, " AS MATERIALIZED (") {
			t.Errorf("%s: a materialized CTE of a place is not read twice for the whole country", name)
		}
	}
	if scoped := filteredFor("units_page", Filter{Scope: Scope{Regions: []string{"36"}}}); strings.Contains(scoped, "NOT MATERIALIZED") {
		t.Error("a scoped user's rows are read twice")
	}
}

// TestUnitNamesFollowRenumbering: the top lists name units by the numbers of the data version
// their read saw. After a refresh that numbers the units anew (a unit added whose code sorts
// first), a read of the old version cannot be named from the new names, and the lists name
// every unit as the units table does.
func TestUnitNamesFollowRenumbering(t *testing.T) {
	ctx := context.Background()
	s := fixtureService(t)
	rd := s.For(Scope{})
	if _, err := rd.Spread(ctx, Filter{Period: feb}, 5, "id"); err != nil {
		t.Fatal(err)
	}
	old, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.unitNamesAt(ctx, old); err != nil {
		t.Fatal(err)
	}
	// A unit in the region of every other, whose code sorts before theirs: every number moves.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO units (code, name, unit_type, agency_code, region_code)
		SELECT '0-first', 'Unit pertama', unit_type, agency_code, region_code FROM units ORDER BY region_code LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	s.DataChanged()
	// A read that saw the old version is named from the old names while they are kept; once
	// they are not (a new Service), it must be made again.
	if _, err := New(s.store).unitNamesAt(ctx, old); !errors.Is(err, errUnitsRenumbered) {
		t.Errorf("names at the old version %d: error %v, want %v", old, err, errUnitsRenumbered)
	}
	sp, err := rd.Spread(ctx, Filter{Period: feb}, 5, "id")
	if err != nil {
		t.Fatal(err)
	}
	rows := slices.Concat(sp.Extremes.Short, sp.Extremes.Surplus)
	if len(rows) == 0 {
		t.Fatal("no top list rows")
	}
	for _, u := range rows {
		// The row's figures are those of the unit it names.
		var name, region string
		var actual int
		if err := s.db.QueryRowContext(ctx, `SELECT unit_name, region_code, actual FROM unit_figures_named
			WHERE unit_code = ? AND cadre_code = ? AND period = ?`, u.Code, u.Cadre, feb).Scan(&name, &region, &actual); err != nil {
			t.Fatalf("unit %q, %s: %v", u.Code, u.Cadre, err)
		}
		if u.Name != name || u.Region != region || u.Actual != actual {
			t.Errorf("unit %s (%s) named %q in %s with %d staff, want %q in %s with %d", u.Code, u.Cadre, u.Name, u.Region,
				u.Actual, name, region, actual)
		}
	}
}
