package demo

import (
	"context"
	"math"
	"testing"
	"time"
)

// TestNormsMatchDefaults guards the generator's copy of the default norms against edits of
// 0002_defaults.sql: if they drift, the intended imbalance is no longer what the dashboard shows.
func TestNormsMatchDefaults(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	for unitType, perStaff := range studentsPerTeacher {
		var got float64
		if err := s.DB().QueryRowContext(ctx, `SELECT per_staff FROM staffing_norms WHERE unit_type = ? AND cadre_code = 'guru'`,
			unitType).Scan(&got); err != nil {
			t.Fatalf("ratio norm %s: %v", unitType, err)
		}
		if got != perStaff {
			t.Errorf("%s: %v students per teacher in the database, %v here", unitType, got, perStaff)
		}
	}
	for cadre, n := range wisnNorms {
		var awtHours, category, individual float64
		err := s.DB().QueryRowContext(ctx, `
			SELECT (working_days - public_holidays - leave_days - sick_days - training_days) * hours_per_day,
				(SELECT coalesce(sum(value), 0) FROM allowances WHERE unit_type = 'puskesmas' AND cadre_code = ? AND kind = 'category'),
				(SELECT coalesce(sum(value), 0) FROM allowances WHERE unit_type = 'puskesmas' AND cadre_code = ? AND kind = 'individual')
			FROM wisn_working_time WHERE cadre_code = ?`, cadre, cadre, cadre).Scan(&awtHours, &category, &individual)
		if err != nil {
			t.Fatalf("wisn %s: %v", cadre, err)
		}
		if awtHours != wisnAWTHours || math.Abs(category-n.category) > 1e-9 || individual != n.individual {
			t.Errorf("wisn %s: database AWT %v h, CAS %v, IAS %v h; here %v, %v, %v",
				cadre, awtHours, category, individual, wisnAWTHours, n.category, n.individual)
		}
		for i, ind := range indicatorsOf["puskesmas"] {
			var minutes float64
			err := s.DB().QueryRowContext(ctx, `SELECT coalesce(sum(minutes), 0) FROM activity_standards
				WHERE unit_type = 'puskesmas' AND cadre_code = ? AND indicator = ?`, cadre, ind).Scan(&minutes)
			if err != nil {
				t.Fatal(err)
			}
			if minutes != n.minutes[i] {
				t.Errorf("wisn %s %s: %v minutes in the database, %v here", cadre, ind, minutes, n.minutes[i])
			}
		}
	}
	var penduduk, layanan, support, hours float64
	err := s.DB().QueryRowContext(ctx, `
		SELECT (SELECT minutes FROM activity_standards WHERE unit_type = 'kelurahan' AND indicator = 'penduduk'),
			(SELECT minutes FROM activity_standards WHERE unit_type = 'kelurahan' AND indicator = 'layanan_adm'),
			(SELECT support_pct FROM staffing_norms WHERE unit_type = 'kelurahan'),
			(SELECT value FROM settings WHERE key = 'abk_effective_hours_default')`).Scan(&penduduk, &layanan, &support, &hours)
	if err != nil {
		t.Fatal(err)
	}
	if penduduk != abkMinutesPenduduk || layanan != abkMinutesLayanan || support != abkSupportShare || hours != abkDefaultHours {
		t.Errorf("abk: database %v, %v min, FTP %v, %v h; here %v, %v, %v, %v", penduduk, layanan, support, hours,
			abkMinutesPenduduk, abkMinutesLayanan, abkSupportShare, abkDefaultHours)
	}
}

// constant fills every period of a series with the same values, one per indicator.
func constant(values ...float64) series {
	s := make(series, len(values))
	for i, v := range values {
		for t := range nPeriods {
			s[i][t] = v
		}
	}
	return s
}

// TestRequiredStaff checks the calibration helper against hand-computed examples:
// WISN AWT = 221 days x 7.5 h = 1,657.5 h = 99,450 min, CAF = 1/(1-0.15).
func TestRequiredStaff(t *testing.T) {
	tests := []struct {
		name     string
		unitType string
		load     series
		hours    float64
		want     []float64
	}{
		{"SD 480 students at 20 per teacher", "sd", constant(480), 1250, []float64{24}},
		{"SMK 450 students at 15 per teacher", "smk", constant(450), 1250, []float64{30}},
		{
			// dokter 3000x12x5/99450/0.85 + 400/1657.5; perawat 3000x12x12/99450/0.85 + 300/1657.5;
			// bidan (300x12x20 + 30x12x240 + 250x12x15)/99450/0.85 + 400/1657.5.
			"puskesmas", "puskesmas", constant(3000, 300, 30, 250), 1250,
			[]float64{2.3706858, 5.2914559, 2.6475024},
		},
		{"kelurahan, 1,250 h", "kelurahan", constant(15000, 500), 1250, []float64{330000.0 / 75000 / 0.9}},
		{"kelurahan, 1,200 h", "kelurahan", constant(15000, 500), 1200, []float64{5.0925926}},
	}
	for _, tt := range tests {
		got := requiredStaff(tt.unitType, tt.load, nPeriods-1, tt.hours)
		if len(got) != len(tt.want) {
			t.Fatalf("%s: %d cadres, want %d", tt.name, len(got), len(tt.want))
		}
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-6 {
				t.Errorf("%s %s: required %.7f, want %.7f", tt.name, cadresOf[tt.unitType][i], got[i], tt.want[i])
			}
		}
	}
}

func TestAllocate(t *testing.T) {
	tests := []struct {
		total   int
		weights []float64
		atLeast int
		want    []int
	}{
		{10, []float64{1, 1}, 0, []int{5, 5}},
		{10, []float64{3, 1}, 0, []int{8, 2}},      // 7.5/2.5: the tie goes to the first
		{7, []float64{1, 1, 1}, 0, []int{3, 2, 2}}, // remainders go to the largest fractions
		{5, []float64{100, 0, 0}, 1, []int{3, 1, 1}},
		{2, []float64{1, 1, 1}, 1, []int{1, 1, 0}}, // too few for the minimum everywhere
		{0, []float64{1}, 0, []int{0}},
	}
	for _, tt := range tests {
		got := allocate(tt.total, tt.weights, tt.atLeast)
		if sum(got) != max(tt.total, 0) || !equalInts(got, tt.want) {
			t.Errorf("allocate(%d, %v, %d) = %v, want %v", tt.total, tt.weights, tt.atLeast, got, tt.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestNIPRegistry(t *testing.T) {
	r := newNIPRegistry()
	birth := time.Date(1986, 9, 26, 0, 0, 0, 0, time.UTC)
	appointed := time.Date(2015, 5, 1, 0, 0, 0, 0, time.UTC)
	for _, want := range []string{"198609262015051001", "198609262015051002"} {
		got, err := r.assign(birth, appointed, male)
		if err != nil || got != want {
			t.Errorf("assign = %q, %v; want %q", got, err, want)
		}
	}
	if got, _ := r.assign(birth, appointed, female); got != "198609262015052001" {
		t.Errorf("first woman with the same dates got %q, want ...2001", got)
	}
	if _, err := r.assign(birth, appointed, 3); err == nil {
		t.Error("sex digit 3 accepted")
	}
}

func TestStreamKeySeparatesParts(t *testing.T) {
	if streamKey("ab", "c") == streamKey("a", "bc") {
		t.Error("streamKey(ab, c) == streamKey(a, bc)")
	}
	if streamKey("staff", "P3673050201") == streamKey("workload", "P3673050201") {
		t.Error("purposes share a stream")
	}
}
