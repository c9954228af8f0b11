package analytics

import (
	"math"
	"slices"
	"time"
)

// IneligibleReason is why a staff member cannot make a move.
type IneligibleReason string

// The reasons, in the order they are checked.
const (
	IneligibleLocked   IneligibleReason = "locked"
	IneligibleRemoved  IneligibleReason = "removed" // a Forbidden move without a destination
	IneligibleTenure   IneligibleReason = "tenure"
	IneligibleRetiring IneligibleReason = "retiring"
	IneligibleField    IneligibleReason = "field"    // no receiving position accepts the field
	IneligibleDistance IneligibleReason = "distance" // accepted only beyond MaxDistanceKm
)

// personalIneligibility is the first reason the staff member cannot move anywhere, or "" when
// they can. removed is whether a Forbidden move without destination names them.
func personalIneligibility(s *PlanStaff, rules *PlanRules, removed bool) IneligibleReason {
	switch {
	case s.Locked:
		return IneligibleLocked
	case removed:
		return IneligibleRemoved
	case !s.PostStart.IsZero() && rules.At.Before(s.PostStart.AddDate(rules.MinYearsInPost, 0, 0)):
		return IneligibleTenure
	case retiresWithin(s, rules.At, rules.RetireWithinMonths):
		return IneligibleRetiring
	}
	return ""
}

// RetirementDate is the last day of the month in which the staff member reaches their
// retirement age (pension starts the first of the next month), and false when the birth date is
// unknown both in BirthDate and in the NIP.
func (s PlanStaff) RetirementDate() (time.Time, bool) {
	birth := s.BirthDate
	if birth.IsZero() {
		var ok bool
		if birth, ok = birthDateFromNIP(s.NIP); !ok {
			return time.Time{}, false
		}
	}
	age := s.RetirementAge
	if age <= 0 {
		age = DefaultRetirementAge
	}
	firstOfMonth := time.Date(birth.Year()+age, birth.Month(), 1, 0, 0, 0, 0, time.UTC)
	return firstOfMonth.AddDate(0, 1, -1), true
}

// retiresWithin reports whether the staff member retires before at plus months.
func retiresWithin(s *PlanStaff, at time.Time, months int) bool {
	retire, ok := s.RetirementDate()
	return ok && retire.Before(at.AddDate(0, months, 0))
}

// birthDateFromNIP reads the birth date in the first 8 digits of an 18-digit NIP.
func birthDateFromNIP(nip string) (time.Time, bool) {
	if len(nip) != 18 {
		return time.Time{}, false
	}
	d, err := time.Parse("20060102", nip[:8])
	return d, err == nil
}

// acceptsField reports whether the position takes someone of the field, and whether they would
// need training for it.
func (u *PlanUnit) acceptsField(field string) (ok, training bool) {
	if len(u.Fields) == 0 || slices.Contains(u.Fields, field) {
		return true, false
	}
	return !u.FieldRequired, true
}

// costScale turns cost points into the solver's integers: hundredths.
const costScale = 100

// moveCostParts are the pieces of one move's cost, kept for the Move the plan reports.
type moveCostParts struct {
	km         float64 // the distance, or UnknownDistanceKm when unknown
	known      bool
	training   bool
	preference int
	cost       int64 // in hundredths of a cost point
}

// moveCost costs a move of a staff member to a position at distance km (known or not).
func (r *PlanRules) moveCost(km float64, known, training bool, preference int) moveCostParts {
	p := moveCostParts{km: km, known: known, training: training, preference: preference}
	if !known {
		p.km = r.UnknownDistanceKm
	}
	c := r.CostPerMove + r.CostPerKm*p.km
	if training {
		c += r.TrainingCost
	}
	c -= r.preferenceBonus(preference)
	p.cost = int64(math.Round(c * costScale))
	return p
}

// preferenceBonus is the bonus of a rank, 0 for none or a rank beyond the list.
func (r *PlanRules) preferenceBonus(rank int) float64 {
	if rank < 1 || rank > len(r.PreferenceBonus) {
		return 0
	}
	return r.PreferenceBonus[rank-1]
}
