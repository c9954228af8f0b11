package analytics

import (
	"math"
	"sort"
	"time"
)

// PlanResult is a plan: the moves and what they change.
type PlanResult struct {
	At    time.Time `json:"at"`
	Moves []Move    `json:"moves"` // fixed moves first, then proposals; by cadre, destination, NIP
	// Positions lists every unit x cadre position a move touches, before and after.
	Positions []PositionChange `json:"positions"`
	Cadres    []CadrePlan      `json:"cadres"`
	Total     BalanceChange    `json:"total"` // the whole scope
	// Hiring is the residual need only hiring can fill (formasi): places below the rounded
	// need that no eligible move could fill.
	Hiring   []HiringNeed `json:"hiring"`
	Training []Move       `json:"training"` // moves into a new field: plan training (Surakarta)
	Stats    SolverStats  `json:"stats"`    // summed over cadres; Duration is wall time
}

// PositionState is a position's staffing at one moment.
type PositionState struct {
	Actual int     `json:"actual"`
	Ratio  float64 `json:"ratio"` // actual / required; 0 when nothing is required
	Status Status  `json:"status"`
}

// PositionChange is one position before and after a plan.
type PositionChange struct {
	Code       string        `json:"code"`
	Name       string        `json:"name"`
	Cadre      string        `json:"cadre"`
	Required   float64       `json:"required"`
	Before     PositionState `json:"before"`
	After      PositionState `json:"after"`
	Arrivals   int           `json:"arrivals"`
	Departures int           `json:"departures"`
}

// Balance is the headline of a set of positions, counted as the dashboard counts them
// (PeopleGap: only positions flagged short or surplus count).
type Balance struct {
	ShortagePeople int `json:"shortage_people"`
	SurplusPeople  int `json:"surplus_people"`
	// Imbalance is the Gini coefficient of ratios weighted by required staff; nil when
	// undefined (no position with need, or nobody in post).
	Imbalance *float64 `json:"imbalance"`
}

// BalanceChange is a Balance before and after.
type BalanceChange struct {
	Before Balance `json:"before"`
	After  Balance `json:"after"`
}

// CadrePlan is one cadre's part of a plan.
type CadrePlan struct {
	Cadre string `json:"cadre"`
	BalanceChange
	Moves   int     `json:"moves"`
	Covered int     `json:"covered"` // shortage places filled (people)
	Cost    float64 `json:"cost"`    // total cost of the moves
	Hiring  int     `json:"hiring"`  // places left for hiring
	// Ineligible counts staff of positions that could give but who cannot move.
	Ineligible IneligibleCounts `json:"ineligible"`
	Stats      SolverStats      `json:"stats"`
}

// HiringNeed is a position's residual shortage after the plan.
type HiringNeed struct {
	Unit   string `json:"unit"`
	Name   string `json:"name"`
	Cadre  string `json:"cadre"`
	People int    `json:"people"`
}

// cadreOutcome is one cadre solved, ready to be reported.
type cadreOutcome struct {
	problem *cadreProblem
	moves   []Move // fixed and proposed
	stats   SolverStats
}

// assemble reports the outcomes of every cadre as one plan.
func assemble(rules *PlanRules, outcomes []cadreOutcome, wall time.Duration) PlanResult {
	res := PlanResult{At: rules.At, Stats: SolverStats{Optimal: true, Duration: wall}}
	var before, after []PositionState
	var required []float64
	for _, o := range outcomes {
		c := o.problem
		cp := CadrePlan{Cadre: c.cadre, Moves: len(o.moves), Ineligible: c.ineligible, Stats: o.stats}
		arrivals, departures := positionFlows(c, o.moves)
		var cb, ca []PositionState
		var creq []float64
		for pos := range c.positions {
			u := &c.positions[pos]
			b := positionState(u, u.Actual, rules.Bands)
			a := positionState(u, u.Actual+arrivals[pos]-departures[pos], rules.Bands)
			cb, ca, creq = append(cb, b), append(ca, a), append(creq, u.Required)
			cp.Covered += min(arrivals[pos], u.Shortage())
			if arrivals[pos] > 0 || departures[pos] > 0 {
				res.Positions = append(res.Positions, PositionChange{Code: u.Code, Name: u.Name, Cadre: u.Cadre,
					Required: u.Required, Before: b, After: a, Arrivals: arrivals[pos], Departures: departures[pos]})
			}
			if need := u.Shortage() - arrivals[pos]; need > 0 {
				res.Hiring = append(res.Hiring, HiringNeed{Unit: u.Code, Name: u.Name, Cadre: u.Cadre, People: need})
				cp.Hiring += need
			}
		}
		for _, m := range o.moves {
			cp.Cost += m.Cost
			if m.Training {
				res.Training = append(res.Training, m)
			}
		}
		cp.Before, cp.After = balance(c.positions, cb, creq), balance(c.positions, ca, creq)
		before, after, required = append(before, cb...), append(after, ca...), append(required, creq...)
		res.Moves = append(res.Moves, o.moves...)
		res.Cadres = append(res.Cadres, cp)
		res.Stats.Candidates += o.stats.Candidates
		res.Stats.Edges += o.stats.Edges
		res.Stats.Rounds = max(res.Stats.Rounds, o.stats.Rounds)
		res.Stats.Added += o.stats.Added
		res.Stats.Optimal = res.Stats.Optimal && o.stats.Optimal
	}
	var all []PlanUnit
	for _, o := range outcomes {
		all = append(all, o.problem.positions...)
	}
	res.Total = BalanceChange{balance(all, before, required), balance(all, after, required)}
	return res
}

// positionFlows counts the arrivals and departures of each position of a cadre.
func positionFlows(c *cadreProblem, moves []Move) (arrivals, departures []int) {
	index := make(map[string]int, len(c.positions))
	for pos := range c.positions {
		index[c.positions[pos].Code] = pos
	}
	arrivals, departures = make([]int, len(c.positions)), make([]int, len(c.positions))
	for _, m := range moves {
		arrivals[index[m.To]]++
		departures[index[m.From]]++
	}
	return arrivals, departures
}

func positionState(u *PlanUnit, actual int, bands Bands) PositionState {
	s := PositionState{Actual: actual, Status: Classify(actual, u.Required, !u.NoData, bands)}
	if u.Required > 0 {
		s.Ratio = float64(actual) / u.Required
	}
	return s
}

// balance sums the people gaps of positions in the given states and their imbalance.
func balance(positions []PlanUnit, states []PositionState, required []float64) Balance {
	var b Balance
	var ratios, weights []float64
	for i, s := range states {
		short, surplus := PeopleGap(s.Status, s.Actual, required[i])
		b.ShortagePeople += short
		b.SurplusPeople += surplus
		if !positions[i].NoData && required[i] > 0 {
			ratios, weights = append(ratios, s.Ratio), append(weights, required[i])
		}
	}
	if g := Gini(ratios, weights); !math.IsNaN(g) {
		b.Imbalance = &g
	}
	return b
}

// sortMoves puts fixed moves first, then by cadre, destination and NIP, so a plan reads the
// same on every run.
func sortMoves(moves []Move) {
	sort.SliceStable(moves, func(i, j int) bool {
		a, b := moves[i], moves[j]
		if fa, fb := a.Reason != ReasonShortageCover, b.Reason != ReasonShortageCover; fa != fb {
			return fa
		}
		if a.Cadre != b.Cadre {
			return a.Cadre < b.Cadre
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.NIP < b.NIP
	})
}
