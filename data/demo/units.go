package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// unit is one planned work unit with what later steps need to give it workload and staff.
type unit struct {
	code, name, unitType, agency string
	village                      string // level-4 region code
	district                     int    // index into regency.districts
	pos                          latLon
	size                         float64 // start enrolment, catchment population or kelurahan population
	role                         role
	factor                       float64 // actual staff / required staff it is given
	dataUntil                    int     // periods that have workload rows: nPeriods, fewer, or 0
	effHours                     float64 // ABK effective hours of the owning agency
}

// Public units per person at density 1, close to real counts of public (negeri) schools and of
// puskesmas, and the share of the population enrolled in public schools of each level.
var (
	peoplePerUnit = map[string]float64{"sd": 4500, "smp": 18000, "sma": 45000, "smk": 60000, "puskesmas": 35000}
	enrolledShare = map[string]float64{"sd": 0.060, "smp": 0.029, "sma": 0.012, "smk": 0.010}
	minEnrolment  = map[string]float64{"sd": 40, "smp": 60, "sma": 80, "smk": 80}
)

// NPSN-like school numbers: 8 digits, a block of schoolCodeBlock numbers per regency ordinal so
// codes are unique nationally and a regency's schools keep their numbers at every scale.
const (
	schoolCodeBase  = 10_000_000
	schoolCodeBlock = 170_000
)

// planUnits lays out a regency's public schools, puskesmas and kelurahan offices over its real
// kecamatan and villages, with names, codes, positions and a size that drives their workload.
func planUnits(r *regency, sp scaleSpec, seed uint64) ([]unit, error) {
	rng := newRand(seed, "plan", r.code)
	nd := len(r.districts)
	// Village count stands in for a kecamatan's population, which the reference data lacks.
	weights := make([]float64, nd)
	for i, d := range r.districts {
		weights[i] = float64(len(d.villages)) * logNormal(rng, 0.3)
	}
	counts := map[string][]int{}
	for _, t := range []string{"sd", "smp", "sma", "smk"} {
		n := int(math.Round(r.population / peoplePerUnit[t] * sp.schoolDensity))
		atLeast := 0
		if t == "sd" {
			n, atLeast = max(n, nd), 1 // every kecamatan has a primary school
		}
		counts[t] = allocate(max(n, 1), weights, atLeast)
	}
	// Puskesmas stay near the real rate at every scale: at least one per kecamatan (Permenkes
	// 43/2019), never more than the kecamatan has villages to stand in.
	nPusk := max(nd, int(math.Round(r.population/peoplePerUnit["puskesmas"])))
	counts["puskesmas"] = allocate(nPusk, weights, 1)
	for i, d := range r.districts {
		counts["puskesmas"][i] = min(counts["puskesmas"][i], len(d.villages))
	}

	sizes := map[string][]float64{}
	for _, t := range []string{"sd", "smp", "sma", "smk"} {
		sizes[t] = schoolSizes(rng, t, sum(counts[t]), r.population*enrolledShare[t]*sp.enrolment)
	}
	nVillages, nKel := 0, 0
	for _, d := range r.districts {
		nVillages += len(d.villages)
		for _, v := range d.villages {
			if v.isKelurahan() {
				nKel++
			}
		}
	}

	centre, radius := regencyCentre(r), regencyRadiusKm(r)
	clusterRadius := math.Max(0.8, 0.9*radius/math.Sqrt(float64(nd)))
	short := r.shortName()
	var units []unit
	next := map[string]int{} // regency-wide running number per type
	schoolSeq := 0
	for di, d := range r.districts {
		drng := newRand(seed, "district", d.code)
		cluster := inDisc(drng, centre, 0.75*radius)
		villagePos := make([]latLon, len(d.villages))
		for i := range d.villages {
			villagePos[i] = inDisc(drng, cluster, clusterRadius)
		}
		place := func(t, name, code string, vi int, size float64) {
			units = append(units, unit{
				code: code, name: name, unitType: t, agency: agencyOf(r, t),
				village: d.villages[vi].code, district: di,
				pos:  inDisc(rng, villagePos[vi], math.Min(1, clusterRadius/2)),
				size: size, dataUntil: nPeriods,
			})
		}
		for _, t := range []string{"sd", "smp", "sma", "smk"} {
			for k := 0; k < counts[t][di]; k++ {
				schoolSeq++
				if schoolSeq >= schoolCodeBlock {
					return nil, fmt.Errorf("plan %s: more than %d schools", r.code, schoolCodeBlock-1)
				}
				code := fmt.Sprintf("%08d", schoolCodeBase+r.ordinal*schoolCodeBlock+schoolSeq)
				size := sizes[t][next[t]]
				next[t]++
				var name string
				switch t {
				case "sd": // primary schools are numbered per kecamatan
					name = fmt.Sprintf("SD Negeri %d %s", k+1, d.name)
				case "smp":
					name = fmt.Sprintf("SMP Negeri %d %s", next[t], short)
				default:
					name = fmt.Sprintf("%s Negeri %d %s", strings.ToUpper(t), next[t], r.name)
				}
				place(t, name, code, rng.IntN(len(d.villages)), size)
			}
		}
		for k, vi := range puskesmasVillages(rng, d, counts["puskesmas"][di]) {
			name := "Puskesmas " + d.name
			if k > 0 { // further puskesmas of a kecamatan carry their village's name
				name = "Puskesmas " + d.villages[vi].name
			}
			code := fmt.Sprintf("P%s02%02d", strings.ReplaceAll(d.code, ".", ""), k+1)
			catchment := r.population / float64(nPusk) * logNormal(rng, 0.3)
			place("puskesmas", name, code, vi, catchment)
		}
		for vi, v := range d.villages {
			if !v.isKelurahan() {
				continue
			}
			// Kelurahan are the towns of a mixed regency: give them more people than a desa.
			share := r.population / float64(nVillages)
			if nKel < nVillages {
				share *= 1.4
			}
			people := math.Min(60000, math.Max(1500, share*logNormal(rng, 0.35)))
			place("kelurahan", "Kantor Kelurahan "+v.name, "K"+strings.ReplaceAll(v.code, ".", ""), vi, people)
		}
	}
	return units, nil
}

