// Package analytics turns staff and workload into staffing need, ratios, statuses and
// inequality, and reads the rollups that pages show. It knows nothing of HTTP.
//
// The formulas in this file compute one unit at a time in Go. The rollups are computed in
// bulk by the embedded SQL in queries/; tests hold the two against each other, and the unit
// page uses the Go side to show a calculation step by step.
package analytics

import (
	"math"
	"sort"
)

// RatioNormRequired is the staff a workload needs under a ratio norm, e.g. 480 students at 20
// students per teacher need 24 teachers.
func RatioNormRequired(workload, perStaff float64) float64 {
	return workload / perStaff
}

// WorkingTime is WISN's available working time (AWT) of one staff member in a year.
type WorkingTime struct {
	WorkingDays, PublicHolidays, LeaveDays, SickDays, TrainingDays, HoursPerDay float64
}

// Days is the number of days actually available for work.
func (w WorkingTime) Days() float64 {
	return w.WorkingDays - w.PublicHolidays - w.LeaveDays - w.SickDays - w.TrainingDays
}

// Hours is the available working time in hours a year.
func (w WorkingTime) Hours() float64 { return w.Days() * w.HoursPerDay }

// Activity is one WISN activity or ABK task: the time one staff member spends per unit of an
// indicator, and the indicator's annual volume at the unit.
type Activity struct {
	Code, NameID, NameEN string
	Indicator            string
	Minutes              float64 // per unit of volume
	AnnualVolume         float64
}

// ActivityNeed is an activity's share of WISN baseline staff.
type ActivityNeed struct {
	Activity
	StandardWorkload float64 // units of volume one person can do in a year: AWT / minutes
	Staff            float64 // AnnualVolume / StandardWorkload
}

// WISNResult holds every intermediate of a WISN calculation, for display.
type WISNResult struct {
	AWTHours        float64
	Activities      []ActivityNeed
	Baseline        float64 // sum of staff over activities
	CategoryShare   float64 // sum of category allowance standards, as a share of AWT
	CAF             float64 // 1 / (1 - CategoryShare)
	IndividualHours float64 // sum of individual allowance standards, staff-hours a year
	IAF             float64 // IndividualHours / AWT
	Required        float64 // Baseline x CAF + IAF
}

// WISN computes the staff a unit needs with WHO's Workload Indicators of Staffing Need.
func WISN(awt WorkingTime, activities []Activity, categoryShares, individualHours []float64) WISNResult {
	r := WISNResult{AWTHours: awt.Hours()}
	awtMinutes := r.AWTHours * 60
	for _, a := range activities {
		need := ActivityNeed{Activity: a, StandardWorkload: awtMinutes / a.Minutes}
		need.Staff = a.AnnualVolume / need.StandardWorkload
		r.Baseline += need.Staff
		r.Activities = append(r.Activities, need)
	}
	for _, s := range categoryShares {
		r.CategoryShare += s
	}
	r.CAF = 1 / (1 - r.CategoryShare)
	for _, h := range individualHours {
		r.IndividualHours += h
	}
	r.IAF = r.IndividualHours / r.AWTHours
	r.Required = r.Baseline*r.CAF + r.IAF
	return r
}

// ABKResult holds every intermediate of an Analisis Beban Kerja calculation, for display.
type ABKResult struct {
	Tasks            []Activity
	WorkloadMinutes  float64 // sum of annual volume x norm time
	EffectiveHours   float64 // effective working hours a year of one staff member
	SupportShare     float64 // ABK Kes support-task share (FTP); 0 for plain ABK
	STP              float64 // 1 / (1 - SupportShare)
	Required         float64 // WorkloadMinutes x STP / (EffectiveHours x 60)
	WorkloadHoursSTP float64 // WorkloadMinutes x STP / 60: the hours EJ compares with
}

// ABK computes the staff a position needs under PermenPANRB 1/2020.
func ABK(tasks []Activity, effectiveHours, supportShare float64) ABKResult {
	r := ABKResult{Tasks: tasks, EffectiveHours: effectiveHours, SupportShare: supportShare}
	for _, t := range tasks {
		r.WorkloadMinutes += t.AnnualVolume * t.Minutes
	}
	r.STP = 1 / (1 - supportShare)
	r.WorkloadHoursSTP = r.WorkloadMinutes * r.STP / 60
	r.Required = r.WorkloadHoursSTP / effectiveHours
	return r
}

// RoundStaff rounds required staff to whole people, half up, and to at least one person when
// there is any need at all: a school with a handful of pupils still needs a teacher.
func RoundStaff(required float64) int {
	if required <= 0 {
		return 0
	}
	return max(1, int(math.Round(required)))
}

// JobEfficiency is ABK's EJ: workload hours over the hours the staff can give, which is
// required / actual. It is undefined (ok false) without staff.
func JobEfficiency(required float64, actual int) (ej float64, ok bool) {
	if actual == 0 {
		return 0, false
	}
	return required / float64(actual), true
}

// GradeBand is one ABK EJ grade: reached when EJ >= MinEJ (> MinEJ when not inclusive).
type GradeBand struct {
	Grade        string
	MinEJ        float64
	MinInclusive bool
}

// DefaultGrades are the bands most often used: A > 1.00, B 0.90-1.00, C 0.70-0.89,
// D 0.50-0.69, E < 0.50.
var DefaultGrades = []GradeBand{{"A", 1.00, false}, {"B", 0.90, true}, {"C", 0.70, true}, {"D", 0.50, true}, {"E", 0, true}}

// Grade returns the grade of the highest band EJ reaches.
func Grade(ej float64, bands []GradeBand) string {
	sorted := append([]GradeBand(nil), bands...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].MinEJ > sorted[j].MinEJ })
	for _, b := range sorted {
		if ej > b.MinEJ || (b.MinInclusive && ej == b.MinEJ) {
			return b.Grade
		}
	}
	return ""
}

// TopGrade is the grade of the highest band, given to a unit with workload and no staff (its
// EJ is unbounded), as refresh_unit_stats.sql does.
func TopGrade(bands []GradeBand) string {
	top := ""
	best := math.Inf(-1)
	for _, b := range bands {
		if b.MinEJ > best {
			top, best = b.Grade, b.MinEJ
		}
	}
	return top
}

// Gini is the Gini coefficient of values weighted by weights: 0 when every unit carries the
// same load per person, towards 1 when the load sits in few places. Entries with zero weight
// do not count. It returns NaN when there is no positive weight or every value is zero.
func Gini(values, weights []float64) float64 {
	type point struct{ x, w float64 }
	pts := make([]point, 0, len(values))
	for i, x := range values {
		if weights[i] > 0 {
			pts = append(pts, point{x, weights[i]})
		}
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].x < pts[j].x })
	// With values sorted, sum_i sum_j w_i w_j |x_i - x_j| = 2 sum_i w_i (x_i W_before - S_before).
	var wBefore, sBefore, pairSum float64
	for _, p := range pts {
		pairSum += p.w * (p.x*wBefore - sBefore)
		wBefore += p.w
		sBefore += p.w * p.x
	}
	if wBefore == 0 || sBefore == 0 {
		return math.NaN()
	}
	return pairSum / (wBefore * sBefore)
}
