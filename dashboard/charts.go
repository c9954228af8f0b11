package dashboard

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/timbang/timbang/analytics"
)

// statusColours is the Okabe-Ito palette, safe for the common colour-vision deficiencies.
// Charts also draw decal patterns and every status is written out in tooltips and tables.
var statusColours = map[analytics.Status]string{
	analytics.SevereShortage: "#D55E00",
	analytics.Shortage:       "#E69F00",
	analytics.Balanced:       "#009E73",
	analytics.Surplus:        "#0072B2",
	analytics.NoData:         "#999999",
}

// Chart is one chart of a page: a container the template draws and the JSON app.js reads.
type Chart struct {
	ID      string
	Title   string
	Label   string // aria-label: what the chart shows, for screen readers
	Tall    bool
	Payload template.JS
}

// DataID is the id of the chart's JSON block.
func (c Chart) DataID() string { return c.ID + "-data" }

// chartPayload is the JSON contract with app.js (see static/app.js).
type chartPayload struct {
	Option map[string]any `json:"option"`
	Links  any            `json:"links,omitempty"`
	Format string         `json:"format,omitempty"`
	Lang   Lang           `json:"lang"`
}

type optioner interface {
	Validate()
	JSON() map[string]interface{}
}

// newChart serialises a go-echarts chart. encoding/json escapes <, > and &, so the payload is
// safe inside a <script type="application/json"> block.
func newChart(id, title, label string, c optioner, links any, format string, lang Lang) (Chart, error) {
	c.Validate()
	b, err := json.Marshal(chartPayload{Option: c.JSON(), Links: links, Format: format, Lang: lang})
	if err != nil {
		return Chart{}, fmt.Errorf("chart %s: %w", id, err)
	}
	return Chart{ID: id, Title: title, Label: label, Payload: template.JS(b)}, nil
}

func baseOptions(l Locale) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Decal: &opts.AriaDecal{Show: opts.Bool(true)}}),
		charts.WithInitializationOpts(opts.Initialization{BackgroundColor: "transparent"}),
	}
}

func mustT(l Locale, key string) string {
	s, err := l.T(key)
	if err != nil {
		return key
	}
	return s
}

// gapChart draws shortage and surplus in people per group as horizontal bars, the group with
// the largest shortage on top; clicking a bar opens the group.
func gapChart(id, titleKey string, groups []analytics.Group, link func(analytics.Group) string, l Locale) (Chart, error) {
	const most = 15
	if len(groups) > most {
		groups = groups[:most]
	}
	names := make([]string, len(groups))
	short := make([]opts.BarData, len(groups))
	surplus := make([]opts.BarData, len(groups))
	links := make([]string, len(groups))
	// ECharts draws the first category at the bottom: reverse so the largest shortage is on top.
	for i, g := range groups {
		j := len(groups) - 1 - i
		names[j] = g.Name
		short[j] = opts.BarData{Name: g.Name, Value: g.ShortagePeople}
		surplus[j] = opts.BarData{Name: g.Name, Value: g.SurplusPeople}
		links[j] = link(g)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOptions(l),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: mustT(l, "chart.people"), NameLocation: "middle", NameGap: 25}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", AxisLabel: &opts.AxisLabel{Width: 180, Overflow: "truncate"}}),
	)...)
	bar.SetXAxis(names)
	bar.AddSeries(mustT(l, "status.shortage"), short,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColours[analytics.SevereShortage]}))
	bar.AddSeries(mustT(l, "status.surplus"), surplus,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColours[analytics.Surplus]}))
	bar.XYReversal()
	title := mustT(l, titleKey)
	c, err := newChart(id, title, title, bar, map[string][]string{"0": links, "1": links}, "int", l.Lang)
	c.Tall = len(groups) > 8
	return c, err
}

// distributionChart stacks positions per ratio bin by status.
func distributionChart(id string, bins []analytics.Bin, l Locale) (Chart, error) {
	labels := make([]string, len(bins))
	for i, b := range bins {
		if i == len(bins)-1 {
			labels[i] = "≥ " + l.Dec(b.Lower, 1)
		} else {
			labels[i] = l.Dec(b.Lower, 1) + "–" + l.Dec(b.Lower+0.1, 1)
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOptions(l),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "3%", Bottom: "12%", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: mustT(l, "chart.distribution_x"),
			NameLocation: "middle", NameGap: 30}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: mustT(l, "chart.positions")}),
	)...)
	bar.SetXAxis(labels)
	for _, st := range []analytics.Status{analytics.SevereShortage, analytics.Shortage, analytics.Balanced, analytics.Surplus} {
		data := make([]opts.BarData, len(bins))
		for i, b := range bins {
			data[i] = opts.BarData{Value: b.Counts.Of(st)}
		}
		bar.AddSeries(l.StatusLabel(st), data, charts.WithBarChartOpts(opts.BarChart{Stack: "status"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColours[st]}))
	}
	title := mustT(l, "chart.distribution")
	return newChart(id, title, title, bar, nil, "int", l.Lang)
}

