package analytics

// Transfer planning (rencana mutasi, issue 7): the model.
//
// A PlanProblem holds, for one scope, unit x cadre positions (PlanUnit), the staff who could move
// (PlanStaff), the rules (PlanRules) and the planner's what-if choices (Fixed and Forbidden
// moves). SolvePlan returns the exactly optimal set of moves; GreedyPlan a quick baseline.
//
// Capacities. A position's effective floor is max(RoundStaff(Required), Floor). A source
// position has Actual above its floor and lets at most Actual - floor people leave, so nobody is
// emptied below need. A receiving position has Actual below RoundStaff(Required) and takes at
// most RoundStaff(Required) - Actual people, so it never goes above its need rounded. Positions
// marked NoData are neither. Cadres are independent (a move never changes cadre) and are solved
// separately, in parallel.
//
// Eligibility of a staff member for a move, checked in this order and counted by the first
// reason that fails:
//   - not Locked by the planner and not removed by a Forbidden move without a destination;
//   - at least MinYearsInPost full years in the current post at At (exactly at the limit is
//     enough; an unknown PostStart does not block);
//   - not retiring within RetireWithinMonths of At. Retirement (BUP) is the end of the month in
//     which the staff member reaches RetirementAge (DefaultRetirementAge when 0); the birth date
//     is read from the NIP when BirthDate is zero; when neither is known nothing blocks;
//   - and for one destination: same cadre; when the destination has FieldRequired, the staff
//     member's field is one of its Fields; the distance is at most MaxDistanceKm when that is
//     set; the pair is not Forbidden.
//
// Distance is the great-circle (haversine) distance from the staff member's home to the new
// unit, or from the current unit when the home is unknown. When neither end is known the
// distance is unknown: it does not block a move under MaxDistanceKm, the cost counts
// UnknownDistanceKm instead, and the move says DistanceKnown false.
//
// Objective, lexicographic: first the most shortage places filled (people), then the least
// total cost, where one move costs
//
//	CostPerMove + CostPerKm x km + TrainingCost (if the field changes) - PreferenceBonus[rank-1]
//
// rounded to a hundredth (so with CostPerKm 1, to 10 metres): integer costs make the optimum
// exact rather than approximately so. Fixed moves are applied first, whatever the rules say,
// and use up the capacities they touch.
//
// The solver is a min-cost maximum flow, source -> source position (capacity: may leave) ->
// staff member (capacity 1) -> receiving position (the move's cost) -> sink (capacity: shortage),
// solved with package mincostflow and column generation over a spatial grid; plan_flow.go says
// why the answer is exact.

import "time"

// DefaultRetirementAge is the BUP used for staff without one: 58, the age for administrative
// and junior functional posts (teachers and senior posts retire at 60, ahli utama at 65).
const DefaultRetirementAge = 58

