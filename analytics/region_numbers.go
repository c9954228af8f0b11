package analytics

import "strings"

// The unit rows store a unit's region as a number: the code's digits padded with zeros to ten
// (macro region_number, migration 16), so 36.73.01.1001 is 3673011001 and 36.73 is 3673000000.
// Codes have two digits for the province, two for the regency or city, two for the district and
// four for the village.

// regionSpans are how many numbers the codes under a region of level 1 to 4 take up.
var regionSpans = [...]int64{1: 100_000_000, 2: 1_000_000, 3: 10_000, 4: 1}

// regionNumber is a region code's number and level (1 province to 4 village); ok is false for
// text that is no region code.
func regionNumber(code string) (n int64, level int, ok bool) {
	parts := strings.Split(code, ".")
	if len(parts) > 4 {
		return 0, 0, false
	}
	var digits int
	for i, p := range parts {
		want := 2
		if i == 3 {
			want = 4
		}
		if len(p) != want {
			return 0, 0, false
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return 0, 0, false
			}
			n = n*10 + int64(c-'0')
			digits++
		}
	}
	for ; digits < 10; digits++ {
		n *= 10
	}
	return n, len(parts), true
}

// regionRange is the range [lo, hi) of the numbers of region and every region under it; every
// number without a region, and none for text that is no region code.
func regionRange(region string) (lo, hi int64) {
	if region == "" {
		return 0, 10_000_000_000
	}
	n, level, ok := regionNumber(region)
	if !ok {
		return 0, 0
	}
	return n, n + regionSpans[level]
}

// regionsByLevel splits region codes by level into the numbers a unit's region number has at
// that level (the number divided by the level's span): a unit lies under one of the regions when
// its number cut to some level is in that level's list. Text that is no region code is left out,
// as it holds no unit.
func regionsByLevel(codes []string) [4][]int64 {
	var out [4][]int64
	for i := range out {
		out[i] = []int64{}
	}
	for _, c := range codes {
		if n, level, ok := regionNumber(c); ok {
			out[level-1] = append(out[level-1], n/regionSpans[level])
		}
	}
	return out
}
