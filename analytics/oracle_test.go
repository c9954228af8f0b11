package analytics

import (
	"context"
	"database/sql"
	"math"
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

// assertScopeStatsMatchUnitStats recomputes every scope_stats row by brute force in Go from
// unit_stats: membership by region prefix and agency, sums, status counts and Gini.
func assertScopeStatsMatchUnitStats(t *testing.T, s *Service) {
	t.Helper()
	ctx := context.Background()
	type unitRow struct {
		period                           time.Time
		unit, cadre, typ, agency, region string
		actual, rounded, short, surplus  int
		required, ej                     sql.NullFloat64
		status                           string
	}
	rows, err := s.db.QueryContext(ctx, `SELECT period, unit_code, cadre_code, unit_type, agency_code, region_code,
		actual, coalesce(required_rounded, 0), shortage_people, surplus_people, required, ej, status FROM unit_figures_named`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var units []unitRow
	for rows.Next() {
		var u unitRow
		if err := rows.Scan(&u.period, &u.unit, &u.cadre, &u.typ, &u.agency, &u.region, &u.actual, &u.rounded,
			&u.short, &u.surplus, &u.required, &u.ej, &u.status); err != nil {
			t.Fatal(err)
		}
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}

	inScope := func(u unitRow, kind, code string) bool {
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
	srows, err := s.db.QueryContext(ctx, `SELECT period, scope_kind, scope_code, cadre_code, unit_type, units, positions,
		staff, required, required_rounded, shortage_people, surplus_people, n_severe_shortage, n_shortage, n_balanced,
		n_surplus, n_no_data, gini FROM scope_stats`)
	if err != nil {
		t.Fatal(err)
	}
	defer srows.Close()
	checked := 0
	for srows.Next() {
		var period time.Time
		var kind, code, cadre, typ string
		var nUnits, positions, staff, rounded, short, surplus int
		var required float64
		var counts [5]int
		var gini sql.NullFloat64
		if err := srows.Scan(&period, &kind, &code, &cadre, &typ, &nUnits, &positions, &staff, &required, &rounded,
			&short, &surplus, &counts[0], &counts[1], &counts[2], &counts[3], &counts[4], &gini); err != nil {
			t.Fatal(err)
		}
		var wantUnits = map[string]bool{}
		var wantPositions, wantStaff, wantRounded, wantShort, wantSurplus int
		var wantRequired float64
		var wantCounts [5]int
		var xs, ws []float64
		for _, u := range units {
			if !u.period.Equal(period) || !inScope(u, kind, code) || (cadre != "" && u.cadre != cadre) || (typ != "" && u.typ != typ) {
				continue
			}
			wantUnits[u.unit] = true
			wantPositions++
			wantStaff += u.actual
			wantRequired += u.required.Float64
			wantRounded += u.rounded
			wantShort += u.short
			wantSurplus += u.surplus
			for i, st := range Statuses {
				if string(st) == u.status {
					wantCounts[i]++
				}
			}
			if u.ej.Valid {
				xs = append(xs, u.ej.Float64)
				ws = append(ws, float64(u.actual))
			}
		}
		where := period.Format("2006-01") + " " + kind + ":" + code + " cadre=" + cadre + " type=" + typ
		if nUnits != len(wantUnits) || positions != wantPositions || staff != wantStaff || rounded != wantRounded ||
			short != wantShort || surplus != wantSurplus || counts != wantCounts || !closeRel(required, wantRequired) {
			t.Errorf("%s: SQL units %d pos %d staff %d req %v (%d) short %d surplus %d counts %v; Go %d %d %d %v (%d) %d %d %v",
				where, nUnits, positions, staff, required, rounded, short, surplus, counts,
				len(wantUnits), wantPositions, wantStaff, wantRequired, wantRounded, wantShort, wantSurplus, wantCounts)
		}
		wantGini := Gini(xs, ws)
		if gini.Valid != !math.IsNaN(wantGini) || (gini.Valid && !closeRel(gini.Float64, wantGini)) {
			t.Errorf("%s: SQL Gini %v, Go %v", where, gini, wantGini)
		}
		checked++
	}
	if err := srows.Err(); err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("scope_stats is empty")
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
