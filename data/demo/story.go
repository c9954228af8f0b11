package demo

import (
	"math"
	"math/rand/v2"
	"sort"
)

// role is how a unit's staffing departs from its workload, so each story has units to show.
type role uint8

const (
	roleNormal      role = iota // staffed at a drawn factor of what it needs
	roleGrowth                  // Cipocok Jaya school: enrolment outgrew a fixed set of teachers
	rolePairShort               // overloaded half of a neighbouring puskesmas pair (ratio ~0.6)
	rolePairSurplus             // its neighbour, with staff to spare (ratio ~1.4)
	roleZeroStaff               // workload, but nobody employed: the most overloaded of all
)

// factorBand is one band of the staffing-factor mix: its share of units and its range.
type factorBand struct{ share, lo, hi float64 }

// Most units are roughly balanced; a sixth short, a few severely, a fifth with surplus.
// Kelurahan offices lean to surplus clerks, the pattern regional audits keep finding.
var (
	factorMix = []factorBand{
		{0.58, 0.93, 1.07}, // balanced
		{0.16, 0.72, 0.88}, // shortage
		{0.08, 0.42, 0.68}, // severe shortage
		{0.18, 1.14, 1.60}, // surplus
	}
	kelurahanFactorMix = []factorBand{
		{0.50, 0.93, 1.07},
		{0.10, 0.72, 0.88},
		{0.04, 0.50, 0.68},
		{0.36, 1.15, 2.00},
	}
)

func drawFactor(rng *rand.Rand, unitType string) float64 {
	mix := factorMix
	if unitType == "kelurahan" {
		mix = kelurahanFactorMix
	}
	shares := make([]float64, len(mix))
	for i, b := range mix {
		shares[i] = b.share
	}
	b := mix[pick(rng, shares)]
	return between(rng, b.lo, b.hi)
}

func isSchool(unitType string) bool {
	switch unitType {
	case "sd", "smp", "sma", "smk":
		return true
	}
	return false
}

// assignRoles gives every unit a staffing factor and hands out the story roles: growth schools
// in Cipocok Jaya, puskesmas pairs, zero-staff units, and units with missing workload data.
func assignRoles(units []unit, r *regency, seed uint64) {
	rng := newRand(seed, "roles", r.code)
	for i := range units {
		u := &units[i]
		if r.districts[u.district].code == cipocokJaya && (u.unitType == "sd" || u.unitType == "smp") {
			// Staffed for the enrolment of November 2024; the growth then leaves them short.
			u.role, u.factor = roleGrowth, between(rng, 0.88, 1.06)
			continue
		}
		u.factor = drawFactor(rng, u.unitType)
	}

	nPusk := 0
	for _, u := range units {
		if u.unitType == "puskesmas" {
			nPusk++
		}
	}
	for _, p := range puskesmasPairs(rng, units, min(3, max(1, nPusk/8))) {
		short, surplus := &units[p[0]], &units[p[1]]
		short.role, short.factor = rolePairShort, between(rng, 0.55, 0.65)
		surplus.role, surplus.factor = rolePairSurplus, between(rng, 1.35, 1.45)
		// Busy enough that the minimum staffing of a small puskesmas cannot hide the gap, and
		// similar workloads, so moving staff from one to the other fixes both.
		short.size = math.Max(short.size, pairMinCatchment*between(rng, 0.9, 1.3))
		surplus.size = short.size * between(rng, 0.9, 1.1)
	}

	// Zero staff: a school or kelurahan office with workload and nobody posted there.
	free := func(types ...string) []int {
		var out []int
		for i, u := range units {
			if u.role != roleNormal || u.dataUntil != nPeriods {
				continue
			}
			for _, t := range types {
				if u.unitType == t {
					out = append(out, i)
				}
			}
		}
		return out
	}
	for _, i := range sample(rng, free("sd", "smp", "kelurahan"), 1+rng.IntN(2)) {
		units[i].role = roleZeroStaff
	}
	// About 2% of units never report workload ("no data", never "balanced"); about 1% stop
	// reporting one to three months before the end of the window.
	all := free(unitTypes...)
	nNoData := max(1, int(math.Round(0.02*float64(len(units)))))
	nTail := max(1, int(math.Round(0.01*float64(len(units)))))
	picked := sample(rng, all, nNoData+nTail)
	for k, i := range picked {
		if k < nNoData {
			units[i].dataUntil = 0
		} else {
			units[i].dataUntil = nPeriods - 1 - rng.IntN(3)
		}
	}
}