// PlanUnit is one unit x cadre position in a plan.
type PlanUnit struct {
	Code     string  `json:"code"`
	Name     string  `json:"name"`
	Cadre    string  `json:"cadre"`
	Actual   int     `json:"actual"`   // staff in post
	Required float64 `json:"required"` // from the norm, possibly fractional
	// NoData marks a position without a norm or workload data: it neither gives nor receives.
	NoData      bool    `json:"no_data,omitempty"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	HasLocation bool    `json:"has_location"`
	// Fields are the education fields the post accepts for the cadre; empty accepts any.
	Fields []string `json:"fields,omitempty"`
	// FieldRequired makes Fields a condition; otherwise a move from another field is allowed
	// and flagged for training.
	FieldRequired bool `json:"field_required,omitempty"`
	// Floor is an extra minimum the position keeps as a source, above its rounded need.
	Floor int `json:"floor,omitempty"`
}

// EffectiveFloor is the staff a source position keeps: its rounded need or its Floor.
func (u PlanUnit) EffectiveFloor() int { return max(RoundStaff(u.Required), u.Floor) }

// Available is how many may leave the position; Shortage how many it may receive.
func (u PlanUnit) Available() int {
	if u.NoData {
		return 0
	}
	return max(0, u.Actual-u.EffectiveFloor())
}

// Shortage is the places a move can fill: up to the need rounded to whole people.
func (u PlanUnit) Shortage() int {
	if u.NoData {
		return 0
	}
	return max(0, RoundStaff(u.Required)-u.Actual)
}

// PlanStaff is a staff member who might move.
type PlanStaff struct {
	NIP     string  `json:"nip"` // 18 digits
	Name    string  `json:"name"`
	Cadre   string  `json:"cadre"`
	Unit    string  `json:"unit"`  // code of the current unit
	Field   string  `json:"field"` // education field
	HomeLat float64 `json:"home_lat"`
	HomeLon float64 `json:"home_lon"`
	HasHome bool    `json:"has_home"`
	// BirthDate and PostStart (the date into the current post); zero when unknown.
	BirthDate     time.Time `json:"birth_date"`
	PostStart     time.Time `json:"post_start"`
	RetirementAge int       `json:"retirement_age,omitempty"` // BUP in years; 0: DefaultRetirementAge
	// Preferences ranks the units the staff member asked for: unit code -> 1 for first choice.
	Preferences map[string]int `json:"preferences,omitempty"`
	Locked      bool           `json:"locked,omitempty"` // the planner says: do not move
}

// PlanRules are the settings of a plan; DefaultPlanRules gives documented defaults.
type PlanRules struct {
	At                 time.Time `json:"at"`                   // the plan date
	MinYearsInPost     int       `json:"min_years_in_post"`    // PP 11/2017: 2
	RetireWithinMonths int       `json:"retire_within_months"` // 12
	MaxDistanceKm      float64   `json:"max_distance_km"`      // 0: no limit
	// Costs, in one unit: with the defaults a cost point is a kilometre of distance.
	CostPerKm   float64 `json:"cost_per_km"`   // 1
	CostPerMove float64 `json:"cost_per_move"` // 10: every move disrupts two units
	// PreferenceBonus[r-1] is taken off a move to a unit ranked r by the staff member.
	PreferenceBonus []float64 `json:"preference_bonus"` // 15, 10, 5
	// TrainingCost is added when the move takes someone outside their field (Surakarta).
	TrainingCost float64 `json:"training_cost"` // 20
	// UnknownDistanceKm is the distance costed when it cannot be measured.
	UnknownDistanceKm float64 `json:"unknown_distance_km"` // 50
	// Bands classify positions before and after; zero means DefaultBands.
	Bands Bands `json:"bands"`
}

// DefaultPlanRules returns the defaults for a plan dated at. A kilometre costs 1, a move 10
// (so the solver would rather move one person 20 km than two people 5 km each), a first choice
// saves 15, second 10, third 5, training costs 20 and an unknown distance counts as 50 km.
func DefaultPlanRules(at time.Time) PlanRules {
	return PlanRules{
		At: at, MinYearsInPost: 2, RetireWithinMonths: 12,
		CostPerKm: 1, CostPerMove: 10, PreferenceBonus: []float64{15, 10, 5},
		TrainingCost: 20, UnknownDistanceKm: 50, Bands: DefaultBands,
	}
}

// Move is one transfer of a plan.
type Move struct {
	NIP           string     `json:"nip"`
	Name          string     `json:"name"`
	Cadre         string     `json:"cadre"`
	From          string     `json:"from"`
	To            string     `json:"to"` // empty in a Forbidden move: do not move at all
	DistanceKm    float64    `json:"distance_km"`
	DistanceKnown bool       `json:"distance_known"`
	Reason        MoveReason `json:"reason"`
	Training      bool       `json:"training,omitempty"` // the move changes the field
	Manual        bool       `json:"manual,omitempty"`   // added by the planner
	Locked        bool       `json:"locked,omitempty"`   // a proposal the planner kept
	Preference    int        `json:"preference,omitempty"`
	Cost          float64    `json:"cost"`
}

// MoveReason says why a move is in the plan, as a code the page translates.
type MoveReason string

// The reasons of a move.
const (
	ReasonShortageCover MoveReason = "shortage_cover" // proposed by the solver
	ReasonManual        MoveReason = "manual"         // added by the planner
	ReasonLocked        MoveReason = "locked"         // proposed earlier, kept by the planner
)

// PlanProblem is everything one plan is computed from.
type PlanProblem struct {
	Units []PlanUnit  `json:"units"`
	Staff []PlanStaff `json:"staff"`
	Rules PlanRules   `json:"rules"`
	// Fixed moves are in the result whatever the rules say, applied before the solver runs and
	// counted against the capacities (set Manual or Locked to say which kind).
	Fixed []Move `json:"fixed,omitempty"`
	// Forbidden moves are removed proposals: that NIP does not go to that unit, or nowhere when
	// To is empty.
	Forbidden []Move `json:"forbidden,omitempty"`
}
