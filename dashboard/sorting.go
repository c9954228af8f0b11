package dashboard

import (
	"math"
	"sort"

	"github.com/timbang/timbang/analytics"
)

// sortRows orders rows merged from several queries the way the database ordered each one.
func sortRows(rows []analytics.UnitRow, order analytics.UnitSort) {
	key := func(r analytics.UnitRow) float64 {
		if r.Ratio.Valid {
			return r.Ratio.Float64
		}
		if order == analytics.SortRatioDesc {
			return math.Inf(1)
		}
		return math.Inf(-1)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if order == analytics.SortRatioDesc {
			return key(rows[i]) > key(rows[j])
		}
		return key(rows[i]) < key(rows[j])
	})
}
