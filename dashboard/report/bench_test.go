package report

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/demo"
)

// BenchmarkReportProvince builds the report of the whole province-scale demo (about 20,000
// units) and writes it in each format, reporting seconds per step (issue 6: "in seconds").
func BenchmarkReportProvince(b *testing.B) {
	ctx := context.Background()
	store, err := data.Open(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = store.Close() }()
	if _, err := demo.Generate(ctx, store, demo.Options{Scale: demo.ScaleProvince, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	an := analytics.New(store)
	if err := an.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	rd := an.For(analytics.Scope{})
	b.ResetTimer()
	var build, xlsx, pdf, csv time.Duration
	var units int
	for i := 0; i < b.N; i++ {
		start := time.Now()
		rep, err := Build(ctx, rd, Request{Lang: "id", By: "bench", At: time.Now()})
		if err != nil {
			b.Fatal(err)
		}
		build += time.Since(start)
		units = len(rep.Units) + len(rep.NoData)
		for _, w := range []struct {
			d     *time.Duration
			write func() error
		}{
			{&xlsx, func() error { return WriteXLSX(io.Discard, rep) }},
			{&pdf, func() error { return WritePDF(io.Discard, rep) }},
			{&csv, func() error { return WriteCSV(io.Discard, rep, CSVOptions{Sep: ';', BOM: true}) }},
		} {
			start := time.Now()
			if err := w.write(); err != nil {
				b.Fatal(err)
			}
			*w.d += time.Since(start)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(units), "unit_rows")
	b.ReportMetric(build.Seconds()/n, "build_s")
	b.ReportMetric(xlsx.Seconds()/n, "xlsx_s")
	b.ReportMetric(pdf.Seconds()/n, "pdf_s")
	b.ReportMetric(csv.Seconds()/n, "csv_s")
}
