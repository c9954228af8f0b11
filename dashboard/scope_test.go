package dashboard

import (
	"context"
	"reflect"
	"testing"

	"github.com/timbang/timbang/analytics"
)

// TestTableFromChartRows: region and agency pages cut the first pages of their table in the
// default order from the chart's lowest rows; those are the rows and total the table's own
// read returns.
func TestTableFromChartRows(t *testing.T) {
	srv, _ := testServer(t)
	ctx := context.Background()
	rd := srv.an.For(analytics.Scope{})
	periods, err := srv.an.Periods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	secondPages := 0
	for _, f := range []analytics.Filter{{}, {Region: "36.73"}, {Agency: "36.73-disdik"}, {Region: "36.73.05", Cadre: "guru"}, {Agency: "36.73-dinkes", Region: "36.73"}} {
		f.Period = periods[len(periods)-1]
		chart, err := rd.Units(ctx, f, analytics.SortRatio, chartUnits, 0, "id")
		if err != nil {
			t.Fatal(err)
		}
		if chart.Total > pageSize {
			secondPages++
		}
		for page := 1; page*pageSize <= chartUnits; page++ {
			want, err := rd.Units(ctx, f, analytics.SortRatio, pageSize, (page-1)*pageSize, "id")
			if err != nil {
				t.Fatal(err)
			}
			start := min((page-1)*pageSize, len(chart.Rows))
			got := chart.Rows[start:min(start+pageSize, len(chart.Rows))]
			if len(want.Rows) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want.Rows) || chart.Total != want.Total {
				t.Errorf("%+v page %d: cut from the chart's rows differs from the page read (total %d, %d)", f, page, chart.Total, want.Total)
			}
		}
	}
	if secondPages < 2 {
		t.Errorf("only %d filters had a second page", secondPages)
	}
}
