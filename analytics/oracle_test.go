package analytics

import (
	"context"
	"database/sql"
	"math"
	"slices"
	"testing"
	"time"
)

// assertUnitStatsMatchExplain recomputes every unit_stats row with Explain (Go formulas on the
// raw tables) and fails on any difference.
func assertUnitStatsMatchExplain(t *testing.T, s *Service) {
	t.Helper()
	ctx := context.Background()
	rows, err := s.db.QueryContext(ctx, `SELECT period, unit_code, cadre_code, actual, required, required_rounded,
		ratio, ej, grade, status, shortage_people, surplus_people FROM unit_figures_named`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var period time.Time
		var unit, cadre, status string
		var actual, short, surplus int
		var required, ratio, ej sql.NullFloat64
		var rounded sql.NullInt64
		var grade sql.NullString
		if err := rows.Scan(&period, &unit, &cadre, &actual, &required, &rounded, &ratio, &ej, &grade, &status, &short, &surplus); err != nil {
			t.Fatal(err)
		}
		n++
		e, err := s.For(Scope{}).Explain(ctx, unit, cadre, period)
		if err != nil {
			t.Fatalf("explain %s %s %s: %v", unit, cadre, period.Format("2006-01"), err)
		}
		where := unit + " " + cadre + " " + period.Format("2006-01")
		if e.Actual != actual || string(e.Status) != status || e.ShortagePeople != short || e.SurplusPeople != surplus {
			t.Errorf("%s: SQL actual %d %s short %d surplus %d; Go %d %s %d %d",
				where, actual, status, short, surplus, e.Actual, e.Status, e.ShortagePeople, e.SurplusPeople)
		}
		if required.Valid != e.HasData {
			t.Errorf("%s: SQL has data %v, Go %v", where, required.Valid, e.HasData)
			continue
		}
		if !e.HasData {
			continue
		}
		if !closeRel(required.Float64, e.Required) || int(rounded.Int64) != e.RequiredRounded || grade.String != e.Grade {
			t.Errorf("%s: SQL required %v (%d) grade %q; Go %v (%d) %q",
				where, required.Float64, rounded.Int64, grade.String, e.Required, e.RequiredRounded, e.Grade)
		}
		if ratio.Valid && !closeRel(ratio.Float64, e.Ratio) {
			t.Errorf("%s: SQL ratio %v, Go %v", where, ratio.Float64, e.Ratio)
		}
		if ej.Valid && !closeRel(ej.Float64, e.EJ) {
			t.Errorf("%s: SQL EJ %v, Go %v", where, ej.Float64, e.EJ)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("unit_stats is empty")
	}
}

// oracleRow is a unit_stats row as the brute-force oracles below read it.
type oracleRow struct {
	period                           time.Time
	unit, cadre, typ, agency, region string
	actual, rounded, short, surplus  int
	required, ej                     sql.NullFloat64
	status                           string
}

func loadOracleRows(t *testing.T, s *Service) []oracleRow {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT period, unit_code, cadre_code, unit_type, agency_code, region_code,
		actual, coalesce(required_rounded, 0), shortage_people, surplus_people, required, ej, status FROM unit_figures_named`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var units []oracleRow
	for rows.Next() {
		var u oracleRow
		if err := rows.Scan(&u.period, &u.unit, &u.cadre, &u.typ, &u.agency, &u.region, &u.actual, &u.rounded,
			&u.short, &u.surplus, &u.required, &u.ej, &u.status); err != nil {
			t.Fatal(err)
		}
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return units
}

// inOracleScope reports whether the row lies in a scope: everything, an agency or a region and
// everything under it.
func inOracleScope(u oracleRow, kind, code string) bool {
	switch kind {
	case "all":
		return true
	case "agency":
		return u.agency == code
	default:
		return len(u.region) >= len(code) && u.region[:len(code)] == code &&
			(len(u.region) == len(code) || u.region[len(code)] == '.')
	}
}

// oracleSummary adds up by brute force the rows of one period, scope, cadre and unit type (empty for
// all), as scope_stats and the pages' headlines hold them.
func oracleSummary(units []oracleRow, period time.Time, kind, code, cadre, typ string) Summary {
	sum := Summary{Period: period}
	seen := map[string]bool{}
	var xs, ws []float64
	for _, u := range units {
		if !u.period.Equal(period) || !inOracleScope(u, kind, code) || (cadre != "" && u.cadre != cadre) || (typ != "" && u.typ != typ) {
			continue
		}
		seen[u.unit] = true
		sum.Positions++
		sum.Staff += u.actual
		if u.status != string(NoData) {
			sum.StaffMeasured += u.actual
		}
		sum.Required += u.required.Float64
		sum.RequiredRounded += u.rounded
		sum.ShortagePeople += u.short
		sum.SurplusPeople += u.surplus
		sum.Counts.Add(Status(u.status))
		if u.ej.Valid {
			xs = append(xs, u.ej.Float64)
			ws = append(ws, float64(u.actual))
		}
	}
	sum.Units = len(seen)
	sum.Gini = Gini(xs, ws)
	return sum
}

// sameSummary compares two headlines, their sums of floats within rounding.
func sameSummary(got, want Summary) bool {
	return got.Units == want.Units && got.Positions == want.Positions && got.Staff == want.Staff &&
		got.StaffMeasured == want.StaffMeasured && got.RequiredRounded == want.RequiredRounded &&
		got.ShortagePeople == want.ShortagePeople && got.SurplusPeople == want.SurplusPeople && got.Counts == want.Counts &&
		closeRel(got.Required, want.Required) &&
		math.IsNaN(got.Gini) == math.IsNaN(want.Gini) && (math.IsNaN(got.Gini) || closeRel(got.Gini, want.Gini))
}

// assertScopeStatsMatchUnitStats recomputes every scope_stats row by brute force in Go from
// unit_stats: membership by region prefix and agency, sums, status counts and Gini.
func assertScopeStatsMatchUnitStats(t *testing.T, s *Service) {
	t.Helper()
	units := loadOracleRows(t, s)
	srows, err := s.db.QueryContext(context.Background(), `SELECT period, scope_kind, scope_code, cadre_code, unit_type,
		units, positions, staff, staff_measured, required, required_rounded, shortage_people, surplus_people,
		n_severe_shortage, n_shortage, n_balanced, n_surplus, n_no_data, gini FROM scope_stats`)
	if err != nil {
		t.Fatal(err)
	}
	defer srows.Close()
	checked := 0
	for srows.Next() {
		var kind, code, cadre, typ string
		var got Summary
		var gini sql.NullFloat64
		if err := srows.Scan(append(append([]any{&got.Period, &kind, &code, &cadre, &typ}, got.figures()...), &gini)...); err != nil {
			t.Fatal(err)
		}
		got.Gini = nullNaN(gini)
		if want := oracleSummary(units, got.Period, kind, code, cadre, typ); !sameSummary(got, want) {
			t.Errorf("%s %s:%s cadre=%s type=%s: SQL %+v, Go %+v", got.Period.Format("2006-01"), kind, code, cadre, typ, got, want)
		}
		if kind == "region" && !precomputedRegion(code) {
			t.Errorf("scope_stats holds region %s, below the precomputed levels", code)
		}
		checked++
	}
	if err := srows.Err(); err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("scope_stats is empty")
	}
	assertDistrictFiguresMatchUnitStats(t, s, units)
}

// assertDistrictFiguresMatchUnitStats holds the headlines and trends pages read of districts,
// which scope_stats does not hold (the Reader adds them up from unit rows), to the brute-force
// sums: every district, with every cadre and unit type or all.
func assertDistrictFiguresMatchUnitStats(t *testing.T, s *Service, units []oracleRow) {
	t.Helper()
	ctx := context.Background()
	districts, cadres, types, periods := map[string]bool{}, map[string]bool{"": true}, map[string]bool{"": true}, map[time.Time]bool{}
	for _, u := range units {
		if len(u.region) >= regionCodeLengths[3] {
			districts[u.region[:regionCodeLengths[3]]] = true
		}
		cadres[u.cadre], types[u.typ], periods[u.period] = true, true, true
	}
	if len(districts) == 0 {
		t.Fatal("no unit lies in a district")
	}
	r := s.For(Scope{})
	for d := range districts {
		for cadre := range cadres {
			for typ := range types {
				f := Filter{Region: d, Cadre: cadre, UnitType: typ}
				trend, err := r.Trend(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				var wantTrend []Summary
				for p := range periods {
					if want := oracleSummary(units, p, "region", d, cadre, typ); want.Positions > 0 {
						wantTrend = append(wantTrend, want)
					}
				}
				slices.SortFunc(wantTrend, func(a, b Summary) int { return a.Period.Compare(b.Period) })
				if len(trend) != len(wantTrend) {
					t.Fatalf("%+v: trend of %d periods, want %d", f, len(trend), len(wantTrend))
				}
				for i, w := range wantTrend {
					p := trend[i]
					got := Summary{Period: p.Period, Units: w.Units, Positions: w.Positions, Staff: p.Staff,
						StaffMeasured: w.StaffMeasured, Required: p.Required, RequiredRounded: w.RequiredRounded,
						ShortagePeople: p.ShortagePeople, SurplusPeople: p.SurplusPeople, Counts: p.Counts, Gini: p.Gini}
					if !p.Period.Equal(w.Period) || !sameSummary(got, w) {
						t.Errorf("%+v: trend point %+v, want %+v", f, p, w)
					}
					f.Period = w.Period
					sum, sumTrend, err := r.SummaryTrend(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					if !sameSummary(sum, w) || len(sumTrend) != len(trend) {
						t.Errorf("%+v: summary %+v (trend of %d), want %+v (of %d)", f, sum, len(sumTrend), w, len(trend))
					}
					if alone, err := r.Summary(ctx, f); err != nil || !sameSummary(alone, w) {
						t.Errorf("%+v: Summary %+v (%v), want %+v", f, alone, err, w)
					}
				}
			}
		}
	}
}

// closeRel compares floats computed in different orders by SQL and Go.
func closeRel(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// assertUnitHistoryMatchesUnitStats: unit_history holds exactly the unit_stats rows' history
// columns (unit_stats itself is held against Go by the assertions above), stored in unit order,
// which is what makes it worth having.
func assertUnitHistoryMatchesUnitStats(t *testing.T, s *Service) {
	t.Helper()
	ctx := context.Background()
	var stats, history, matched int
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM unit_stats),
		(SELECT count(*) FROM unit_history),
		(SELECT count(*) FROM unit_stats s JOIN unit_history h
			ON h.unit_no = s.unit_no AND h.cadre_code = s.cadre_code AND h.period = s.period
			AND h.workload IS NOT DISTINCT FROM s.workload AND h.actual = s.actual
			AND h.required IS NOT DISTINCT FROM s.required AND h.status = s.status)`).Scan(&stats, &history, &matched)
	if err != nil {
		t.Fatal(err)
	}
	if stats == 0 || history != stats || matched != stats {
		t.Errorf("unit_history: %d rows, %d equal to one of the %d unit_stats rows", history, matched, stats)
	}
	var outOfOrder int
	// Stored in unit order, so that a unit's rows are neighbours (refresh_unit_history.sql).
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM (
		SELECT unit_no, lag(unit_no) OVER (ORDER BY rowid) AS before
		FROM unit_history)
		WHERE before > unit_no`).Scan(&outOfOrder)
	if err != nil {
		t.Fatal(err)
	}
	if outOfOrder > 0 {
		t.Errorf("unit_history: %d rows stored after a greater unit number", outOfOrder)
	}
}

// assertUnitNumbers: rollup_units numbers every unit once, 1 to n in region and code order
// (unit_no, the order unit rows are stored in) and in name, region and code order (name_no,
// which unit lists sort by), and every unit row carries its unit's two numbers.
func assertUnitNumbers(t *testing.T, s *Service) {
	t.Helper()
	var units, numbered, misplaced, orphans int
	err := s.db.QueryRowContext(context.Background(), `SELECT
		(SELECT count(*) FROM units),
		(SELECT count(*) FROM rollup_units),
		(SELECT count(*) FROM (
			SELECT r.unit_no, r.name_no,
			       row_number() OVER (ORDER BY u.region_code, u.code) AS by_place,
			       row_number() OVER (ORDER BY u.name, u.region_code, u.code) AS by_name
			FROM units u JOIN rollup_units r ON r.code = u.code AND r.name = u.name)
		 WHERE unit_no <> by_place OR name_no <> by_name),
		(SELECT count(*) FROM unit_stats s LEFT JOIN rollup_units r USING (unit_no)
		 WHERE r.name_no IS DISTINCT FROM s.name_no)`).
		Scan(&units, &numbered, &misplaced, &orphans)
	if err != nil {
		t.Fatal(err)
	}
	if numbered != units || misplaced > 0 || orphans > 0 {
		t.Errorf("rollup_units: %d of %d units numbered, %d out of order; %d unit rows of no unit or another name number",
			numbered, units, misplaced, orphans)
	}
}
