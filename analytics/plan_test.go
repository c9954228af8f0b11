package analytics

import (
	"maps"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// rulesWorld is the smallest plan that moves someone: a school with two teachers too many, a
// school 1.5 km away missing one, and one teacher who may move.
func rulesWorld() PlanProblem {
	return PlanProblem{
		Rules: DefaultPlanRules(date(2026, 1, 1)),
		Units: []PlanUnit{
			{Code: "S1", Cadre: "guru", Actual: 3, Required: 1, Lat: -6.12, Lon: 106.15, HasLocation: true},
			{Code: "R1", Cadre: "guru", Actual: 0, Required: 1, Lat: -6.13, Lon: 106.16, HasLocation: true, Fields: []string{"mtk"}},
			{Code: "R2", Cadre: "guru", Actual: 2, Required: 2, Lat: -6.14, Lon: 106.15, HasLocation: true},
		},
		Staff: []PlanStaff{{NIP: "198001152005011001", Name: "Ani", Cadre: "guru", Unit: "S1", Field: "mtk",
			BirthDate: date(1980, 1, 15), PostStart: date(2020, 1, 1), RetirementAge: 60}},
	}
}

func TestSolvePlanRules(t *testing.T) {
	const nip = "198001152005011001"
	tests := []struct {
		name       string
		change     func(p *PlanProblem)
		moves      map[string]string // NIP -> destination
		ineligible IneligibleCounts
		training   bool
	}{
		{"eligible", func(p *PlanProblem) {}, map[string]string{nip: "R1"}, IneligibleCounts{}, false},
		{"tenure exactly two years", func(p *PlanProblem) { p.Staff[0].PostStart = date(2024, 1, 1) },
			map[string]string{nip: "R1"}, IneligibleCounts{}, false},
		{"tenure a day short", func(p *PlanProblem) { p.Staff[0].PostStart = date(2024, 1, 2) },
			map[string]string{}, IneligibleCounts{Tenure: 1}, false},
		{"retires within 12 months", func(p *PlanProblem) {
			p.Staff[0].BirthDate, p.Staff[0].RetirementAge = date(1968, 6, 10), 58 // BUP end of June 2026
		}, map[string]string{}, IneligibleCounts{Retiring: 1}, false},
		{"retires just after 12 months", func(p *PlanProblem) {
			p.Staff[0].BirthDate, p.Staff[0].RetirementAge = date(1969, 1, 10), 58 // BUP 31 January 2027
		}, map[string]string{nip: "R1"}, IneligibleCounts{}, false},
		{"birth date read from the NIP", func(p *PlanProblem) {
			p.Staff[0].NIP, p.Staff[0].BirthDate, p.Staff[0].RetirementAge = "196806102005011001", time.Time{}, 58
		}, map[string]string{}, IneligibleCounts{Retiring: 1}, false},
		{"locked", func(p *PlanProblem) { p.Staff[0].Locked = true }, map[string]string{}, IneligibleCounts{Locked: 1}, false},
		{"field required and not met", func(p *PlanProblem) {
			p.Staff[0].Field = "ipa"
			p.Units[1].FieldRequired = true
		}, map[string]string{}, IneligibleCounts{Field: 1}, false},
		{"field not required: move with training", func(p *PlanProblem) { p.Staff[0].Field = "ipa" },
			map[string]string{nip: "R1"}, IneligibleCounts{}, true},
		{"beyond the maximum distance", func(p *PlanProblem) {
			p.Rules.MaxDistanceKm = 1
		}, map[string]string{}, IneligibleCounts{Distance: 1}, false},
		{"home decides the distance", func(p *PlanProblem) {
			p.Rules.MaxDistanceKm = 1
			p.Staff[0].HomeLat, p.Staff[0].HomeLon, p.Staff[0].HasHome = -6.131, 106.161, true
		}, map[string]string{nip: "R1"}, IneligibleCounts{}, false},
		{"forbidden destination", func(p *PlanProblem) { p.Forbidden = []Move{{NIP: nip, To: "R1"}} },
			map[string]string{}, IneligibleCounts{Removed: 1}, false},
		{"forbidden to move at all", func(p *PlanProblem) { p.Forbidden = []Move{{NIP: nip}} },
			map[string]string{}, IneligibleCounts{Removed: 1}, false},
		{"fixed move wherever the planner says", func(p *PlanProblem) {
			p.Fixed = []Move{{NIP: nip, To: "R2", Manual: true}}
		}, map[string]string{nip: "R2"}, IneligibleCounts{}, false},
		{"floor keeps everyone", func(p *PlanProblem) { p.Units[0].Floor = 3 }, map[string]string{}, IneligibleCounts{}, false},
		{"no data, no move", func(p *PlanProblem) { p.Units[1].NoData = true }, map[string]string{}, IneligibleCounts{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := rulesWorld()
			tt.change(&p)
			res, err := SolvePlan(p)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, &p, &res)
			got := map[string]string{}
			for _, m := range res.Moves {
				got[m.NIP] = m.To
			}
			if !maps.Equal(got, tt.moves) {
				t.Errorf("moves %v, want %v", got, tt.moves)
			}
			if res.Cadres[0].Ineligible != tt.ineligible {
				t.Errorf("ineligible %+v, want %+v", res.Cadres[0].Ineligible, tt.ineligible)
			}
			if (len(res.Training) > 0) != tt.training {
				t.Errorf("training list %v, want training %v", res.Training, tt.training)
			}
		})
	}
}

