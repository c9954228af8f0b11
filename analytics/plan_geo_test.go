package analytics

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestHaversineKm(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want                   float64
	}{
		{"same point", -6.12, 106.15, -6.12, 106.15, 0},
		{"Kota Serang to Jakarta", -6.12, 106.15, -6.20, 106.82, 74.6},
		{"one degree of latitude", 0, 100, 1, 100, 111.19},
	}
	for _, tt := range tests {
		if got := HaversineKm(tt.lat1, tt.lon1, tt.lat2, tt.lon2); math.Abs(got-tt.want) > 0.2 {
			t.Errorf("%s: %.2f km, want %.2f", tt.name, got, tt.want)
		}
	}
}

// The pricing search skips cells by the grid's lower bound; it must never exceed the true
// distance, anywhere in Indonesia (6 N to 11 S) within a province-sized area.
func TestGeoGridLowerBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for trial := range 200 {
		lat0, lon0 := -11+rng.Float64()*17, 95+rng.Float64()*46
		var lats, lons []float64
		for range 50 {
			lats = append(lats, lat0+rng.Float64()*4)
			lons = append(lons, lon0+rng.Float64()*4)
		}
		g := newGeoGrid(lats, lons, math.Abs(lat0)+4, 2)
		qlat, qlon := lat0-1+rng.Float64()*6, lon0-1+rng.Float64()*6
		g.visit(qlat, qlon, -1, func(cell int, lowerKm float64) bool {
			for _, i := range g.cells[cell] {
				if d := HaversineKm(qlat, qlon, lats[i], lons[i]); d < lowerKm {
					t.Fatalf("trial %d: bound %.3f km above true distance %.3f km", trial, lowerKm, d)
				}
			}
			return true
		})
	}
}

// visit must reach every point within the limit.
func TestGeoGridVisitFindsEverythingInRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	var lats, lons []float64
	for range 500 {
		lats = append(lats, -6+rng.Float64())
		lons = append(lons, 106+rng.Float64())
	}
	g := newGeoGrid(lats, lons, 7, 3)
	for range 50 {
		qlat, qlon, limit := -6.5+rng.Float64()*2, 105.5+rng.Float64()*2, rng.Float64()*40
		seen := map[int32]bool{}
		g.visit(qlat, qlon, limit, func(cell int, _ float64) bool {
			for _, i := range g.cells[cell] {
				seen[i] = true
			}
			return true
		})
		for i := range lats {
			if HaversineKm(qlat, qlon, lats[i], lons[i]) <= limit && !seen[int32(i)] {
				t.Fatalf("point %d within %.1f km not visited", i, limit)
			}
		}
	}
}

// TestGeoGridVisitFromFarAway: a query point far outside the grid (a home in another province)
// visits every non-empty cell exactly once when nothing limits it, and none when the limit is
// shorter than the way to the grid.
func TestGeoGridVisitFromFarAway(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	var lats, lons []float64
	for range 400 {
		lats = append(lats, -6.2+rng.Float64()*0.3)
		lons = append(lons, 106+rng.Float64()*0.3)
	}
	g := newGeoGrid(lats, lons, 7, 2)
	nonEmpty := 0
	for _, c := range g.cells {
		if len(c) > 0 {
			nonEmpty++
		}
	}
	for _, q := range [][2]float64{{3.59, 98.67}, {-0.88, 131.26}, {-6.1, 106.1}, {-10, 100}} {
		seen := map[int]int{}
		g.visit(q[0], q[1], -1, func(cell int, _ float64) bool { seen[cell]++; return true })
		if len(seen) != nonEmpty {
			t.Errorf("from %v: %d of %d non-empty cells visited", q, len(seen), nonEmpty)
		}
		for cell, n := range seen {
			if n != 1 {
				t.Errorf("from %v: cell %d visited %d times", q, cell, n)
			}
		}
	}
	far := 0
	g.visit(3.59, 98.67, 100, func(int, float64) bool { far++; return true })
	if far != 0 {
		t.Errorf("from Medan within 100 km of Serang: %d cells visited", far)
	}
}
