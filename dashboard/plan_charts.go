package dashboard

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/timbang/timbang/analytics"
)

// The after-plan series are drawn in the lighter Okabe-Ito tone of their before colour.
const (
	shortageAfterColour = "#F0E442"
	surplusAfterColour  = "#56B4E9"
)

// planCharts are the plan page's before/after charts, side by side: shortage and surplus in
// people per cadre, and the statuses of the positions the plan changes.
func planCharts(res analytics.PlanResult, names map[string]string, l Locale) ([]Chart, error) {
	people, err := planPeopleChart(res, names, l)
	if err != nil {
		return nil, err
	}
	statuses, err := planStatusChart(res, l)
	if err != nil {
		return nil, err
	}
	return []Chart{people, statuses}, nil
}

func planPeopleChart(res analytics.PlanResult, names map[string]string, l Locale) (Chart, error) {
	cadres := make([]string, len(res.Cadres))
	series := [4][]opts.BarData{}
	for i, cp := range res.Cadres {
		cadres[i] = names[cp.Cadre]
		if cadres[i] == "" {
			cadres[i] = cp.Cadre
		}
		series[0] = append(series[0], opts.BarData{Value: cp.Before.ShortagePeople})
		series[1] = append(series[1], opts.BarData{Value: cp.After.ShortagePeople})
		series[2] = append(series[2], opts.BarData{Value: cp.Before.SurplusPeople})
		series[3] = append(series[3], opts.BarData{Value: cp.After.SurplusPeople})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOptions(l),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "3%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: mustT(l, "chart.people")}),
	)...)
	bar.SetXAxis(cadres)
	colours := []string{statusColours[analytics.SevereShortage], shortageAfterColour, statusColours[analytics.Surplus], surplusAfterColour}
	keys := []string{"plan.shortage_before", "plan.shortage_after", "plan.surplus_before", "plan.surplus_after"}
	for i := range series {
		bar.AddSeries(mustT(l, keys[i]), series[i], charts.WithItemStyleOpts(opts.ItemStyle{Color: colours[i]}))
	}
	title := mustT(l, "plan.chart_people")
	return newChart("plan-people", title, title, bar, nil, "int", l.Lang)
}

func planStatusChart(res analytics.PlanResult, l Locale) (Chart, error) {
	var before, after analytics.Counts
	for _, pc := range res.Positions {
		before.Add(pc.Before.Status)
		after.Add(pc.After.Status)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOptions(l),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "3%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: mustT(l, "chart.positions")}),
	)...)
	bar.SetXAxis([]string{mustT(l, "plan.before"), mustT(l, "plan.after")})
	for _, st := range []analytics.Status{analytics.SevereShortage, analytics.Shortage, analytics.Balanced, analytics.Surplus} {
		bar.AddSeries(l.StatusLabel(st), []opts.BarData{{Value: before.Of(st)}, {Value: after.Of(st)}},
			charts.WithBarChartOpts(opts.BarChart{Stack: "status"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColours[st]}))
	}
	title := mustT(l, "plan.chart_status")
	return newChart("plan-status", title, title, bar, nil, "int", l.Lang)
}
