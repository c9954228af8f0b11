package analytics

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkNationalOverviewReads runs the reads of a cold overview (a new region, cadre and
// period each time, as BenchmarkNationalLoad/cold in dashboard does) one after another, and
// reports the process's CPU time of each read per filter: which of them a cold overview
// spends its time on.
func BenchmarkNationalOverviewReads(b *testing.B) {
	s := New(nationalStore(b))
	ctx := context.Background()
	benchThreads(b, s.store)
	rd := s.For(Scope{})
	o, err := rd.Options(ctx, "id")
	if err != nil {
		b.Fatal(err)
	}
	var filters []Filter
	for i, p := range o.Periods {
		for j, r := range o.Regions {
			if r.Level > 2 || (i+j)%7 != 0 {
				continue
			}
			c := o.Cadres[(i+j)%len(o.Cadres)].Code
			filters = append(filters, Filter{Period: p, Region: r.Code, Cadre: c})
		}
	}
	filters = filters[:min(len(filters), 60)]
	reads := []struct {
		name string
		run  func(Filter) error
	}{
		{"summary", func(f Filter) error { _, err := rd.Summary(ctx, f); return err }},
		{"by_agency", func(f Filter) error { _, err := rd.Breakdown(ctx, f, ByAgency, 0, "id"); return err }},
		{"by_region", func(f Filter) error { _, err := rd.Breakdown(ctx, f, ByRegion, len(f.Region)/3+2, "id"); return err }},
		{"distribution", func(f Filter) error { _, err := rd.Distribution(ctx, f); return err }},
		{"trend", func(f Filter) error { _, err := rd.Trend(ctx, f); return err }},
		// the overview reads summary and trend in one read (SummaryTrend)
		{"summary_trend", func(f Filter) error { _, _, err := rd.SummaryTrend(ctx, f); return err }},
		// and the three of scope_stats in one read where it can (ScopeFigures)
		{"scope_figures", func(f Filter) error { _, err := rd.ScopeFigures(ctx, f, len(f.Region)/3+2, "id"); return err }},
		// the overview reads by_agency, distribution and its top lists in one read (Spread)
		{"spread", func(f Filter) error { _, err := rd.Spread(ctx, f, 10, "id"); return err }},
		// the overview page's reads: scope_figures and spread, or summary_trend and spread with
		// the breakdown by region added up there (Overview)
		{"overview", func(f Filter) error { _, err := rd.Overview(ctx, f, len(f.Region)/3+2, 10, "id"); return err }},
	}
	for _, r := range reads {
		b.Run(r.name, func(b *testing.B) {
			for range b.N {
				cpu, start := cpuTime(), time.Now()
				for _, f := range filters {
					if err := r.run(f); err != nil {
						b.Fatal(fmt.Errorf("%v: %w", f, err))
					}
				}
				n := float64(len(filters))
				b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/n, "cpu_ms/read")
				b.ReportMetric(float64(time.Since(start).Microseconds())/1000/n, "ms/read")
			}
		})
	}
}