// puskesmasPairs picks up to n pairs of neighbouring puskesmas: two in the same kecamatan when
// possible, else nearest neighbours. The first of each pair is the overloaded one.
func puskesmasPairs(rng *rand.Rand, units []unit, n int) [][2]int {
	byDistrict := map[int][]int{}
	var districts []int
	for i, u := range units {
		if u.unitType != "puskesmas" || u.role != roleNormal {
			continue
		}
		if len(byDistrict[u.district]) == 0 {
			districts = append(districts, u.district)
		}
		byDistrict[u.district] = append(byDistrict[u.district], i)
	}
	sort.Ints(districts)
	var pairs [][2]int
	used := map[int]bool{}
	for _, k := range rng.Perm(len(districts)) {
		if len(pairs) == n {
			break
		}
		if list := byDistrict[districts[k]]; len(list) >= 2 {
			pairs = append(pairs, orderPair(rng, list[0], list[1]))
			used[list[0]], used[list[1]] = true, true
		}
	}
	// Kecamatan with one puskesmas each (rural regencies): pair a puskesmas with its nearest
	// neighbour in another kecamatan.
	var rest []int
	for _, d := range districts {
		for _, i := range byDistrict[d] {
			if !used[i] {
				rest = append(rest, i)
			}
		}
	}
	for _, k := range rng.Perm(len(rest)) {
		if len(pairs) == n {
			break
		}
		a := rest[k]
		if used[a] {
			continue
		}
		best, bestDist := -1, math.Inf(1)
		for _, b := range rest {
			if used[b] || units[b].district == units[a].district {
				continue
			}
			dlat, dlon := units[a].pos.lat-units[b].pos.lat, units[a].pos.lon-units[b].pos.lon
			if d := dlat*dlat + dlon*dlon; d < bestDist {
				best, bestDist = b, d
			}
		}
		if best >= 0 {
			pairs = append(pairs, orderPair(rng, a, best))
			used[a], used[best] = true, true
		}
	}
	return pairs
}

// pairMinCatchment is the least population a puskesmas of a story pair serves (about 2,700
// visits a month).
const pairMinCatchment = 25000

func orderPair(rng *rand.Rand, a, b int) [2]int {
	if rng.IntN(2) == 0 {
		return [2]int{a, b}
	}
	return [2]int{b, a}
}

// sample picks up to n distinct elements of list, keeping list order.
func sample(rng *rand.Rand, list []int, n int) []int {
	if n >= len(list) {
		return list
	}
	idx := rng.Perm(len(list))[:n]
	sort.Ints(idx)
	out := make([]int, n)
	for k, i := range idx {
		out[k] = list[i]
	}
	return out
}

// testSubset keeps the units the unit tests need from Kota Serang: every SD, SMP, puskesmas and
// kelurahan office of Cipocok Jaya, the first SD, SMP and puskesmas of each other kecamatan, one
// SMA and one SMK, and one more kelurahan office.
func testSubset(units []unit, r *regency) []unit {
	seen := map[string]int{}
	var out []unit
	for _, u := range units {
		d := r.districts[u.district].code
		var keep bool
		switch {
		case d == cipocokJaya && (u.unitType == "sd" || u.unitType == "smp" || u.unitType == "puskesmas"):
			keep = true
		case u.unitType == "kelurahan":
			keep = d == cipocokJaya || (u.district == 0 && seen["kelurahan"+d] == 0)
			seen["kelurahan"+d]++
		case u.unitType == "sd" || u.unitType == "smp" || u.unitType == "puskesmas":
			keep = seen[u.unitType+d] == 0
			seen[u.unitType+d]++
		default:
			keep = seen[u.unitType] == 0
			seen[u.unitType]++
		}
		if keep {
			out = append(out, u)
		}
	}
	return out
}
