// Package demo generates Timbang's deterministic demo dataset: agencies, schools, puskesmas and
// kelurahan offices placed in real Kemendagri villages, their staff, and 24 months of workload,
// with the staffing imbalances of the user stories built in so the dashboard has something to
// find. The same seed always gives the same tables.
package demo

import (
	"fmt"
	"strings"
	"time"
)

// Scale names a size of demo dataset.
type Scale string

// The scales, smallest first.
const (
	ScaleTest     Scale = "test"     // Kota Serang subset, for unit tests
	ScaleCity     Scale = "city"     // the five places of the user stories
	ScaleProvince Scale = "province" // Banten plus the story places
	ScaleNational Scale = "national" // every regency and city
)

// ParseScale accepts a scale name in any letter case.
func ParseScale(s string) (Scale, error) {
	switch sc := Scale(strings.ToLower(strings.TrimSpace(s))); sc {
	case ScaleTest, ScaleCity, ScaleProvince, ScaleNational:
		return sc, nil
	}
	return "", fmt.Errorf("unknown demo scale %q: want test, city, province or national", s)
}

// Options select the dataset. The CLI's default seed is 1.
type Options struct {
	Scale Scale // empty means ScaleCity
	Seed  uint64
}

// Summary counts what Generate wrote.
type Summary struct {
	Regions      int // regencies and cities covered
	Agencies     int
	Units        int
	Staff        int
	WorkloadRows int
	Periods      int
}

// The demo window: 24 months, November 2024 to October 2026. Fixed, so that a dataset generated
// today and one generated next year are identical and tests never depend on the clock.
const nPeriods = 24

var firstPeriod = time.Date(2024, time.November, 1, 0, 0, 0, 0, time.UTC)

// Periods returns the first day (UTC) of each of the 24 demo months, 2024-11 to 2026-10.
func Periods() []time.Time {
	out := make([]time.Time, nPeriods)
	for i := range out {
		out[i] = periodAt(i)
	}
	return out
}

func periodAt(i int) time.Time { return firstPeriod.AddDate(0, i, 0) }

// cipocokJaya is the kecamatan of the Cipocok Jaya story: schools whose enrolment outgrew their
// teachers.
const cipocokJaya = "36.73.05"

// storyPlaces are the regencies and cities of the user stories: Kota Serang, Kota and Kabupaten
// Sorong, Kota Medan, Kota Palembang and Kota Surakarta.
var storyPlaces = map[string]bool{
	"36.73": true, "96.71": true, "96.01": true, "12.71": true, "16.71": true, "33.72": true,
}

// scaleSpec says which regencies a scale covers and how densely it fills them. Unit rates at
// density 1 are roughly the real number of public schools per person; the province and national
// scales raise density and enrolment so the dataset reaches benchmark size (about 20,000 and
// 500,000 units, 5 million staff nationally), at the cost of more, smaller schools than reality.
type scaleSpec struct {
	covers        func(regency string) bool
	schoolDensity float64 // multiplies the schools-per-population rates
	enrolment     float64 // multiplies the share of the population enrolled in public schools
	testSubset    bool    // keep only the Cipocok Jaya units and a handful of others
}

func (s Scale) spec() (scaleSpec, error) {
	switch s {
	case ScaleTest:
		return scaleSpec{covers: func(r string) bool { return r == "36.73" }, schoolDensity: 1, enrolment: 1, testSubset: true}, nil
	case ScaleCity, "":
		return scaleSpec{covers: func(r string) bool { return storyPlaces[r] }, schoolDensity: 1, enrolment: 1}, nil
	case ScaleProvince:
		return scaleSpec{
			covers:        func(r string) bool { return strings.HasPrefix(r, "36.") || storyPlaces[r] },
			schoolDensity: 3.3,
			enrolment:     1.6,
		}, nil
	case ScaleNational:
		return scaleSpec{covers: func(string) bool { return true }, schoolDensity: 5.3, enrolment: 2.95}, nil
	}
	return scaleSpec{}, fmt.Errorf("unknown demo scale %q", s)
}
