package analytics

import (
	"math"
	"testing"
)

// awt is the default puskesmas working time: (260-17-12-5-5) days x 7.5 h = 1,657.5 h.
var awt = WorkingTime{WorkingDays: 260, PublicHolidays: 17, LeaveDays: 12, SickDays: 5, TrainingDays: 5, HoursPerDay: 7.5}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestRatioNormRequired(t *testing.T) {
	tests := []struct{ workload, perStaff, want float64 }{
		{480, 20, 24}, // the Cipocok Jaya case: 480 students at 20 per teacher
		{300, 15, 20}, // SMK
		{0, 20, 0},
		{35, 20, 1.75},
	}
	for _, tt := range tests {
		if got := RatioNormRequired(tt.workload, tt.perStaff); !near(got, tt.want) {
			t.Errorf("RatioNormRequired(%v, %v) = %v, want %v", tt.workload, tt.perStaff, got, tt.want)
		}
	}
}

func TestWISN(t *testing.T) {
	if got := awt.Hours(); got != 1657.5 {
		t.Fatalf("AWT = %v h, want 1657.5", got)
	}
	tests := []struct {
		name        string
		activities  []Activity
		categories  []float64
		individuals []float64
		// hand-computed: baseline = sum(volume x minutes) / 99,450; CAF = 1/(1-sum categories);
		// IAF = sum individual hours / 1,657.5
		baseline, caf, iaf, required float64
	}{
		{
			name:        "doctor, 3,000 visits a month at 5 minutes",
			activities:  []Activity{{Minutes: 5, AnnualVolume: 36000}},
			categories:  []float64{0.08, 0.07},
			individuals: []float64{400},
			baseline:    180000.0 / 99450, caf: 1 / 0.85, iaf: 400 / 1657.5,
			required: 180000.0/99450/0.85 + 400/1657.5, // 2.370685...
		},
		{
			name: "midwife, three activities",
			activities: []Activity{
				{Minutes: 20, AnnualVolume: 4800}, {Minutes: 240, AnnualVolume: 360}, {Minutes: 15, AnnualVolume: 3600},
			},
			categories:  []float64{0.10, 0.05},
			individuals: []float64{400},
			baseline:    236400.0 / 99450, caf: 1 / 0.85, iaf: 400 / 1657.5,
			required: 236400.0/99450/0.85 + 400/1657.5, // 3.037884...
		},
		{
			name:       "no allowances: CAF 1, IAF 0",
			activities: []Activity{{Minutes: 60, AnnualVolume: 1657.5}},
			baseline:   1, caf: 1, iaf: 0, required: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := WISN(awt, tt.activities, tt.categories, tt.individuals)
			if !near(r.Baseline, tt.baseline) || !near(r.CAF, tt.caf) || !near(r.IAF, tt.iaf) || !near(r.Required, tt.required) {
				t.Errorf("got baseline %v CAF %v IAF %v required %v, want %v %v %v %v",
					r.Baseline, r.CAF, r.IAF, r.Required, tt.baseline, tt.caf, tt.iaf, tt.required)
			}
		})
	}
	// The doctor case to 4 decimals, as a person would check it on paper.
	r := WISN(awt, tests[0].activities, tests[0].categories, tests[0].individuals)
	if got := math.Round(r.Required*1e4) / 1e4; got != 2.3707 {
		t.Errorf("doctor required = %v, want 2.3707", got)
	}
}

func TestABK(t *testing.T) {
	tasks := []Activity{{Minutes: 30, AnnualVolume: 7200}, {Minutes: 10, AnnualVolume: 15000}}
	tests := []struct {
		name         string
		hours, share float64
		want         float64
	}{
		// 366,000 minutes / 0.9 / (1,250 x 60) = 5.4222
		{"1,250 hours with 10% support tasks", 1250, 0.10, 366000.0 / 0.9 / 75000},
		{"1,200 hours with 10% support tasks", 1200, 0.10, 366000.0 / 0.9 / 72000},
		{"1,250 hours plain ABK", 1250, 0, 366000.0 / 75000},
	}
	for _, tt := range tests {
		r := ABK(tasks, tt.hours, tt.share)
		if !near(r.Required, tt.want) {
			t.Errorf("%s: required %v, want %v", tt.name, r.Required, tt.want)
		}
		if r.WorkloadMinutes != 366000 {
			t.Errorf("%s: workload %v minutes, want 366000", tt.name, r.WorkloadMinutes)
		}
	}
}

