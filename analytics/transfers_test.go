package analytics

import (
	"context"
	"testing"
	"time"
)

var may25 = time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)

// TestRefreshBackDatesTransfers: before a move a person counts in the unit they left, from the
// month of the move in the unit they joined; chains of moves, a post date after the first move,
// study leave and moves of people not in the register follow the rules of UnitAt.
func TestRefreshBackDatesTransfers(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	_, err := s.db.ExecContext(ctx, `
		-- a third, earlier period
		INSERT INTO workload VALUES ('S1', '2025-05-01', 'siswa', 480);
		-- A, an SMK teacher since 2018: SD 2 until May 2025, SD 3 from June, the SMK from February 2026.
		INSERT INTO transfers VALUES
		    ('198101012006012001', '2025-06-01', 'S2', 'S3', 'rotasi', NULL),
		    ('198101012006012001', '2026-02-03', 'S3', 'K1', 'pemerataan', NULL);
		-- B, in SD 3 since 10 February 2026 (its post date): SD 1 before, since before the records.
		UPDATE staff SET post_start = '2026-02-10' WHERE nip = '198201012007012001';
		INSERT INTO transfers VALUES ('198201012007012001', '2026-02-10', 'S1', 'S3', NULL, NULL);
		-- on study leave: counts nowhere, moves or not
		INSERT INTO transfers VALUES ('198001012005011101', '2025-01-01', 'S2', 'S1', NULL, NULL);
		-- a NIP the register does not know: ignored
		INSERT INTO transfers VALUES ('199901012020011001', '2026-01-05', 'S1', 'S2', NULL, NULL);`)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		unit   string
		period time.Time
		want   int
	}{
		{"S1", may25, 20}, {"S1", jan, 20}, {"S1", feb, 20}, // 19 + B, then 19 + the new teacher
		{"S2", may25, 1}, {"S2", jan, 0}, {"S2", feb, 0}, // A until May 2025
		{"S3", may25, 9}, {"S3", jan, 10}, {"S3", feb, 10}, // without B; with A; with B
		{"K1", may25, 24}, {"K1", jan, 24}, {"K1", feb, 25}, // A from February
	}
	for _, tt := range tests {
		if got := readStat(t, s, tt.period, tt.unit, "guru").actual; got != tt.want {
			t.Errorf("%s teachers %s: %d, want %d", tt.unit, tt.period.Format("2006-01"), got, tt.want)
		}
	}
	assertUnitStatsMatchExplain(t, s)
	assertScopeStatsMatchUnitStats(t, s)
	assertUnitHistoryMatchesUnitStats(t, s)
	assertUnitNumbers(t, s)
}

func TestUnitAt(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	chain := []PastMove{{On: day("2024-03-15"), From: "A"}, {On: day("2025-07-01"), From: "B"}}
	tests := []struct {
		name      string
		period    string
		postStart string
		moves     []PastMove
		unit      string
		counts    bool
	}{
		{"never moved, before the post date", "2024-02-01", "2024-03-20", nil, "C", false},
		{"never moved, the month of the post date", "2024-03-01", "2024-03-20", nil, "C", true},
		{"before the first move, post date earlier", "2024-02-01", "2020-01-01", chain, "A", true},
		{"before the post date that precedes the first move", "2019-12-01", "2020-01-01", chain, "A", false},
		{"post date after the first move: in the unit left since before the records", "1990-01-01", "2025-07-01", chain, "A", true},
		{"the month of the first move", "2024-03-01", "2020-01-01", chain, "B", true},
		{"between the moves", "2025-06-01", "2020-01-01", chain, "B", true},
		{"the month of the last move", "2025-07-01", "2020-01-01", chain, "C", true},
		{"two moves in one month: the later one wins", "2025-07-01", "2020-01-01",
			[]PastMove{{On: day("2025-07-01"), From: "A"}, {On: day("2025-07-20"), From: "B"}}, "C", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			unit, ok := UnitAt(day(tt.period), "C", day(tt.postStart), tt.moves)
			if ok != tt.counts || (ok && unit != tt.unit) {
				t.Errorf("UnitAt = %s, %v; want %s, %v", unit, ok, tt.unit, tt.counts)
			}
		})
	}
}
