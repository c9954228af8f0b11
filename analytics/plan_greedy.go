package analytics

import (
	"sort"
	"time"
)

// solveGreedy plans one cadre cheapest move first: every candidate's nearest allowed moves,
// sorted by cost, taken while the candidate is free, their position may still give and the
// destination may still receive. Stats.Optimal stays false: nothing is proven.
func (c *cadreProblem) solveGreedy() ([]Move, SolverStats) {
	start := time.Now()
	stats := SolverStats{Candidates: len(c.candidates), Rounds: 1}
	options := c.seed(seedPerPool)
	type pair struct {
		candidate int
		opt       reachOption
	}
	var pairs []pair
	for i, opts := range options {
		for _, o := range opts {
			pairs = append(pairs, pair{i, o})
		}
	}
	stats.Edges = len(pairs)
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].opt.parts.cost != pairs[j].opt.parts.cost {
			return pairs[i].opt.parts.cost < pairs[j].opt.parts.cost
		}
		return pairs[i].candidate < pairs[j].candidate
	})
	available := append([]int(nil), c.available...)
	shortage := append([]int(nil), c.shortage...)
	moved := make([]bool, len(c.candidates))
	var moves []Move
	for _, p := range pairs {
		cand := &c.candidates[p.candidate]
		to := c.receivers[p.opt.receiver]
		if moved[p.candidate] || available[cand.position] == 0 || shortage[to] == 0 {
			continue
		}
		moved[p.candidate] = true
		available[cand.position]--
		shortage[to]--
		moves = append(moves, c.proposedMove(cand, p.opt))
	}
	stats.Duration = time.Since(start)
	return moves, stats
}
