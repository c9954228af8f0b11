package analytics

import (
	"math"
	"slices"
	"testing"
	"time"
)

// This file re-derives the model's rules from the text of plan.go, without the solver's code
// paths, so the oracle tests and the feasibility check do not share the solver's mistakes.

// oraclePair is one allowed move as the oracle sees it.
type oraclePair struct {
	staff, to int   // indices into the problem's Staff and Units
	cost      int64 // hundredths
}

// oracleView is a problem reduced to what the oracles need.
type oracleView struct {
	pairs     []oraclePair
	available map[int]int // unit index -> may leave, after fixed moves
	shortage  map[int]int // unit index -> may arrive, after fixed moves
	unitOf    []int       // staff index -> unit index
}

func unitIndex(p *PlanProblem, cadre, code string) int {
	for i, u := range p.Units {
		if u.Cadre == cadre && u.Code == code {
			return i
		}
	}
	return -1
}

// oracleRetires is retirement by the model's words: the end of the month of the BUP birthday.
func oracleRetires(s *PlanStaff, at time.Time, months int) bool {
	birth := s.BirthDate
	if birth.IsZero() {
		b, err := time.Parse("20060102", s.NIP[:8])
		if err != nil {
			return false
		}
		birth = b
	}
	age := s.RetirementAge
	if age == 0 {
		age = 58
	}
	y, m := birth.Year()+age, birth.Month()+1
	if m > 12 {
		y, m = y+1, 1
	}
	lastDay := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Add(-24 * time.Hour)
	return lastDay.Before(at.AddDate(0, months, 0))
}

func oracleFloor(u PlanUnit) int {
	need := 0
	if u.Required > 0 {
		need = max(1, int(math.Floor(u.Required+0.5)))
	}
	return max(need, u.Floor)
}

func oracleNeed(u PlanUnit) int {
	if u.Required <= 0 {
		return 0
	}
	return max(1, int(math.Floor(u.Required+0.5)))
}

// oracleMove costs staff s going to unit u, and says whether the move is allowed at all by
// the pair rules (cadre, field, distance, forbidden); personal rules are checked elsewhere.
func oracleMove(p *PlanProblem, s *PlanStaff, u *PlanUnit) (cost int64, km float64, known, training, ok bool) {
	r := &p.Rules
	if u.Cadre != s.Cadre || u.Code == s.Unit {
		return 0, 0, false, false, false
	}
	for _, f := range p.Forbidden {
		if f.NIP == s.NIP && f.To == u.Code {
			return 0, 0, false, false, false
		}
	}
	inField := len(u.Fields) == 0 || slices.Contains(u.Fields, s.Field)
	if !inField && u.FieldRequired {
		return 0, 0, false, false, false
	}
	training = !inField
	from := p.Units[unitIndex(p, s.Cadre, s.Unit)]
	lat, lon, have := from.Lat, from.Lon, from.HasLocation
	if s.HasHome {
		lat, lon, have = s.HomeLat, s.HomeLon, true
	}
	known = have && u.HasLocation
	km = r.UnknownDistanceKm
	if known {
		km = HaversineKm(lat, lon, u.Lat, u.Lon)
		if r.MaxDistanceKm > 0 && km > r.MaxDistanceKm {
			return 0, 0, false, false, false
		}
	}
	c := r.CostPerMove + r.CostPerKm*km
	if training {
		c += r.TrainingCost
	}
	if rank := s.Preferences[u.Code]; rank >= 1 && rank <= len(r.PreferenceBonus) {
		c -= r.PreferenceBonus[rank-1]
	}
	return int64(math.Round(c * 100)), km, known, training, true
}

// oracleMayMove is the personal rules: locked, removed, tenure, retirement.
func oracleMayMove(p *PlanProblem, s *PlanStaff) bool {
	if s.Locked {
		return false
	}
	for _, f := range p.Forbidden {
		if f.NIP == s.NIP && f.To == "" {
			return false
		}
	}
	at := p.Rules.At
	if !s.PostStart.IsZero() && s.PostStart.AddDate(p.Rules.MinYearsInPost, 0, 0).After(at) {
		return false
	}
	return !oracleRetires(s, at, p.Rules.RetireWithinMonths)
}

