package analytics

import (
	"math"
)

// cadreProblem is one cadre's part of a plan, with capacities after the fixed moves and the
// candidates indexed for the solvers. Both SolvePlan and GreedyPlan start from it.
type cadreProblem struct {
	cadre     string
	rules     *PlanRules
	positions []PlanUnit
	available []int // may still leave, per position, after fixed moves
	shortage  []int // may still arrive, per position, after fixed moves
	fixed     []Move

	candidates     []candidate
	receivers      []int          // positions with shortage > 0
	receiverByCode map[string]int // unit code -> index in receivers
	pools          []receiverPool // where a field may go: pools[0] accepts any field
	fieldPool      map[string]int // field -> index in pools of the positions that require it
	forbidden      map[[2]string]bool
	ineligible     IneligibleCounts
}

// candidate is a staff member who may move, with where distances are measured from.
type candidate struct {
	staff     *PlanStaff
	position  int // current position
	lat, lon  float64
	hasOrigin bool
}

// receiverPool holds the receiving positions open to some set of fields: the located ones in a
// grid (whose cells hold indices into receivers), the rest in a list every search visits.
type receiverPool struct {
	members   []int // indices into receivers
	grid      *geoGrid
	unlocated []int // indices into receivers
	// projected holds each located member's point on the grid's plane, by index into
	// receivers, so pricing can bound a distance from below without trigonometry.
	projected [][2]float64
}

// candidatePools are the pools a candidate's field may go to.
func (c *cadreProblem) candidatePools(cand *candidate) []int {
	if p, ok := c.fieldPool[cand.staff.Field]; ok {
		return []int{0, p}
	}
	return []int{0}
}

// reachOption is one move a candidate could make.
type reachOption struct {
	receiver int // index into receivers
	parts    moveCostParts
}

// option costs the move of candidate to receiver r, or reports that the pair is not allowed
// (forbidden, too far or outside a required field).
func (c *cadreProblem) option(cand *candidate, r int) (reachOption, bool) {
	u := &c.positions[c.receivers[r]]
	ok, training := u.acceptsField(cand.staff.Field)
	if !ok || c.forbidden[[2]string{cand.staff.NIP, u.Code}] {
		return reachOption{}, false
	}
	var km float64
	known := cand.hasOrigin && u.HasLocation
	if known {
		km = HaversineKm(cand.lat, cand.lon, u.Lat, u.Lon)
		if c.rules.MaxDistanceKm > 0 && km > c.rules.MaxDistanceKm {
			return reachOption{}, false
		}
	}
	return reachOption{r, c.rules.moveCost(km, known, training, cand.staff.Preferences[u.Code])}, true
}

// costLowerBound bounds from below the cost of any move of at least km that earns at most
// bonus for a preference, in solver units.
func (c *cadreProblem) costLowerBound(km, bonus float64) int64 {
	r := c.rules
	return int64(math.Floor((r.CostPerMove+r.CostPerKm*km-bonus)*costScale)) - 1
}

// bonusBound is the largest preference bonus a move of cand can earn: none for the many who
// ranked no unit, which tightens every bound pricing uses.
func (c *cadreProblem) bonusBound(cand *candidate) float64 {
	var b float64
	for _, rank := range cand.staff.Preferences {
		b = max(b, c.rules.preferenceBonus(rank))
	}
	return b
}

// nearestOptions returns up to k of the candidate's nearest allowed moves per pool (a unit
// without coordinates counting as UnknownDistanceKm away), plus every allowed move to a unit
// the candidate ranked. Exactness does not depend on this choice:
// it only seeds the restricted graph that column generation then completes.
func (c *cadreProblem) nearestOptions(cand *candidate, k int) []reachOption {
	var found []reachOption
	seen := func(r int) bool {
		for _, o := range found {
			if o.receiver == r {
				return true
			}
		}
		return false
	}
	for _, p := range c.candidatePools(cand) {
		pool := &c.pools[p]
		if !cand.hasOrigin {
			// Every distance is unknown, so every move costs alike but for preference and
			// training: the first k allowed will do as a seed.
			taken := 0
			for _, r := range pool.members {
				if taken == k {
					break
				}
				if o, ok := c.option(cand, r); ok {
					found = append(found, o)
					taken++
				}
			}
			continue
		}
		// A move to a unit without coordinates is costed at UnknownDistanceKm, so it competes
		// with the located ones at that distance. Seeding every such unit for every candidate
		// put a hundred arcs per candidate into a province's graph, nearly all of them idle.
		var local []reachOption
		for _, r := range pool.unlocated {
			if o, ok := c.option(cand, r); ok {
				local = insertByDistance(local, o, k)
			}
		}
		limit := -1.0
		if c.rules.MaxDistanceKm > 0 {
			limit = c.rules.MaxDistanceKm
		}
		pool.grid.visit(cand.lat, cand.lon, limit, func(cell int, lowerKm float64) bool {
			if len(local) >= k && lowerKm > local[k-1].parts.km {
				return false
			}
			for _, i := range pool.grid.cells[cell] {
				if o, ok := c.option(cand, int(i)); ok {
					local = insertByDistance(local, o, k)
				}
			}
			return true
		})
		found = append(found, local...)
	}
	for code := range cand.staff.Preferences {
		if r, ok := c.receiverByCode[code]; ok && !seen(r) {
			if o, ok := c.option(cand, r); ok {
				found = append(found, o)
			}
		}
	}
	return found
}

// insertByDistance keeps the k nearest options, sorted.
func insertByDistance(list []reachOption, o reachOption, k int) []reachOption {
	i := len(list)
	for i > 0 && list[i-1].parts.km > o.parts.km {
		i--
	}
	if i >= k {
		return list
	}
	if len(list) < k {
		list = append(list, reachOption{})
	}
	copy(list[i+1:], list[i:len(list)-1])
	list[i] = o
	return list
}