// Filling more places comes before saving cost: Budi alone could take R1 cheaply, but then
// Citra, who can only go to R1, stays, and R2 stays short.
func TestSolvePlanPeopleBeforeCost(t *testing.T) {
	p := rulesWorld()
	p.Units[0].Actual = 4
	p.Units[2] = PlanUnit{Code: "R2", Cadre: "guru", Actual: 0, Required: 1, Lat: -6.30, Lon: 106.15, HasLocation: true}
	p.Units[1].Fields, p.Units[1].FieldRequired = []string{"mtk", "ipa"}, true
	p.Staff = []PlanStaff{
		{NIP: "198001152005011001", Cadre: "guru", Unit: "S1", Field: "mtk", PostStart: date(2015, 1, 1)},
		{NIP: "198101152005011002", Cadre: "guru", Unit: "S1", Field: "ipa", PostStart: date(2015, 1, 1),
			HomeLat: -6.25, HomeLon: 106.15, HasHome: true},
	}
	p.Units[2].Fields, p.Units[2].FieldRequired = []string{"mtk"}, true
	res, err := SolvePlan(p)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, &p, &res)
	if len(res.Moves) != 2 || res.Moves[0].To != "R1" || res.Moves[0].NIP != "198101152005011002" {
		t.Fatalf("moves %+v, want both placed, the ipa teacher to R1", res.Moves)
	}
}

