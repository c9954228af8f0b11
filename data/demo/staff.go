package demo

import (
	"math"
	"math/rand/v2"
	"time"
)

// Careers are measured at the last demo month, so nobody in the dataset has passed retirement
// age by the end of the window.
var (
	refDate         = periodAt(nPeriods - 1)                              // 2026-10-01
	lastBefore      = firstPeriod.AddDate(0, 0, -1)                       // 2024-10-31, the day before the window
	settledFrom     = firstPeriod.AddDate(-12, 0, 0)                      // most posts started 2 to 12 years
	settledUntil    = firstPeriod.AddDate(-2, 0, 0)                       // before the window
	firstPPPKIntake = time.Date(2019, time.June, 1, 0, 0, 0, 0, time.UTC) // first PPPK appointments
)

// person is one generated staff member before the NIP is assigned.
type person struct {
	name, cadre         string
	sex                 int
	employment          string
	edu                 education
	rank                any // golongan, a PPPK grade, or nil
	birth, appointed    time.Time
	postStart           time.Time
	home                latLon
	performance, status string
}

// Shares by cadre: women among staff, and PPPK (contract) staff, whose intakes since 2019 were
// mostly teachers.
var (
	femaleShare = map[string]float64{"guru": 0.62, "dokter": 0.6, "perawat": 0.7, "bidan": 1, "pelaksana": 0.45}
	pppkShare   = map[string]float64{"guru": 0.24, "dokter": 0.12, "perawat": 0.18, "bidan": 0.18, "pelaksana": 0.10}
)

// SKP ratings: most staff are rated Baik.
var (
	ratings      = []string{"Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"}
	ratingShares = []float64{0.12, 0.66, 0.13, 0.07, 0.02}
)

func retirementAge(cadre string) int {
	if cadre == "guru" {
		return 60
	}
	return 58
}

// drawPerson makes one staff member of cadre at unit u. settled keeps everyone in post since
// before the window (the Cipocok Jaya teachers who did not grow with enrolment).
func drawPerson(rng *rand.Rand, u *unit, cadre, provCode string, settled bool) person {
	p := person{cadre: cadre, employment: "PNS", sex: male, status: "aktif"}
	// Primary-school teaching is even more female than teaching at large.
	if rng.Float64() < femaleShare[cadre] || (cadre == "guru" && u.unitType == "sd" && rng.Float64() < 0.25) {
		p.sex = female
	}
	p.edu = drawEducation(rng, cadre, u.unitType, christianProvince(provCode))

	// Age at the end of the window: mostly mid-career and older (the civil service is ageing),
	// 3% within a year of retirement.
	retire, youngest := float64(retirementAge(cadre)), float64(entryAge(p.edu)+2)
	age := youngest + (retire-1-youngest)*math.Pow((rng.Float64()+rng.Float64())/2, 0.8)
	if rng.Float64() < 0.03 {
		age = retire - 1 + between(rng, 0, 0.97)
	}
	p.birth = refDate.AddDate(0, 0, -int(age*365.25))
	entry := p.birth.AddDate(entryAge(p.edu), 0, 0) // never before age 20

	if rng.Float64() < pppkShare[cadre] {
		p.employment = "PPPK"
		p.appointed = monthOnOrAfter(randomDate(rng, later(entry, firstPPPKIntake), lastBefore))
	} else {
		// Most PNS were appointed within a few years of qualifying.
		years := min(rng.ExpFloat64()*3, 15)
		p.appointed = monthOnOrAfter(entry.AddDate(0, 0, int(years*365.25)))
		if p.appointed.After(lastBefore) {
			p.appointed = monthOnOrAfter(randomDate(rng, entry, lastBefore))
		}
	}

	// About 5% arrived during the window: they count in the unit from that month on.
	switch {
	case !settled && rng.Float64() < 0.05:
		p.postStart = periodAt(1+rng.IntN(nPeriods-1)).AddDate(0, 0, rng.IntN(28))
		if p.appointed.After(p.postStart) || rng.Float64() < 0.4 { // some are new hires
			p.appointed = firstOfMonth(p.postStart)
		}
	case p.employment == "PPPK":
		p.postStart = p.appointed // a contract is for one post
	case p.appointed.Before(settledFrom) && rng.Float64() < 0.1:
		p.postStart = p.appointed // never moved: long stays are what transfer rules target
	default:
		from, until := later(p.appointed, settledFrom), settledUntil
		if from.After(until) { // recent appointees are still in their first post
			until = lastBefore
		}
		p.postStart = randomDate(rng, from, until)
	}

	service := refDate.Sub(p.appointed).Hours() / 24 / 365.25
	switch {
	case p.employment == "PNS":
		p.rank = rankFor(rng, cadre, p.edu, service)
	case rng.Float64() < 0.9: // the rest have no grade recorded
		p.rank = pppkGrade(p.edu)
	}
	p.name = withTitles(personName(rng, poolFor(rng, provCode), p.sex), p.edu.before, p.edu.after)
	p.home = homeNear(rng, u.pos)
	p.performance = ratings[pick(rng, ratingShares)]
	switch x := rng.Float64(); {
	case x < 0.01:
		p.status = "cuti"
	case x < 0.02:
		p.status = "tugas_belajar"
	}
	return p
}

// randomDate is uniform over the days from lo to hi inclusive; lo when hi is earlier.
func randomDate(rng *rand.Rand, lo, hi time.Time) time.Time {
	days := int(hi.Sub(lo).Hours() / 24)
	if days <= 0 {
		return lo
	}
	return lo.AddDate(0, 0, rng.IntN(days+1))
}

func firstOfMonth(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// monthOnOrAfter is the first day of the month starting on or after t: an appointment month
// that never falls before the day it was allowed.
func monthOnOrAfter(t time.Time) time.Time {
	m := firstOfMonth(t)
	if m.Before(t) {
		m = m.AddDate(0, 1, 0)
	}
	return m
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
