package dashboard

import (
	"database/sql"

	"github.com/timbang/timbang/analytics"
)

// Calculation is a unit's need in one cadre written out step by step, so a head can redo it
// on paper and trust the status.
type Calculation struct {
	Method       string
	MethodName   string
	Source       string
	WorkloadUnit string // what the history chart's workload axis counts
	Steps        []CalcStep
	Status       analytics.Status
	HasData      bool
	HasNorm      bool
}

// CalcStep is one line: what is computed, how, and the result.
type CalcStep struct {
	Label, Formula, Value string
	Result                bool // a headline figure
}

// explain turns an analytics.Explanation into display lines in the reader's language.
func explain(l Locale, e analytics.Explanation) Calculation {
	en := l.Lang == LangEN
	pick := func(pair [2]string) string {
		if en {
			return pair[1]
		}
		return pair[0]
	}
	c := Calculation{Method: e.Method, MethodName: mustT(l, "method."+e.Method), Source: e.Source, Status: e.Status,
		HasData: e.HasData, HasNorm: e.Method != ""}
	tf := func(key string, args ...any) string {
		s, err := l.Tf(key, args...)
		if err != nil {
			return key
		}
		return s
	}
	add := func(label, formula, value string, result bool) {
		c.Steps = append(c.Steps, CalcStep{Label: label, Formula: formula, Value: value, Result: result})
	}
	hoursYear := "jam/tahun"
	if en {
		hoursYear = "hours/year"
	}
	switch e.Method {
	case "ratio":
		c.WorkloadUnit = pick(e.IndicatorUnit)
		add(tf("calc.workload", pick(e.IndicatorName)), "", l.Dec(e.IndicatorValue, 0)+" "+pick(e.IndicatorUnit), false)
		add(mustT(l, "calc.per_staff"), "", l.Dec(e.PerStaff, 0)+" "+pick(e.IndicatorUnit), false)
		add(mustT(l, "calc.required"), l.Dec(e.IndicatorValue, 0)+" ÷ "+l.Dec(e.PerStaff, 0), l.Dec(e.Required, 2), true)
	case "wisn":
		c.WorkloadUnit = hoursYear
		w := e.WISN
		if w == nil {
			break
		}
		add(mustT(l, "calc.awt"), "", l.Dec(w.AWTHours, 1)+" h = "+l.Dec(w.AWTHours*60, 0)+" min", false)
		for _, a := range w.Activities {
			name := a.NameID
			if en {
				name = a.NameEN
			}
			add(name, tf("calc.activity", name, l.Dec(a.AnnualVolume, 0), l.Dec(a.Minutes, 0), l.Dec(w.AWTHours*60, 0)),
				l.Dec(a.Staff, 2), false)
		}
		add(mustT(l, "calc.baseline"), "", l.Dec(w.Baseline, 2), false)
		add(tf("calc.caf", l.Pct(w.CategoryShare)), "", l.Dec(w.CAF, 4), false)
		add(tf("calc.iaf", l.Dec(w.IndividualHours, 0), l.Dec(w.AWTHours, 1)), "", l.Dec(w.IAF, 4), false)
		add(mustT(l, "calc.wisn_required"), l.Dec(w.Baseline, 4)+" × "+l.Dec(w.CAF, 4)+" + "+l.Dec(w.IAF, 4),
			l.Dec(e.Required, 2), true)
	case "abk":
		c.WorkloadUnit = hoursYear
		a := e.ABK
		if a == nil {
			break
		}
		for _, t := range a.Tasks {
			name := t.NameID
			if en {
				name = t.NameEN
			}
			add(name, tf("calc.task", name, l.Dec(t.AnnualVolume, 0), l.Dec(t.Minutes, 0)), l.Dec(t.AnnualVolume*t.Minutes, 0), false)
		}
		add(mustT(l, "calc.total_minutes"), "", l.Dec(a.WorkloadMinutes, 0), false)
		add(tf("calc.stp", l.Pct(a.SupportShare)), "", l.Dec(a.STP, 4), false)
		add(mustT(l, "calc.effective"), "", l.Dec(a.EffectiveHours, 0)+" h", false)
		add(mustT(l, "calc.abk_required"),
			l.Dec(a.WorkloadMinutes, 0)+" × "+l.Dec(a.STP, 4)+" ÷ ("+l.Dec(a.EffectiveHours, 0)+" × 60)", l.Dec(e.Required, 2), true)
	}
	if !e.HasData {
		add(mustT(l, "calc.actual"), "", l.Int(e.Actual), false)
		return c
	}
	add(mustT(l, "calc.rounded"), "", l.Int(e.RequiredRounded), false)
	add(mustT(l, "calc.actual"), "", l.Int(e.Actual), false)
	if e.Required > 0 {
		add(mustT(l, "calc.ratio"), l.Int(e.Actual)+" ÷ "+l.Dec(e.Required, 2), l.Dec(e.Ratio, 2), true)
	}
	add(mustT(l, "calc.difference"), l.Int(e.Actual)+" − "+l.Dec(e.Required, 2), l.Signed(sql.NullFloat64{Float64: float64(e.Actual) - e.Required, Valid: true}, 2), false)
	if e.Actual > 0 {
		add(mustT(l, "calc.ej"), l.Dec(e.Required, 2)+" ÷ "+l.Int(e.Actual), l.Dec(e.EJ, 2)+" ("+e.Grade+")", false)
	}
	add(tf("calc.status", l.Dec(e.Bands.SevereBelow, 2), l.Dec(e.Bands.ShortageBelow, 2), l.Dec(e.Bands.SurplusAbove, 2)), "",
		l.StatusIcon(e.Status)+" "+l.StatusLabel(e.Status), true)
	return c
}
