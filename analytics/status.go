package analytics

// Status is how a unit's staffing compares with its need.
type Status string

// The statuses, from most to least understaffed. NoData is never "balanced": a unit without
// workload data (or without a norm) is unknown.
const (
	SevereShortage Status = "severe_shortage"
	Shortage       Status = "shortage"
	Balanced       Status = "balanced"
	Surplus        Status = "surplus"
	NoData         Status = "no_data"
)

// Statuses lists every status in display order.
var Statuses = []Status{SevereShortage, Shortage, Balanced, Surplus, NoData}

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// Bands are the ratio thresholds: severe < SevereBelow <= shortage < ShortageBelow <= balanced
// <= SurplusAbove < surplus.
type Bands struct {
	SevereBelow, ShortageBelow, SurplusAbove float64
}

// DefaultBands are the defaults of DOMAIN.md.
var DefaultBands = Bands{SevereBelow: 0.70, ShortageBelow: 0.90, SurplusAbove: 1.10}

// Classify gives the status of a unit with actual staff against required staff. hasData is
// false when the unit has no (complete) workload data for the period.
func Classify(actual int, required float64, hasData bool, b Bands) Status {
	switch {
	case !hasData:
		return NoData
	case required == 0 && actual == 0:
		return Balanced
	case required == 0:
		return Surplus
	}
	ratio := float64(actual) / required
	switch {
	case ratio < b.SevereBelow:
		return SevereShortage
	case ratio < b.ShortageBelow:
		return Shortage
	case ratio <= b.SurplusAbove:
		return Balanced
	default:
		return Surplus
	}
}

// PeopleGap is the shortage and surplus in whole people that a status counts: only units
// flagged short count towards shortage and only surplus units towards surplus, so the ±10%
// tolerance of the balanced band is not reported as people to move.
func PeopleGap(status Status, actual int, required float64) (shortage, surplus int) {
	rounded := RoundStaff(required)
	switch status {
	case SevereShortage, Shortage:
		return max(0, rounded-actual), 0
	case Surplus:
		return 0, max(0, actual-rounded)
	}
	return 0, 0
}
