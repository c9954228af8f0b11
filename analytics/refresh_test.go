package analytics

import (
	"context"
	"database/sql"
	_ "embed"
	"math"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/datatest"
)

//go:embed testdata/fixture.sql
var fixtureSQL string

// refreshedDemo is the test demo (datatest.DemoStore) with its rollups built, and its periods,
// oldest first.
func refreshedDemo(t *testing.T) (*Service, []time.Time) {
	t.Helper()
	ctx := context.Background()
	s := New(datatest.DemoStore(t))
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	periods, err := s.Periods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return s, periods
}

// fixtureService is a fresh in-memory store holding the hand-built fixture, refreshed.
func fixtureService(t *testing.T) *Service {
	t.Helper()
	ctx := context.Background()
	store, err := data.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	if _, err := store.DB().ExecContext(ctx, fixtureSQL); err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	s := New(store)
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	jan = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	feb = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
)

type statRow struct {
	actual            int
	required, ratio   sql.NullFloat64
	rounded           sql.NullInt64
	grade             sql.NullString
	status            Status
	shortage, surplus int
}

func readStat(t *testing.T, s *Service, period time.Time, unit, cadre string) statRow {
	t.Helper()
	var r statRow
	err := s.db.QueryRow(`SELECT actual, required, ratio, required_rounded, grade, status, shortage_people, surplus_people
		FROM unit_figures_named WHERE period = ? AND unit_code = ? AND cadre_code = ?`, period, unit, cadre).
		Scan(&r.actual, &r.required, &r.ratio, &r.rounded, &r.grade, &r.status, &r.shortage, &r.surplus)
	if err != nil {
		t.Fatalf("unit_stats %s %s %s: %v", period.Format("2006-01"), unit, cadre, err)
	}
	return r
}

// TestRefreshHandComputed checks the rollup SQL against figures worked out on paper.
func TestRefreshHandComputed(t *testing.T) {
	s := fixtureService(t)
	nan := math.NaN()
	tests := []struct {
		name         string
		period       time.Time
		unit, cadre  string
		actual       int
		required     float64 // NaN: no data
		status       Status
		grade        string
		short, surpl int
	}{
		{"480 students, 19 teachers in January", jan, "S1", "guru", 19, 24, Shortage, "A", 5, 0},
		{"a 20th teacher arrives mid-February; study leave does not count", feb, "S1", "guru", 20, 24, Shortage, "A", 4, 0},
		{"300 students and no teacher", feb, "S2", "guru", 0, 15, SevereShortage, "A", 15, 0},
		{"teachers but no student numbers", feb, "S3", "guru", 10, nan, NoData, "", 0, 0},
		{"SMK at 15 per teacher: 25 for 20 needed (EJ 0.80)", feb, "K1", "guru", 25, 20, Surplus, "C", 0, 5},
		// WISN: 36,000 visits x 5 min / 99,450 min x 1/0.85 + 400/1,657.5 h
		{"puskesmas doctors (EJ 1.19)", feb, "P1", "dokter", 2, 180000.0/99450/0.85 + 400/1657.5, Shortage, "A", 0, 0},
		{"puskesmas nurses", feb, "P1", "perawat", 6, 432000.0/99450/0.85 + 300/1657.5, Surplus, "C", 0, 1},
		{"puskesmas midwives (EJ 1.01)", feb, "P1", "bidan", 3, 236400.0/99450/0.85 + 400/1657.5, Balanced, "A", 0, 0},
		{"no puskesmas data in January", jan, "P1", "dokter", 2, nan, NoData, "", 0, 0},
		{"midwives with family planning unreported", feb, "P2", "bidan", 2, nan, NoData, "", 0, 0},
		// ABK at the agency's 1,200 hours: 366,000 min / 0.9 / 72,000
		{"kelurahan clerks (EJ 0.71)", feb, "L1", "pelaksana", 8, 366000.0 / 0.9 / 72000, Surplus, "C", 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readStat(t, s, tt.period, tt.unit, tt.cadre)
			if got.actual != tt.actual || got.status != tt.status || got.shortage != tt.short || got.surplus != tt.surpl {
				t.Errorf("actual %d status %s short %d surplus %d, want %d %s %d %d",
					got.actual, got.status, got.shortage, got.surplus, tt.actual, tt.status, tt.short, tt.surpl)
			}
			if math.IsNaN(tt.required) {
				if got.required.Valid {
					t.Errorf("required %v, want NULL", got.required.Float64)
				}
				return
			}
			if !got.required.Valid || !near(got.required.Float64, tt.required) {
				t.Errorf("required %v, want %v", got.required, tt.required)
			}
			if got.grade.String != tt.grade {
				t.Errorf("grade %q, want %q", got.grade.String, tt.grade)
			}
		})
	}
}

// TestRefreshMatchesExplain holds every rollup row against the Go formulas run on the raw data.
func TestRefreshMatchesExplain(t *testing.T) {
	s := fixtureService(t)
	assertUnitStatsMatchExplain(t, s)
	assertScopeStatsMatchUnitStats(t, s)
	assertUnitHistoryMatchesUnitStats(t, s)
	assertUnitNumbers(t, s)
}

// TestRefreshBeforeAnyUnit: a database without units yet (a user who imports the regions first)
// refreshes, and its pages read empty. Every ENUM of the unit rows is made from the data and
// needs a value (refresh_tables.sql).
func TestRefreshBeforeAnyUnit(t *testing.T) {
	ctx := context.Background()
	store := datatest.Store(t)
	if _, err := store.DB().ExecContext(ctx, `DELETE FROM staffing_norms; DELETE FROM abk_grades`); err != nil {
		t.Fatal(err)
	}
	s := New(store)
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	sum, err := s.For(Scope{}).Summary(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Units != 0 || sum.Staff != 0 {
		t.Errorf("summary of an empty database: %d units, %d staff", sum.Units, sum.Staff)
	}
}

// TestRefreshManyGrades gives the ABK grades more bands than refresh_unit_stats.sql writes out
// (six), so the lower bands go through its general case.
func TestRefreshManyGrades(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, `DELETE FROM abk_grades;
		INSERT INTO abk_grades VALUES ('A', 3, false), ('B', 2.5, true), ('C', 2, true), ('D', 1.5, true),
			('E', 1.2, true), ('F', 1, true), ('G', 0.5, true), ('H', 0, true)`); err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	assertUnitStatsMatchExplain(t, s)
	var low int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM unit_stats WHERE grade IN ('G', 'H')`).Scan(&low); err != nil {
		t.Fatal(err)
	}
	if low == 0 {
		t.Error("no row in grades G or H: the test does not reach the general case")
	}
}

// TestRefreshGivesThreadsBack: a refresh in a serving process lowers DuckDB's threads again
// when it ends, whether it committed, failed or never started.
func TestRefreshGivesThreadsBack(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	if err := s.store.ServeThreads(ctx, 1); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for _, c := range []struct {
		name    string
		ctx     context.Context
		before  string
		wantErr bool
	}{
		{"committed", ctx, "", false},
		{"failed", ctx, "DROP TABLE scope_stats", true},
		{"cancelled", cancelled, "", true},
	} {
		if c.before != "" {
			if _, err := s.db.ExecContext(ctx, c.before); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Refresh(c.ctx); (err != nil) != c.wantErr {
			t.Errorf("%s: err %v", c.name, err)
		}
		if n, err := s.store.Threads(ctx); err != nil || n != 1 {
			t.Errorf("%s: %d threads after (%v), want 1", c.name, n, err)
		}
	}
}
