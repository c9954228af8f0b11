package analytics

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// planSpec describes a generated plan problem: positions scattered over a square around Kota
// Serang, staff living near their units, about 30% of positions short and 30% in surplus.
type planSpec struct {
	units, staff int
	widthKm      float64
	homeSpreadKm float64  // how far from their unit staff live, typically
	cadres       []string // the first is the most common
	fields       []string // education fields; none: fields are not modelled
	fieldShare   float64  // positions that name a field
	requireShare float64  // of those, positions where the field is a condition
	unlocated    float64  // share of units and homes without coordinates
	preferences  float64  // share of staff who ranked some units
	maxDistance  float64
	at           time.Time
}

var planAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// generatePlan builds a problem from spec, the same for the same seed.
func generatePlan(rng *rand.Rand, spec planSpec) PlanProblem {
	const lat0, lon0 = -6.12, 106.15
	kmLat := earthRadiusKm * math.Pi / 180
	kmLon := kmLat * math.Cos(lat0*math.Pi/180)
	p := PlanProblem{Rules: DefaultPlanRules(spec.at)}
	p.Rules.MaxDistanceKm = spec.maxDistance
	perUnit := float64(spec.staff) / float64(spec.units)
	byCadre := map[string][]string{}
	for i := range spec.units {
		cadre := spec.cadres[0]
		if len(spec.cadres) > 1 && rng.Float64() < 0.3 {
			cadre = spec.cadres[1+rng.IntN(len(spec.cadres)-1)]
		}
		u := PlanUnit{Code: fmt.Sprintf("U%05d", i), Name: fmt.Sprintf("Unit %d", i), Cadre: cadre,
			Lat: lat0 + (rng.Float64()-0.5)*spec.widthKm/kmLat, Lon: lon0 + (rng.Float64()-0.5)*spec.widthKm/kmLon,
			HasLocation: rng.Float64() >= spec.unlocated}
		u.Actual = max(0, int(math.Round(perUnit*(0.5+rng.Float64()))))
		switch r := rng.Float64(); {
		case r < 0.3: // short
			u.Required = float64(u.Actual) + 0.6 + rng.Float64()*3
		case r < 0.6: // surplus
			u.Required = math.Max(0.4, float64(u.Actual)-0.6-rng.Float64()*3)
		default:
			u.Required = math.Max(0.4, float64(u.Actual)+(rng.Float64()-0.5)*0.8)
		}
		if rng.Float64() < 0.05 {
			u.Floor = u.Actual
		}
		if len(spec.fields) > 0 && rng.Float64() < spec.fieldShare {
			u.Fields = []string{spec.fields[rng.IntN(len(spec.fields))]}
			u.FieldRequired = rng.Float64() < spec.requireShare
		}
		p.Units = append(p.Units, u)
		byCadre[cadre] = append(byCadre[cadre], u.Code)
	}
	for _, u := range p.Units {
		for range u.Actual {
			p.Staff = append(p.Staff, generateStaff(rng, &spec, u, len(p.Staff), byCadre[u.Cadre], kmLat, kmLon))
		}
	}
	return p
}

func generateStaff(rng *rand.Rand, spec *planSpec, u PlanUnit, n int, codes []string, kmLat, kmLon float64) PlanStaff {
	birth := spec.at.AddDate(-25-rng.IntN(35), -rng.IntN(12), -rng.IntN(28))
	s := PlanStaff{
		NIP:  fmt.Sprintf("%s%06d%04d", birth.Format("20060102"), 200001+n/10000, n%10000),
		Name: fmt.Sprintf("Staff %d", n), Cadre: u.Cadre, Unit: u.Code,
		BirthDate: birth, PostStart: spec.at.AddDate(0, -rng.IntN(120), -rng.IntN(28)),
		RetirementAge: 58 + 2*rng.IntN(2), Locked: rng.Float64() < 0.02,
	}
	if len(spec.fields) > 0 {
		s.Field = spec.fields[rng.IntN(len(spec.fields))]
	}
	if u.HasLocation && rng.Float64() >= spec.unlocated {
		s.HasHome = true
		s.HomeLat = u.Lat + rng.NormFloat64()*spec.homeSpreadKm/kmLat
		s.HomeLon = u.Lon + rng.NormFloat64()*spec.homeSpreadKm/kmLon
	}
	if rng.Float64() < spec.preferences {
		s.Preferences = map[string]int{}
		for rank := 1; rank <= 1+rng.IntN(3); rank++ {
			s.Preferences[codes[rng.IntN(len(codes))]] = rank
		}
	}
	return s
}
