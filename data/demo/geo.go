package demo

import (
	"math"
	"math/rand/v2"
)

// Indonesia's bounding box; every generated coordinate stays inside it.
const (
	minLat, maxLat = -11.0, 6.0
	minLon, maxLon = 95.0, 141.0
)

type latLon struct{ lat, lon float64 }

// knownCentres are the approximate centres of the story places. Kota and Kabupaten Sorong share
// one; the regency's larger area spreads its units wider.
var knownCentres = map[string]latLon{
	"36.73": {-6.12, 106.15},
	"96.71": {-0.88, 131.26},
	"96.01": {-0.88, 131.26},
	"12.71": {3.59, 98.67},
	"16.71": {-2.98, 104.76},
	"33.72": {-7.57, 110.82},
}

// provinceCentre is a rough centroid of a province's populated area and how far (degrees) its
// regencies spread around it. Good enough to put a regency without a known centre on the right
// island for maps; not a geographic claim.
type provinceCentre struct{ lat, lon, spread float64 }

var provinceCentres = map[string]provinceCentre{
	"11": {4.4, 96.9, 1.2}, "12": {2.3, 99.1, 1.2}, "13": {-0.8, 100.5, 0.9}, "14": {0.5, 101.7, 1.0},
	"15": {-1.6, 103.0, 0.9}, "16": {-3.3, 104.2, 1.0}, "17": {-3.6, 102.3, 0.8}, "18": {-4.9, 105.2, 0.8},
	"19": {-2.4, 106.1, 0.8}, "21": {1.0, 104.4, 0.8}, "31": {-6.2, 106.83, 0.1}, "32": {-6.9, 107.6, 0.8},
	"33": {-7.2, 110.2, 0.8}, "34": {-7.85, 110.4, 0.2}, "35": {-7.6, 112.5, 1.0}, "36": {-6.4, 106.1, 0.4},
	"51": {-8.4, 115.2, 0.3}, "52": {-8.6, 117.4, 0.8}, "53": {-9.5, 121.5, 1.5}, "61": {-0.1, 110.5, 1.3},
	"62": {-1.7, 113.4, 1.2}, "63": {-3.1, 115.3, 0.7}, "64": {0.5, 116.5, 1.2}, "65": {3.0, 116.5, 0.7},
	"71": {1.0, 124.5, 0.8}, "72": {-1.2, 121.0, 1.2}, "73": {-4.0, 120.0, 1.0}, "74": {-4.1, 122.2, 0.8},
	"75": {0.6, 122.5, 0.5}, "76": {-2.5, 119.3, 0.6}, "81": {-3.3, 129.0, 1.5}, "82": {0.8, 127.8, 1.0},
	"91": {-2.2, 138.5, 1.5}, "92": {-1.5, 133.3, 1.0}, "93": {-7.0, 139.5, 1.2}, "94": {-3.8, 136.5, 1.0},
	"95": {-4.1, 138.9, 0.8}, "96": {-1.0, 131.6, 0.8},
}

// regencyCentre is the story centre for the story places and otherwise a deterministic point
// around the province centre, derived from the regency code alone so it is the same whatever
// the seed.
func regencyCentre(r *regency) latLon {
	if c, ok := knownCentres[r.code]; ok {
		return c
	}
	pc, ok := provinceCentres[r.provCode]
	if !ok {
		pc = provinceCentre{-2.5, 118.0, 3}
	}
	rng := rand.New(rand.NewPCG(0, streamKey("centre", r.code)))
	angle := rng.Float64() * 2 * math.Pi
	dist := pc.spread * math.Sqrt(rng.Float64())
	return clampBox(latLon{pc.lat + dist*math.Sin(angle), pc.lon + dist*math.Cos(angle)})
}

// regencyRadiusKm is the radius of a disc with the regency's area: units spread within it.
func regencyRadiusKm(r *regency) float64 {
	return math.Max(2, math.Sqrt(r.areaKm2/math.Pi))
}

// offsetKm moves p by (north, east) kilometres.
func offsetKm(p latLon, northKm, eastKm float64) latLon {
	const kmPerDegree = 111.32
	lat := p.lat + northKm/kmPerDegree
	lon := p.lon + eastKm/(kmPerDegree*math.Max(0.2, math.Cos(p.lat*math.Pi/180)))
	return clampBox(latLon{lat, lon})
}

// inDisc returns a uniformly spread point within radiusKm of p.
func inDisc(rng *rand.Rand, p latLon, radiusKm float64) latLon {
	angle := rng.Float64() * 2 * math.Pi
	d := radiusKm * math.Sqrt(rng.Float64())
	return offsetKm(p, d*math.Sin(angle), d*math.Cos(angle))
}

// homeNear places a staff home: mostly within 5 km of the unit, with a tail up to 30 km of
// people who commute from the next town, as in the Palembang story about refused far moves.
func homeNear(rng *rand.Rand, unit latLon) latLon {
	d := 5 * math.Sqrt(rng.Float64())
	if rng.Float64() < 0.15 {
		d = 5 + 25*rng.Float64()*rng.Float64()
	}
	angle := rng.Float64() * 2 * math.Pi
	return offsetKm(unit, d*math.Sin(angle), d*math.Cos(angle))
}

func clampBox(p latLon) latLon {
	// Keep a small margin so later offsets (homes) never leave the box either.
	p.lat = math.Min(maxLat-0.05, math.Max(minLat+0.05, p.lat))
	p.lon = math.Min(maxLon-0.05, math.Max(minLon+0.05, p.lon))
	return p
}

// round6 keeps about 10 cm of precision, so dumps and exports stay short and stable.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }
