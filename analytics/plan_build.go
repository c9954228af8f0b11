package analytics

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
)

// IneligibleCounts counts the staff of source positions who cannot fill a shortage, by the
// first reason (see the model above), so a page can say why a shortage stays.
type IneligibleCounts struct {
	Locked   int `json:"locked"`
	Removed  int `json:"removed"`
	Tenure   int `json:"tenure"`
	Retiring int `json:"retiring"`
	Field    int `json:"field"`
	Distance int `json:"distance"`
}

func (c *IneligibleCounts) add(reason IneligibleReason) {
	switch reason {
	case IneligibleLocked:
		c.Locked++
	case IneligibleRemoved:
		c.Removed++
	case IneligibleTenure:
		c.Tenure++
	case IneligibleRetiring:
		c.Retiring++
	case IneligibleField:
		c.Field++
	case IneligibleDistance:
		c.Distance++
	}
}

// validatePlanRules rejects settings the model has no meaning for. Costs per km and bonuses
// must not be negative: the spatial search relies on cost growing with distance.
func validatePlanRules(r *PlanRules) error {
	var errs []error
	check := func(name string, v float64) {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) || v > 1e6 {
			errs = append(errs, fmt.Errorf("plan rules: %s = %v: want a number from 0 to 1e6", name, v))
		}
	}
	check("cost_per_km", r.CostPerKm)
	check("cost_per_move", r.CostPerMove)
	check("training_cost", r.TrainingCost)
	check("unknown_distance_km", r.UnknownDistanceKm)
	check("max_distance_km", r.MaxDistanceKm)
	for i, b := range r.PreferenceBonus {
		check(fmt.Sprintf("preference_bonus[%d]", i), b)
	}
	if r.MinYearsInPost < 0 || r.RetireWithinMonths < 0 {
		errs = append(errs, fmt.Errorf("plan rules: min_years_in_post %d and retire_within_months %d must not be negative",
			r.MinYearsInPost, r.RetireWithinMonths))
	}
	return errors.Join(errs...)
}

// positionKey names a unit x cadre position.
type positionKey struct{ cadre, code string }

// buildCadreProblems checks the problem and splits it into one part per cadre, sorted by cadre,
// with the fixed moves applied.
func buildCadreProblems(p *PlanProblem, rules *PlanRules) ([]*cadreProblem, error) {
	byCadre := map[string]*cadreProblem{}
	where := map[positionKey]int{}
	for _, u := range p.Units {
		c := byCadre[u.Cadre]
		if c == nil {
			c = &cadreProblem{cadre: u.Cadre, rules: rules}
			byCadre[u.Cadre] = c
		}
		k := positionKey{u.Cadre, u.Code}
		if _, dup := where[k]; dup {
			return nil, fmt.Errorf("plan: unit %s cadre %s listed twice", u.Code, u.Cadre)
		}
		where[k] = len(c.positions)
		c.positions = append(c.positions, u)
		c.available = append(c.available, u.Available())
		c.shortage = append(c.shortage, u.Shortage())
	}
	staffByNIP := make(map[string]*PlanStaff, len(p.Staff))
	for i := range p.Staff {
		s := &p.Staff[i]
		if _, dup := staffByNIP[s.NIP]; dup {
			return nil, fmt.Errorf("plan: staff %s listed twice", s.NIP)
		}
		if _, ok := where[positionKey{s.Cadre, s.Unit}]; !ok {
			return nil, fmt.Errorf("plan: staff %s: unit %s has no %s position in the plan", s.NIP, s.Unit, s.Cadre)
		}
		staffByNIP[s.NIP] = s
	}
	removed := map[string]bool{}
	forbidden := map[[2]string]bool{}
	for _, f := range p.Forbidden {
		if f.To == "" {
			removed[f.NIP] = true
		} else {
			forbidden[[2]string{f.NIP, f.To}] = true
		}
	}
	moved := map[string]bool{}
	for _, m := range p.Fixed {
		s, ok := staffByNIP[m.NIP]
		if !ok {
			return nil, fmt.Errorf("plan: fixed move of %s: no such staff in the plan", m.NIP)
		}
		to, ok := where[positionKey{s.Cadre, m.To}]
		if !ok || m.To == s.Unit {
			return nil, fmt.Errorf("plan: fixed move of %s to %q: no other %s position there", m.NIP, m.To, s.Cadre)
		}
		if moved[m.NIP] {
			return nil, fmt.Errorf("plan: staff %s has two fixed moves", m.NIP)
		}
		moved[m.NIP] = true
		c := byCadre[s.Cadre]
		from := where[positionKey{s.Cadre, s.Unit}]
		c.available[from] = max(0, c.available[from]-1)
		c.shortage[to] = max(0, c.shortage[to]-1)
		c.fixed = append(c.fixed, fixedMove(m, s, &c.positions[from], &c.positions[to], rules))
	}
	for i := range p.Staff {
		s := &p.Staff[i]
		c := byCadre[s.Cadre]
		from := where[positionKey{s.Cadre, s.Unit}]
		if moved[s.NIP] || c.available[from] == 0 {
			continue
		}
		if reason := personalIneligibility(s, rules, removed[s.NIP]); reason != "" {
			c.ineligible.add(reason)
			continue
		}
		u := &c.positions[from]
		cand := candidate{staff: s, position: from, lat: u.Lat, lon: u.Lon, hasOrigin: u.HasLocation}
		if s.HasHome {
			cand.lat, cand.lon, cand.hasOrigin = s.HomeLat, s.HomeLon, true
		}
		c.candidates = append(c.candidates, cand)
	}
	cadres := make([]*cadreProblem, 0, len(byCadre))
	for _, c := range byCadre {
		c.forbidden = forbidden
		c.indexReceivers()
		cadres = append(cadres, c)
	}
	sort.Slice(cadres, func(i, j int) bool { return cadres[i].cadre < cadres[j].cadre })
	return cadres, nil
}

// fixedMove describes a planner's move as the plan reports it.
func fixedMove(m Move, s *PlanStaff, from, to *PlanUnit, rules *PlanRules) Move {
	lat, lon, known := from.Lat, from.Lon, from.HasLocation
	if s.HasHome {
		lat, lon, known = s.HomeLat, s.HomeLon, true
	}
	var km float64
	known = known && to.HasLocation
	if known {
		km = HaversineKm(lat, lon, to.Lat, to.Lon)
	}
	_, training := to.acceptsField(s.Field)
	parts := rules.moveCost(km, known, training, s.Preferences[to.Code])
	reason := ReasonManual
	if m.Locked && !m.Manual {
		reason = ReasonLocked
	}
	return Move{
		NIP: s.NIP, Name: s.Name, Cadre: s.Cadre, From: from.Code, To: to.Code,
		DistanceKm: km, DistanceKnown: known, Reason: reason, Training: training,
		Manual: reason == ReasonManual, Locked: m.Locked, Preference: parts.preference,
		Cost: float64(parts.cost) / costScale,
	}
}

// indexReceivers lists the positions that can still receive and files them by the fields they
// accept: pool 0 for any field, one pool per field that some position requires.
func (c *cadreProblem) indexReceivers() {
	c.receiverByCode = map[string]int{}
	c.fieldPool = map[string]int{}
	c.pools = []receiverPool{{}}
	for pos, short := range c.shortage {
		if short == 0 {
			continue
		}
		r := len(c.receivers)
		c.receivers = append(c.receivers, pos)
		c.receiverByCode[c.positions[pos].Code] = r
		u := &c.positions[pos]
		if len(u.Fields) == 0 || !u.FieldRequired {
			c.pools[0].members = append(c.pools[0].members, r)
			continue
		}
		for _, f := range u.Fields {
			p, ok := c.fieldPool[f]
			if !ok {
				p = len(c.pools)
				c.fieldPool[f] = p
				c.pools = append(c.pools, receiverPool{})
			}
			if !slices.Contains(c.pools[p].members, r) {
				c.pools[p].members = append(c.pools[p].members, r)
			}
		}
	}
	var maxAbsLat float64
	for _, cand := range c.candidates {
		if cand.hasOrigin {
			maxAbsLat = max(maxAbsLat, math.Abs(cand.lat))
		}
	}
	for p := range c.pools {
		pool := &c.pools[p]
		var lats, lons []float64
		var located []int
		for _, r := range pool.members {
			if u := &c.positions[c.receivers[r]]; u.HasLocation {
				lats, lons = append(lats, u.Lat), append(lons, u.Lon)
				located = append(located, r)
			} else {
				pool.unlocated = append(pool.unlocated, r)
			}
		}
		pool.grid = newGeoGrid(lats, lons, maxAbsLat, 4)
		// The grid holds indices into located; point them at receivers instead.
		for _, cell := range pool.grid.cells {
			for j, i := range cell {
				cell[j] = int32(located[i])
			}
		}
		pool.projected = make([][2]float64, len(c.receivers))
		for i, r := range located {
			x, y := pool.grid.project(lats[i], lons[i])
			pool.projected[r] = [2]float64{x, y}
		}
	}
}

// seed returns each candidate's nearest allowed moves (k per pool) and counts the candidates
// with none at all as ineligible for field or distance.
func (c *cadreProblem) seed(k int) [][]reachOption {
	options := make([][]reachOption, len(c.candidates))
	if len(c.receivers) == 0 {
		return options
	}
	for i := range c.candidates {
		cand := &c.candidates[i]
		options[i] = c.nearestOptions(cand, k)
		if len(options[i]) > 0 {
			continue
		}
		reachable := 0
		for _, p := range c.candidatePools(cand) {
			reachable += len(c.pools[p].members)
		}
		switch {
		case reachable == 0:
			c.ineligible.add(IneligibleField)
		case c.rules.MaxDistanceKm > 0:
			c.ineligible.add(IneligibleDistance)
		default:
			c.ineligible.add(IneligibleRemoved) // only forbidden pairs were left
		}
	}
	return options
}
