package analytics

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/timbang/timbang/analytics/mincostflow"
)

// Why the exact solver is exact.
//
// The plan is a min-cost maximum flow on source -> source position -> candidate -> receiving
// position -> sink. The full graph links every candidate to every position it may go to, far
// too many arcs for a province, so the solver works on a restricted graph (each candidate's
// nearest allowed moves) and grows it by column generation until a dual certificate proves the
// restricted optimum optimal for the full graph:
//
//  1. mincostflow.Solve returns a flow that is maximum and cheapest on the restricted graph, with
//     integer potentials pi (no residual arc has negative reduced cost c + pi(v) - pi(w)) and the
//     set S of nodes reachable from the source by residual arcs (the sink is outside S).
//  2. The lexicographic objective equals the single objective "cost minus M per person moved"
//     for any M larger than the cost range of a plan times the most people that can move: one
//     more person moved outweighs any cost difference. Model that as an arc sink -> source of
//     cost -M. Raise every potential outside S by a constant D, chosen so that
//     pi(sink) + D - pi(source) = M. Restricted residual arcs stay non-negative: none leaves S,
//     those entering S only gain D, the return arc has reduced cost 0 either way.
//  3. An arc of the full graph that is not in the restricted one carries no flow, so its only
//     residual arc is itself, x -> u, with reduced cost c + pi(x) - pi(u) when x and u are on the
//     same side of S, plus D (>= 0) when only u is in S, and minus D (very negative) when only x
//     is: that arc would lengthen an augmenting path, so more people could move.
//  4. If no omitted arc violates, the lifted potentials are feasible for the whole graph, and by
//     linear-programming duality (complementary slackness holds on the restricted arcs) the flow
//     is optimal for the big-M problem, hence lexicographically optimal. Otherwise the most
//     violating arcs (a few per candidate and per receiving position) join the graph, the
//     solver repairs the current flow by shortest paths, and pricing runs again: the loop ends
//     only when no omitted arc violates, so which arcs join first changes speed, not the answer.
//
// The pricing check does not scan every pair: a move of at least d km costs at least
// CostPerMove + CostPerKm x d - the largest bonus the candidate's own preferences give, so the
// grid search around a candidate stops at the distance beyond which no cost can undercut the
// best potential on the candidate's side, skips cells whose own best potential is out of reach,
// and skips a position whose potential is out of reach of the flat (trigonometry-free) lower
// bound on its distance before computing the great-circle distance.

// SolverStats says how a plan was solved.
type SolverStats struct {
	Candidates int           `json:"candidates"` // staff who may move
	Edges      int           `json:"edges"`      // candidate -> position arcs in the final graph
	Rounds     int           `json:"rounds"`     // column generation rounds (solves)
	Added      int           `json:"added"`      // arcs added by pricing
	Duration   time.Duration `json:"duration_ns"`
	// Optimal is true when the dual certificate was checked against every allowed move.
	Optimal bool `json:"optimal"`
}

// seedPerPool is how many nearest moves seed each candidate, per pool of positions.
const seedPerPool = 6

// maxPricingRounds stops column generation that fails to converge (a province has needed about
// 30 rounds); the result then says Optimal false.
const maxPricingRounds = 200

// addedPerCandidate caps the violating arcs a candidate adds per round (the most violated), so
// a candidate that could reach a whole province does not flood the graph; later rounds add more
// if needed.
const addedPerCandidate = 8

// addedPerReceiver with twice the shortage caps the violating arcs a receiving position gets
// per round; see capPerReceiver.
const addedPerReceiver = 8

// columnLimits are column generation's knobs. They change how fast it converges, never the
// answer, which the tests check by solving with tiny ones.
type columnLimits struct {
	seedPerPool  int // nearest moves seeding each candidate, per pool
	perCandidate int // violating arcs a candidate adds per round
	perReceiver  int // with twice its places, violating arcs a receiving position gets per round
}

// flowPlan is the restricted graph of one cadre and where its parts are.
type flowPlan struct {
	c        *cadreProblem
	limits   columnLimits
	g        *mincostflow.Graph
	candNode []int
	recvNode []int
	arcs     [][]flowArc // per candidate: its arcs to positions
}

