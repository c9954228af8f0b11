package demo

import (
	"math"
	"math/rand/v2"
	"time"
)

// series holds a unit's monthly values, one row per indicator in indicatorsOf order.
type series [][nPeriods]float64

// Seasonality of outpatient visits by calendar month: the rainy season (December to February)
// brings dengue, respiratory infections and diarrhoea; the dry mid-year is quieter.
var rainySeason = [13]float64{0, 1.15, 1.12, 1.03, 0.98, 0.95, 0.93, 0.95, 0.96, 0.98, 1.00, 1.04, 1.10}

// Administrative services by calendar month: July and August carry school enrolment paperwork
// (family cards, birth certificates), December is quiet.
var adminSeason = [13]float64{0, 1.05, 1.0, 1.0, 1.0, 1.0, 1.05, 1.18, 1.06, 1.0, 1.0, 1.0, 0.92}

// lebaranDip is the dip around Eid al-Fitr (31 March 2025, 20 March 2026) and its collective
// leave, when clinics and offices run on skeleton crews and people travel home (mudik).
func lebaranDip(p time.Time) float64 {
	switch p.Year()*100 + int(p.Month()) {
	case 202503:
		return 0.93
	case 202504:
		return 0.80
	case 202603:
		return 0.82
	case 202604:
		return 0.96
	}
	return 1
}

// genWorkload draws a unit's 24 months of workload from its size. Values are whole numbers and
// never negative; flows get growth, seasonality and noise, stocks move slowly.
func genWorkload(u *unit, seed uint64) series {
	rng := newRand(seed, "workload", u.code)
	switch u.unitType {
	case "puskesmas":
		return puskesmasSeries(rng, u.size)
	case "kelurahan":
		return kelurahanSeries(rng, u.size)
	}
	return enrolmentSeries(rng, u.size, u.role == roleGrowth)
}

// enrolmentSeries: students enrolled, changing mainly each July with the new school year, with
// a trickle of drop-outs and transfers in between. Growth schools gain 12-16% a year.
func enrolmentSeries(rng *rand.Rand, start float64, growth bool) series {
	s := make(series, 1)
	students := start
	for t := range nPeriods {
		if t > 0 {
			if periodAt(t).Month() == time.July {
				g := math.Min(0.15, math.Max(-0.12, 0.01+0.04*rng.NormFloat64()))
				if growth {
					g = between(rng, 0.12, 0.16)
				}
				students *= 1 + g
			} else {
				students *= 1 - 0.0005 + 0.002*rng.NormFloat64()
			}
		}
		s[0][t] = whole(students)
	}
	return s
}

// puskesmasSeries: monthly outpatient visits, antenatal visits, deliveries and family-planning
// services of a puskesmas serving catchment people.
func puskesmasSeries(rng *rand.Rand, catchment float64) series {
	base := [4]float64{
		clamp(catchment*0.11*logNormal(rng, 0.15), 1000, 7000), // kunjungan
		clamp(catchment*0.009*logNormal(rng, 0.2), 60, 700),    // anc
		clamp(catchment*0.0008*logNormal(rng, 0.25), 3, 80),    // persalinan
		clamp(catchment*0.008*logNormal(rng, 0.2), 30, 600),    // kb
	}
	growth := between(rng, -0.03, 0.12) // over the whole window
	s := make(series, 4)
	for t := range nPeriods {
		p := periodAt(t)
		trend := math.Pow(1+growth, float64(t)/float64(nPeriods-1))
		dip := lebaranDip(p)
		s[0][t] = whole(base[0] * trend * rainySeason[p.Month()] * dip * (1 + 0.05*rng.NormFloat64()))
		s[1][t] = whole(base[1] * trend * (1 + (dip-1)/2) * (1 + 0.08*rng.NormFloat64()))
		s[2][t] = whole(base[2] * trend * (1 + 0.15*rng.NormFloat64()))
		s[3][t] = whole(base[3] * trend * dip * (1 + 0.08*rng.NormFloat64()))
	}
	return s
}

// kelurahanSeries: population served (a stock growing ~1.2% a year) and administrative services
// a month (a flow).
func kelurahanSeries(rng *rand.Rand, people float64) series {
	services := clamp(people*between(rng, 0.02, 0.045), 150, 1500)
	growth := between(rng, 0.0, 0.10)
	s := make(series, 2)
	for t := range nPeriods {
		p := periodAt(t)
		s[0][t] = whole(people * math.Pow(1.012, float64(t)/12) * (1 + 0.001*rng.NormFloat64()))
		trend := math.Pow(1+growth, float64(t)/float64(nPeriods-1))
		s[1][t] = whole(services * trend * adminSeason[p.Month()] * lebaranDip(p) * (1 + 0.07*rng.NormFloat64()))
	}
	return s
}

// whole rounds a drawn value to a non-negative count.
func whole(x float64) float64 { return math.Max(0, math.Round(x)) }

func clamp(x, lo, hi float64) float64 { return math.Min(hi, math.Max(lo, x)) }

// staffCounts decides how many staff of each cadre (cadresOf order) a unit employs: the staff its
// norms require at its last reported month times its factor, except for the story roles.
func staffCounts(u *unit, s series, seed uint64) []int {
	last := nPeriods - 1
	if u.dataUntil > 0 {
		last = u.dataUntil - 1
	}
	at := last
	if u.role == roleGrowth {
		at = 0 // teachers were set for November 2024 and did not follow enrolment
	}
	required := requiredStaff(u.unitType, s, at, u.effHours)
	out := make([]int, len(required))
	if u.role == roleZeroStaff {
		return out
	}
	// Cadres of one puskesmas drift a little apart (a doctor short is not always a nurse short),
	// but the unit's total follows its factor, so its overall ratio lands in the intended band.
	rng := newRand(seed, "cadre-jitter", u.code)
	weights := make([]float64, len(required))
	total := 0.0
	for i, req := range required {
		weights[i] = req
		if len(required) > 1 {
			weights[i] *= between(rng, 0.85, 1.15)
		}
		total += req
	}
	for i, n := range allocate(int(math.Round(total*u.factor)), weights, 0) {
		out[i] = max(n, minStaff(u.unitType, cadresOf[u.unitType][i]))
	}
	return out
}

// minStaff is the fewest staff a functioning unit keeps.
func minStaff(unitType, cadre string) int {
	switch {
	case isSchool(unitType):
		return minTeachersPerSchool
	case cadre == "perawat", unitType == "kelurahan":
		return 2
	}
	return 1
}