// trendChart shows the imbalance index and the shortage in people over the periods.
func trendChart(id string, points []analytics.TrendPoint, l Locale) (Chart, error) {
	labels := make([]string, len(points))
	gini := make([]opts.LineData, len(points))
	short := make([]opts.BarData, len(points))
	for i, p := range points {
		labels[i] = l.ShortPeriod(p.Period)
		var g any = nil
		if !math.IsNaN(p.Gini) {
			g = math.Round(p.Gini*1000) / 1000
		}
		gini[i] = opts.LineData{Value: g}
		short[i] = opts.BarData{Value: p.ShortagePeople}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOptions(l),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "3%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: mustT(l, "status.shortage") + " (" + mustT(l, "card.people") + ")", NameLocation: "middle", NameGap: 45}),
	)...)
	bar.SetXAxis(labels)
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: "Gini", Min: 0, Position: "right"})
	bar.AddSeries(mustT(l, "status.shortage"), short,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColours[analytics.SevereShortage], Opacity: opts.Float(0.55)}))
	line := charts.NewLine()
	line.AddSeries(mustT(l, "chart.gini"), gini, charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#332288"}), charts.WithLineStyleOpts(opts.LineStyle{Width: 3}))
	bar.Overlap(line)
	title := mustT(l, "chart.trend")
	return newChart(id, title, title, bar, nil, "", l.Lang)
}

// unitsChart draws units sorted by ratio, each bar in its status colour, with the norm (ratio
// 1.0) as a line; clicking a bar opens the unit.
func unitsChart(id string, rows []analytics.UnitRow, l Locale) (Chart, error) {
	names := make([]string, len(rows))
	data := make([]opts.BarData, len(rows))
	links := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
		if r.Cadre != "" {
			names[i] += " · " + r.CadreName
		}
		v := 0.0
		if r.Ratio.Valid {
			v = math.Round(r.Ratio.Float64*100) / 100
		}
		data[i] = opts.BarData{Name: names[i] + " — " + l.StatusLabel(r.Status), Value: v,
			ItemStyle: &opts.ItemStyle{Color: statusColours[r.Status]}}
		links[i] = "/unit/" + r.Code
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOptions(l),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "3%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: opts.Bool(false)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: mustT(l, "chart.ratio")}),
	)...)
	bar.SetXAxis(names)
	bar.AddSeries(mustT(l, "chart.ratio"), data,
		charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: mustT(l, "chart.norm"), YAxis: 1}),
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
			LineStyle: &opts.LineStyle{Color: "#000000", Type: "dashed", Width: 2}}))
	title := mustT(l, "chart.units_by_ratio")
	return newChart(id, title, title, bar, links, "ratio", l.Lang)
}

// cadreChart stacks positions by status per cadre; clicking narrows the page to the cadre.
func cadreChart(id string, groups []analytics.Group, link func(analytics.Group) string, l Locale) (Chart, error) {
	names := make([]string, len(groups))
	links := make([]string, len(groups))
	for i, g := range groups {
		names[i] = g.Name
		links[i] = link(g)
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOptions(l),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: mustT(l, "chart.positions"), NameLocation: "middle", NameGap: 25}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category"}),
	)...)
	bar.SetXAxis(names)
	linkMap := map[string][]string{}
	for i, st := range analytics.Statuses {
		data := make([]opts.BarData, len(groups))
		for j, g := range groups {
			data[j] = opts.BarData{Value: g.Counts.Of(st)}
		}
		bar.AddSeries(l.StatusLabel(st), data, charts.WithBarChartOpts(opts.BarChart{Stack: "status"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColours[st]}))
		linkMap[fmt.Sprint(i)] = links
	}
	bar.XYReversal()
	title := mustT(l, "chart.by_cadre")
	return newChart(id, title, title, bar, linkMap, "int", l.Lang)
}

// historyChart shows one cadre of a unit over the periods: workload as bars, the ratio as a
// line with the status bands marked.
func historyChart(id, cadreName, workloadUnit string, h analytics.CadreHistory, bands analytics.Bands, l Locale) (Chart, error) {
	labels := make([]string, len(h.Points))
	workload := make([]opts.BarData, len(h.Points))
	ratio := make([]opts.LineData, len(h.Points))
	for i, p := range h.Points {
		labels[i] = l.ShortPeriod(p.Period)
		var w, r any
		if p.Workload.Valid {
			w = math.Round(p.Workload.Float64*10) / 10
		}
		if p.Ratio.Valid {
			r = math.Round(p.Ratio.Float64*100) / 100
		}
		workload[i] = opts.BarData{Value: w}
		ratio[i] = opts.LineData{Value: r}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(baseOptions(l),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "3%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: mustT(l, "chart.workload") + " (" + workloadUnit + ")", NameLocation: "middle", NameGap: 50}),
	)...)
	bar.SetXAxis(labels)
	// The ratio axis always reaches past the surplus band, so the band lines stay in view.
	top := bands.SurplusAbove + 0.1
	for _, p := range h.Points {
		if p.Ratio.Valid {
			top = math.Max(top, p.Ratio.Float64)
		}
	}
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: mustT(l, "chart.ratio"), Min: 0, Max: math.Ceil(top*10) / 10, Position: "right"})
	bar.AddSeries(mustT(l, "chart.workload"), workload, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#88CCEE"}))
	line := charts.NewLine()
	line.AddSeries(mustT(l, "chart.ratio"), ratio, charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#332288"}), charts.WithLineStyleOpts(opts.LineStyle{Width: 3}),
		charts.WithMarkLineNameYAxisItemOpts(
			opts.MarkLineNameYAxisItem{Name: l.StatusLabel(analytics.SevereShortage), YAxis: bands.SevereBelow},
			opts.MarkLineNameYAxisItem{Name: l.StatusLabel(analytics.Shortage), YAxis: bands.ShortageBelow},
			opts.MarkLineNameYAxisItem{Name: mustT(l, "chart.norm"), YAxis: 1},
			opts.MarkLineNameYAxisItem{Name: l.StatusLabel(analytics.Surplus), YAxis: bands.SurplusAbove}),
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
			LineStyle: &opts.LineStyle{Color: "#555555", Type: "dotted"}}))
	bar.Overlap(line)
	title := mustT(l, "chart.history") + " — " + cadreName
	return newChart(id, title, title, bar, nil, "", l.Lang)
}
