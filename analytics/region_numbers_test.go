package analytics

import (
	"context"
	"strings"
	"testing"

	"github.com/timbang/timbang/data/datatest"
)

func TestRegionNumber(t *testing.T) {
	for _, tc := range []struct {
		code  string
		n     int64
		level int
		ok    bool
	}{
		{"36", 3600000000, 1, true},
		{"36.73", 3673000000, 2, true},
		{"36.73.01", 3673010000, 3, true},
		{"36.73.01.1001", 3673011001, 4, true},
		{"11.01.01.2001", 1101012001, 4, true},
		{"", 0, 0, false},
		{"3", 0, 0, false},
		{"367", 0, 0, false},
		{"36.7", 0, 0, false},
		{"36.73.1", 0, 0, false},
		{"36.73.01.100", 0, 0, false},
		{"36.73.01.10011", 0, 0, false},
		{"36.73.01.1001.01", 0, 0, false},
		{"a6.73", 0, 0, false},
		{"36-73", 0, 0, false},
		{"36.73.", 0, 0, false},
		{"٣٦", 0, 0, false}, // digits of another script
	} {
		n, level, ok := regionNumber(tc.code)
		if ok != tc.ok || (ok && (n != tc.n || level != tc.level)) {
			t.Errorf("regionNumber(%q) = %d, %d, %v; want %d, %d, %v", tc.code, n, level, ok, tc.n, tc.level, tc.ok)
		}
	}
	if lo, hi := regionRange("not a code"); lo != hi {
		t.Errorf("regionRange of no code = [%d, %d), want empty", lo, hi)
	}
}

// TestRegionNumbersMatchCodes holds the numbers against the codes they stand for, on every
// region of the demo: Go and the SQL macros (migration 16) give each code the same number, the
// macro region_code_at gives back the code of the region and its ancestors, and the regions a
// range of numbers (regionRange) holds are the regions whose code starts with the region's,
// counted by text.
func TestRegionNumbersMatchCodes(t *testing.T) {
	ctx := context.Background()
	db := datatest.DemoStore(t).DB()
	rows, err := db.QueryContext(ctx, `SELECT code, region_number(code),
		region_code_at(region_number(code), 1), coalesce(region_code_at(region_number(code), 2), ''),
		coalesce(region_code_at(region_number(code), 3), '') FROM regions`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var codes []string
	for rows.Next() {
		var code, at1, at2, at3 string
		var n int64
		if err := rows.Scan(&code, &n, &at1, &at2, &at3); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, code)
		if got, _, ok := regionNumber(code); !ok || got != n {
			t.Errorf("%s: Go number %d (ok %v), SQL %d", code, got, ok, n)
		}
		// the code cut to 2, 5 and 8 characters, none where it is shorter
		for i, want := range []string{prefix(code, 2), prefix(code, 5), prefix(code, 8)} {
			if got := []string{at1, at2, at3}[i]; got != want {
				t.Errorf("%s: region_code_at level %d = %q, want %q", code, i+1, got, want)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(codes) < 100 {
		t.Fatalf("only %d regions in the demo", len(codes))
	}
	// Every province and regency and a hundred districts, against every region: numbers
	// compared in Go, as they equal the SQL's (above).
	numbers := make([]int64, len(codes))
	for i, c := range codes {
		numbers[i], _, _ = regionNumber(c)
	}
	districts := 0
	for _, code := range codes {
		if len(code) > 8 || (len(code) == 8 && districts >= 100) {
			continue
		}
		if len(code) == 8 {
			districts++
		}
		lo, hi := regionRange(code)
		var byText, byNumber int
		for i, c := range codes {
			if c == code || strings.HasPrefix(c, code+".") {
				byText++
			}
			if numbers[i] >= lo && numbers[i] < hi {
				byNumber++
			}
		}
		if byText != byNumber {
			t.Errorf("%s: %d regions under it by code, %d by numbers [%d, %d)", code, byText, byNumber, lo, hi)
		}
	}
}

func prefix(code string, n int) string {
	if len(code) < n {
		return ""
	}
	return code[:n]
}