func TestGradeBands(t *testing.T) {
	tests := []struct {
		ej   float64
		want string
	}{
		{1.2, "A"}, {1.0000001, "A"}, {1.0, "B"}, {0.9, "B"}, {0.8999, "C"}, {0.7, "C"},
		{0.69, "D"}, {0.5, "D"}, {0.49, "E"}, {0, "E"},
	}
	for _, tt := range tests {
		if got := Grade(tt.ej, DefaultGrades); got != tt.want {
			t.Errorf("Grade(%v) = %q, want %q", tt.ej, got, tt.want)
		}
	}
}

func TestTopGrade(t *testing.T) {
	if got := TopGrade(DefaultGrades); got != "A" {
		t.Errorf("TopGrade = %q, want A", got)
	}
	if got := TopGrade(nil); got != "" {
		t.Errorf("TopGrade of no bands = %q, want empty", got)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name     string
		actual   int
		required float64
		hasData  bool
		want     Status
		shortage int
		surplus  int
	}{
		{"no workload data is never balanced", 10, 0, false, NoData, 0, 0},
		{"workload but nobody: the most overloaded", 0, 15, true, SevereShortage, 15, 0},
		{"ratio 0.69", 69, 100, true, SevereShortage, 31, 0},
		{"ratio 0.70 is shortage", 7, 10, true, Shortage, 3, 0},
		{"ratio 0.8333", 20, 24, true, Shortage, 4, 0},
		{"ratio 0.90 is balanced", 9, 10, true, Balanced, 0, 0},
		{"ratio 1.10 is balanced", 11, 10, true, Balanced, 0, 0},
		{"ratio 1.25", 25, 20, true, Surplus, 0, 5},
		{"staff with zero workload", 3, 0, true, Surplus, 0, 3},
		{"nothing to do and nobody", 0, 0, true, Balanced, 0, 0},
		{"tiny need still needs a person", 0, 0.3, true, SevereShortage, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Classify(tt.actual, tt.required, tt.hasData, DefaultBands)
			if got != tt.want {
				t.Fatalf("Classify = %s, want %s", got, tt.want)
			}
			short, surplus := PeopleGap(got, tt.actual, tt.required)
			if short != tt.shortage || surplus != tt.surplus {
				t.Errorf("PeopleGap = %d short %d surplus, want %d %d", short, surplus, tt.shortage, tt.surplus)
			}
		})
	}
}

func TestGini(t *testing.T) {
	tests := []struct {
		name    string
		values  []float64
		weights []float64
		want    float64
	}{
		{"all equal", []float64{1, 1, 1}, []float64{3, 5, 7}, 0},
		{"two units, one carries all", []float64{0, 1}, []float64{1, 1}, 0.5},
		// weights act as repeated observations: {1,1,2} == values 1,2 with weights 2,1
		{"weights repeat observations", []float64{1, 2}, []float64{2, 1}, bruteGini([]float64{1, 1, 2})},
		{"zero weight ignored", []float64{1, 5, 1}, []float64{1, 0, 1}, 0},
		{"unsorted input", []float64{3, 1, 2}, []float64{1, 1, 1}, bruteGini([]float64{1, 2, 3})},
	}
	for _, tt := range tests {
		if got := Gini(tt.values, tt.weights); !near(got, tt.want) {
			t.Errorf("%s: Gini = %v, want %v", tt.name, got, tt.want)
		}
	}
	if g := Gini(nil, nil); !math.IsNaN(g) {
		t.Errorf("Gini of nothing = %v, want NaN", g)
	}
}

// bruteGini is the textbook definition: mean absolute difference over all ordered pairs,
// divided by twice the mean.
func bruteGini(xs []float64) float64 {
	var sum, mean float64
	for _, x := range xs {
		mean += x
		for _, y := range xs {
			sum += math.Abs(x - y)
		}
	}
	n := float64(len(xs))
	mean /= n
	return sum / (2 * n * n * mean)
}