// The Cipocok Jaya story: two schools in Cipocok Jaya have more teachers than pupils need, a
// school next to them and one across Kota Serang are short. Teachers move to the near school,
// nobody goes below need, and what cannot be filled is hiring need.
func TestSolvePlanCipocokJaya(t *testing.T) {
	at := date(2026, 7, 1)
	p := PlanProblem{Rules: DefaultPlanRules(at), Units: []PlanUnit{
		{Code: "SDN-CJ1", Name: "SDN Cipocok Jaya 1", Cadre: "guru", Actual: 14, Required: 12.2, Lat: -6.137, Lon: 106.172, HasLocation: true},
		{Code: "SDN-CJ2", Name: "SDN Cipocok Jaya 2", Cadre: "guru", Actual: 11, Required: 10.4, Lat: -6.142, Lon: 106.180, HasLocation: true},
		{Code: "SDN-BA", Name: "SDN Banjar Agung", Cadre: "guru", Actual: 6, Required: 8.6, Lat: -6.146, Lon: 106.175, HasLocation: true},
		{Code: "SDN-KS", Name: "SDN Kasemen", Cadre: "guru", Actual: 9, Required: 11.0, Lat: -6.040, Lon: 106.180, HasLocation: true},
	}}
	add := func(unit string, n int, lat, lon float64) {
		for i := range n {
			p.Staff = append(p.Staff, PlanStaff{NIP: "19850101201001" + unit[len(unit)-1:] + "1" + string(rune('0'+i/10)) + string(rune('0'+i%10)),
				Cadre: "guru", Unit: unit, PostStart: date(2018, 1, 1), HomeLat: lat + float64(i)*0.001, HomeLon: lon, HasHome: true})
		}
	}
	add("SDN-CJ1", 14, -6.138, 106.171)
	add("SDN-CJ2", 11, -6.141, 106.181)
	res, err := SolvePlan(p)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, &p, &res)
	to := map[string]int{}
	from := map[string]int{}
	for _, m := range res.Moves {
		to[m.To]++
		from[m.From]++
	}
	// CJ1 may give 14-12 = 2, CJ2 11-10 = 1; Banjar Agung needs 3, Kasemen 2: the three go to
	// Banjar Agung, next door, and Kasemen, 11 km away, waits for hiring.
	if to["SDN-BA"] != 3 || to["SDN-KS"] != 0 || from["SDN-CJ1"] != 2 || from["SDN-CJ2"] != 1 {
		t.Fatalf("moves to %v from %v, want 3 to Banjar Agung from CJ1 (2) and CJ2 (1)", to, from)
	}
	if len(res.Hiring) != 1 || res.Hiring[0].Unit != "SDN-KS" || res.Hiring[0].People != 2 {
		t.Fatalf("hiring %+v, want 2 at SDN Kasemen", res.Hiring)
	}
	for _, pc := range res.Positions {
		if pc.After.Actual < RoundStaff(pc.Required) && pc.Departures > 0 {
			t.Errorf("%s emptied below need: %+v", pc.Code, pc)
		}
	}
	c := res.Cadres[0]
	if c.Before.ShortagePeople != 5 || c.After.ShortagePeople != 2 || *c.After.Imbalance >= *c.Before.Imbalance {
		t.Errorf("cadre before %+v after %+v: want shortage 5 -> 2 and less imbalance", c.Before, c.After)
	}
}

func TestSolvePlanRejectsBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *PlanProblem)
	}{
		{"unit twice", func(p *PlanProblem) { p.Units = append(p.Units, p.Units[0]) }},
		{"staff twice", func(p *PlanProblem) { p.Staff = append(p.Staff, p.Staff[0]) }},
		{"staff in an unknown unit", func(p *PlanProblem) { p.Staff[0].Unit = "X" }},
		{"fixed move of unknown staff", func(p *PlanProblem) { p.Fixed = []Move{{NIP: "1", To: "R1"}} }},
		{"fixed move to an unknown unit", func(p *PlanProblem) { p.Fixed = []Move{{NIP: p.Staff[0].NIP, To: "X"}} }},
		{"negative cost per km", func(p *PlanProblem) { p.Rules.CostPerKm = -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := rulesWorld()
			tt.change(&p)
			if _, err := SolvePlan(p); err == nil {
				t.Fatal("want an error")
			}
		})
	}
}

func TestRetirementDate(t *testing.T) {
	tests := []struct {
		staff PlanStaff
		want  time.Time
		ok    bool
	}{
		{PlanStaff{BirthDate: date(1970, 3, 9), RetirementAge: 58}, date(2028, 3, 31), true},
		{PlanStaff{BirthDate: date(1970, 12, 31), RetirementAge: 60}, date(2030, 12, 31), true},
		{PlanStaff{BirthDate: date(1972, 2, 29)}, date(2030, 2, 28), true}, // default 58
		{PlanStaff{NIP: "197001092005011001", RetirementAge: 60}, date(2030, 1, 31), true},
		{PlanStaff{NIP: "123"}, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.staff.RetirementDate()
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("%+v: got %v %v, want %v %v", tt.staff, got, ok, tt.want, tt.ok)
		}
	}
}