// newOracleView applies the fixed moves and lists every allowed move.
func newOracleView(p *PlanProblem) oracleView {
	v := oracleView{available: map[int]int{}, shortage: map[int]int{}}
	for i, u := range p.Units {
		if !u.NoData {
			v.available[i] = max(0, u.Actual-oracleFloor(u))
			v.shortage[i] = max(0, oracleNeed(u)-u.Actual)
		}
	}
	fixed := map[string]bool{}
	for _, m := range p.Fixed {
		fixed[m.NIP] = true
		for _, s := range p.Staff {
			if s.NIP == m.NIP {
				from, to := unitIndex(p, s.Cadre, s.Unit), unitIndex(p, s.Cadre, m.To)
				v.available[from] = max(0, v.available[from]-1)
				v.shortage[to] = max(0, v.shortage[to]-1)
			}
		}
	}
	for si := range p.Staff {
		s := &p.Staff[si]
		from := unitIndex(p, s.Cadre, s.Unit)
		v.unitOf = append(v.unitOf, from)
		if fixed[s.NIP] || v.available[from] == 0 || !oracleMayMove(p, s) {
			continue
		}
		for ui := range p.Units {
			if v.shortage[ui] == 0 {
				continue
			}
			if cost, _, _, _, ok := oracleMove(p, s, &p.Units[ui]); ok {
				v.pairs = append(v.pairs, oraclePair{si, ui, cost})
			}
		}
	}
	return v
}

// checkPlan verifies a result against the problem: fixed moves present, every proposed move
// allowed and costed right, nobody moved twice, capacities kept. It returns the people moved by
// proposals and their total cost, in hundredths.
func checkPlan(t *testing.T, p *PlanProblem, res *PlanResult) (covered int, cost int64) {
	t.Helper()
	v := newOracleView(p)
	allowed := map[[2]int]int64{}
	for _, pr := range v.pairs {
		allowed[[2]int{pr.staff, pr.to}] = pr.cost
	}
	staffIndex := map[string]int{}
	for i, s := range p.Staff {
		staffIndex[s.NIP] = i
	}
	seen := map[string]bool{}
	left, arrived := map[int]int{}, map[int]int{}
	for _, f := range p.Fixed {
		if !slices.ContainsFunc(res.Moves, func(m Move) bool { return m.NIP == f.NIP && m.To == f.To }) {
			t.Fatalf("fixed move %s -> %s missing", f.NIP, f.To)
		}
	}
	for _, m := range res.Moves {
		if seen[m.NIP] {
			t.Fatalf("%s moves twice", m.NIP)
		}
		seen[m.NIP] = true
		if m.Reason != ReasonShortageCover {
			continue
		}
		si, ok := staffIndex[m.NIP]
		if !ok {
			t.Fatalf("move of unknown staff %s", m.NIP)
		}
		s := p.Staff[si]
		to := unitIndex(p, s.Cadre, m.To)
		want, ok := allowed[[2]int{si, to}]
		if !ok || m.From != s.Unit {
			t.Fatalf("move %s %s -> %s is not allowed", m.NIP, m.From, m.To)
		}
		if got := int64(math.Round(m.Cost * 100)); got != want {
			t.Fatalf("move %s -> %s costs %d, want %d", m.NIP, m.To, got, want)
		}
		left[v.unitOf[si]]++
		arrived[to]++
		covered++
		cost += want
	}
	for u, n := range left {
		if n > v.available[u] {
			t.Fatalf("unit %s loses %d, may lose %d (floor)", p.Units[u].Code, n, v.available[u])
		}
	}
	for u, n := range arrived {
		if n > v.shortage[u] {
			t.Fatalf("unit %s gets %d, needs %d", p.Units[u].Code, n, v.shortage[u])
		}
	}
	return covered, cost
}