// schoolSizes splits a level's enrolment over its schools with a skew: a few big favourites,
// many small ones.
func schoolSizes(rng *rand.Rand, unitType string, n int, enrolled float64) []float64 {
	out := make([]float64, n)
	var total float64
	for i := range out {
		out[i] = logNormal(rng, 0.35)
		total += out[i]
	}
	for i := range out {
		out[i] = math.Max(minEnrolment[unitType], math.Round(enrolled*out[i]/total))
	}
	return out
}

// puskesmasVillages picks the villages a kecamatan's puskesmas stand in: the first in the
// kecamatan's namesake village (its capital) when there is one, the others in distinct villages.
func puskesmasVillages(rng *rand.Rand, d district, n int) []int {
	if n <= 0 {
		return nil
	}
	first := 0
	for i, v := range d.villages {
		if strings.EqualFold(v.name, d.name) {
			first = i
			break
		}
	}
	out := []int{first}
	for _, vi := range rng.Perm(len(d.villages)) {
		if len(out) == n {
			break
		}
		if vi != first {
			out = append(out, vi)
		}
	}
	return out
}

// agencyOf names the agency that runs a unit type: SMA and SMK belong to the province since
// UU 23/2014, everything else to the regency or city.
func agencyOf(r *regency, unitType string) string {
	switch unitType {
	case "sd", "smp":
		return r.code + "-disdik"
	case "sma", "smk":
		return r.provCode + "-disdik"
	case "puskesmas":
		return r.code + "-dinkes"
	}
	return r.code + "-kelurahan"
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}
