package analytics

import (
	"runtime"
	"sync"
	"time"
)

// SolvePlan computes the exactly optimal plan of the model described in plan.go: the most
// shortage places filled, then the least cost. Stats.Optimal reports that the optimality
// certificate was checked against every allowed move (see plan_flow.go).
func SolvePlan(p PlanProblem) (PlanResult, error) {
	return runPlan(p, (*cadreProblem).solveExact)
}

// GreedyPlan is the baseline the exact solver is measured against: it takes moves cheapest
// first (among each candidate's nearest allowed moves) while capacities last, never revising a
// choice. It is fast and usually good, but may fill fewer places and cost more.
func GreedyPlan(p PlanProblem) (PlanResult, error) {
	return runPlan(p, (*cadreProblem).solveGreedy)
}

// runPlan checks the problem and solves each cadre with solve, cadres in parallel.
func runPlan(p PlanProblem, solve func(*cadreProblem) ([]Move, SolverStats)) (PlanResult, error) {
	start := time.Now()
	rules := p.Rules
	if rules.Bands == (Bands{}) {
		rules.Bands = DefaultBands
	}
	if err := validatePlanRules(&rules); err != nil {
		return PlanResult{}, err
	}
	cadres, err := buildCadreProblems(&p, &rules)
	if err != nil {
		return PlanResult{}, err
	}
	outcomes := make([]cadreOutcome, len(cadres))
	var wg sync.WaitGroup
	limit := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, c := range cadres {
		wg.Go(func() {
			limit <- struct{}{}
			defer func() { <-limit }()
			moves, stats := solve(c)
			moves = append(append([]Move(nil), c.fixed...), moves...)
			sortMoves(moves)
			outcomes[i] = cadreOutcome{problem: c, moves: moves, stats: stats}
		})
	}
	wg.Wait()
	res := assemble(&rules, outcomes, time.Since(start))
	sortMoves(res.Moves)
	return res, nil
}