type flowArc struct {
	id  int
	opt reachOption
}

// solveExact plans one cadre exactly; see the comment at the top of this file.
func (c *cadreProblem) solveExact() ([]Move, SolverStats) {
	return c.solveExactWithin(columnLimits{seedPerPool, addedPerCandidate, addedPerReceiver})
}

func (c *cadreProblem) solveExactWithin(limits columnLimits) ([]Move, SolverStats) {
	start := time.Now()
	stats := SolverStats{Candidates: len(c.candidates)}
	options := c.seed(limits.seedPerPool)
	f := c.buildFlow(options)
	f.limits = limits
	// First grow the graph until its flow is maximum for the full graph (only arcs that would
	// lengthen an augmenting path are priced), then cost it and price every omitted arc.
	for withCosts := false; ; {
		stats.Rounds++
		if withCosts {
			f.g.Solve(0, 1)
		} else {
			f.g.MaxFlow(0, 1)
		}
		violations := f.price(withCosts)
		if len(violations) == 0 {
			if withCosts {
				stats.Optimal = true
				break
			}
			withCosts = true
			continue
		}
		if stats.Rounds >= maxPricingRounds {
			break
		}
		for _, v := range violations {
			f.addArc(v.candidate, v.opt)
		}
		stats.Added += len(violations)
	}
	var moves []Move
	for i, arcs := range f.arcs {
		stats.Edges += len(arcs)
		for _, a := range arcs {
			if f.g.Flow(a.id) > 0 {
				moves = append(moves, c.proposedMove(&c.candidates[i], a.opt))
			}
		}
	}
	stats.Duration = time.Since(start)
	return moves, stats
}

// buildFlow lays out the nodes (source 0, sink 1, source positions, candidates, receiving
// positions) and the seed arcs.
func (c *cadreProblem) buildFlow(options [][]reachOption) *flowPlan {
	arcs := 0
	for _, o := range options {
		arcs += len(o)
	}
	f := &flowPlan{c: c, candNode: make([]int, len(c.candidates)), recvNode: make([]int, len(c.receivers)),
		arcs: make([][]flowArc, len(c.candidates))}
	f.g = mincostflow.New(2, arcs+2*len(c.candidates)+len(c.receivers)+len(c.positions))
	groupNode := map[int]int{}
	for i := range c.candidates {
		pos := c.candidates[i].position
		gn, ok := groupNode[pos]
		if !ok {
			gn = f.g.AddNode()
			groupNode[pos] = gn
			f.g.AddArc(0, gn, c.available[pos], 0)
		}
		f.candNode[i] = f.g.AddNode()
		f.g.AddArc(gn, f.candNode[i], 1, 0)
	}
	for r, pos := range c.receivers {
		f.recvNode[r] = f.g.AddNode()
		f.g.AddArc(f.recvNode[r], 1, c.shortage[pos], 0)
	}
	for i, opts := range options {
		for _, o := range opts {
			f.addArc(i, o)
		}
	}
	return f
}

func (f *flowPlan) addArc(candidate int, o reachOption) {
	id := f.g.AddArc(f.candNode[candidate], f.recvNode[o.receiver], 1, o.parts.cost)
	f.arcs[candidate] = append(f.arcs[candidate], flowArc{id, o})
}

// violation is an omitted arc whose reduced cost is negative under the lifted potentials.
type violation struct {
	candidate int
	opt       reachOption
	key       int64 // how violated: more negative first
}

// poolDuals summarises the receiving positions' duals per grid cell of a pool, so pricing can
// skip a cell at once: the best potential on each side of S, and whether any is outside S.
type poolDuals struct {
	best     [2][]int64 // [inS][cell]
	outside  []int32    // receivers outside S per cell
	bestAll  [2]int64
	outsideN int
}

const noPotential = math.MinInt64

// price looks for omitted arcs that violate the certificate; none means optimal. Without costs
// it looks only for arcs that would let more people move (from inside S to outside).
func (f *flowPlan) price(withCosts bool) []violation {
	c := f.c
	duals := make([]poolDuals, len(c.pools))
	for p := range c.pools {
		duals[p] = f.summarise(&c.pools[p], withCosts)
	}
	var found []violation
	for i := range c.candidates {
		found = f.priceCandidate(i, duals, withCosts, found)
	}
	return f.capPerReceiver(found)
}

// capPerReceiver keeps, for each receiving position, only the most violated arcs into it: a
// few more than the places it has. A short unit that suddenly looks attractive would otherwise
// draw an arc from nearly every candidate (a unit without coordinates is as near to all of
// them), tens of thousands of arcs of which it can use a handful. The arcs left out are priced
// again next round, so the certificate still decides when to stop.
func (f *flowPlan) capPerReceiver(found []violation) []violation {
	slices.SortFunc(found, func(a, b violation) int {
		if a.opt.receiver != b.opt.receiver {
			return a.opt.receiver - b.opt.receiver
		}
		if a.key != b.key {
			return cmp.Compare(a.key, b.key)
		}
		return a.candidate - b.candidate
	})
	kept := found[:0]
	taken := 0
	for i, v := range found {
		if i == 0 || v.opt.receiver != found[i-1].opt.receiver {
			taken = 0
		}
		if taken < f.limits.perReceiver+2*f.c.shortage[f.c.receivers[v.opt.receiver]] {
			kept = append(kept, v)
			taken++
		}
	}
	return kept
}

func (f *flowPlan) summarise(pool *receiverPool, withCosts bool) poolDuals {
	cells := len(pool.grid.cells)
	d := poolDuals{best: [2][]int64{make([]int64, cells), make([]int64, cells)}, outside: make([]int32, cells),
		bestAll: [2]int64{noPotential, noPotential}}
	for cell, members := range pool.grid.cells {
		d.best[0][cell], d.best[1][cell] = noPotential, noPotential
		for _, r := range members {
			f.noteDual(&d, int(r), cell, withCosts)
		}
	}
	for _, r := range pool.unlocated {
		f.noteDual(&d, r, -1, withCosts)
	}
	return d
}

func (f *flowPlan) noteDual(d *poolDuals, r, cell int, withCosts bool) {
	n := f.recvNode[r]
	side := side(f.g.Reachable(n))
	pi := int64(noPotential)
	if withCosts {
		pi = f.g.Potential(n)
	}
	d.bestAll[side] = max(d.bestAll[side], pi)
	if side == 0 {
		d.outsideN++
	}
	if cell >= 0 {
		d.best[side][cell] = max(d.best[side][cell], pi)
		if side == 0 {
			d.outside[cell]++
		}
	}
}

func side(inS bool) int {
	if inS {
		return 1
	}
	return 0
}

// priceCandidate appends the violating arcs of candidate i.
func (f *flowPlan) priceCandidate(i int, duals []poolDuals, withCosts bool, found []violation) []violation {
	c := f.c
	cand := &c.candidates[i]
	x := f.candNode[i]
	inS := f.g.Reachable(x)
	if !withCosts && !inS {
		return found
	}
	var piX int64
	if withCosts {
		piX = f.g.Potential(x)
	}
	// Keep the most violated arcs: those that let one more person move first, then the most
	// negative reduced costs. Taking merely the first found made candidates who could go
	// anywhere (no known origin) add a few arbitrary arcs per round for many rounds.
	type scored struct {
		v   violation
		key int64
	}
	var best []scored
	full := func() bool { return !withCosts && len(best) >= f.limits.perCandidate }
	// check considers the arc to receiver r, whose cost is at least costFloor: a bound from the
	// distance alone rules most arcs out before the great-circle distance is computed (on the
	// Banten demo that computation was most of the solver's time).
	check := func(r int, costFloor int64) {
		u := f.recvNode[r]
		inSU := f.g.Reachable(u)
		lengthens := inS && !inSU
		var keyFloor int64
		switch {
		case lengthens:
			keyFloor = math.MinInt64/2 + costFloor
		case withCosts && inS == inSU:
			if keyFloor = costFloor + piX - f.g.Potential(u); keyFloor >= 0 {
				return
			}
		default:
			return
		}
		if len(best) == f.limits.perCandidate && keyFloor >= best[len(best)-1].key {
			return
		}
		for _, a := range f.arcs[i] {
			if a.opt.receiver == r {
				return
			}
		}
		o, ok := c.option(cand, r)
		if !ok {
			return
		}
		key := math.MinInt64/2 + o.parts.cost
		if !lengthens {
			if key = o.parts.cost + piX - f.g.Potential(u); key >= 0 {
				return
			}
		}
		j := len(best)
		for j > 0 && best[j-1].key > key {
			j--
		}
		if j >= f.limits.perCandidate {
			return
		}
		if len(best) < f.limits.perCandidate {
			best = append(best, scored{})
		}
		copy(best[j+1:], best[j:len(best)-1])
		best[j] = scored{violation{i, o, key}, key}
	}
	// A move from or to a place without coordinates is costed at UnknownDistanceKm.
	bonus := c.bonusBound(cand)
	unknownDistance := c.costLowerBound(c.rules.UnknownDistanceKm, bonus)
	for _, p := range c.candidatePools(cand) {
		pool, d := &c.pools[p], &duals[p]
		if !cand.hasOrigin {
			for _, r := range pool.members {
				check(r, unknownDistance)
				if full() {
					break
				}
			}
			continue
		}
		for _, r := range pool.unlocated {
			check(r, unknownDistance)
		}
		mySide := side(inS)
		limit := -1.0
		if withCosts {
			limit = f.searchRadius(piX, d.bestAll[mySide], bonus)
		}
		if inS && d.outsideN > 0 {
			limit = math.Inf(1)
		}
		if limit < 0 || full() {
			continue
		}
		if c.rules.MaxDistanceKm > 0 {
			limit = min(limit, c.rules.MaxDistanceKm)
		}
		if math.IsInf(limit, 1) {
			limit = -1 // visit's "no limit"
		}
		x, y := pool.grid.project(cand.lat, cand.lon)
		pool.grid.visit(cand.lat, cand.lon, limit, func(cell int, lowerKm float64) bool {
			relevant := inS && d.outside[cell] > 0
			costFloor := c.costLowerBound(lowerKm, bonus)
			if best := d.best[mySide][cell]; !relevant && best != noPotential {
				relevant = costFloor+piX < best
			}
			if relevant {
				for _, r := range pool.grid.cells[cell] {
					at := pool.projected[r]
					km := math.Hypot(at[0]-x, at[1]-y) * flatLowerBound
					check(int(r), max(costFloor, c.costLowerBound(km, bonus)))
					if full() {
						return false
					}
				}
			}
			return true
		})
	}
	for _, b := range best {
		found = append(found, b.v)
	}
	return found
}

// searchRadius is the distance beyond which a move's cost cannot fall below bestPi - piX, the
// most it can cost and still violate; negative when nothing can, +Inf when distance is free.
func (f *flowPlan) searchRadius(piX, bestPi int64, bonus float64) float64 {
	if bestPi == noPotential {
		return -1
	}
	r := f.c.rules
	// cost >= costLowerBound(d) = floor((move + perKm d - bonus) x scale) - 1; a violation needs
	// cost < bestPi - piX, so (move + perKm d - bonus) x scale - 2 < bestPi - piX.
	slack := float64(bestPi-piX+2)/costScale - r.CostPerMove + bonus
	if r.CostPerKm == 0 {
		if slack > 0 {
			return math.Inf(1)
		}
		return -1
	}
	return slack/r.CostPerKm + 1e-9
}

// proposedMove describes a move the solver chose.
func (c *cadreProblem) proposedMove(cand *candidate, o reachOption) Move {
	s := cand.staff
	km := o.parts.km
	if !o.parts.known {
		km = 0
	}
	return Move{
		NIP: s.NIP, Name: s.Name, Cadre: s.Cadre, From: c.positions[cand.position].Code,
		To: c.positions[c.receivers[o.receiver]].Code, DistanceKm: km, DistanceKnown: o.parts.known,
		Reason: ReasonShortageCover, Training: o.parts.training, Preference: o.parts.preference,
		Cost: float64(o.parts.cost) / costScale,
	}
}
