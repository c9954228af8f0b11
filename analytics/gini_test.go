package analytics

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortByEJ holds the radix sort to slices.Sort, with ties, zeros and negative values
// (which EJ never has, but the key must still order them).
func TestSortByEJ(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 7, 1000, 100000} {
		rows := make([]giniRow, n)
		for i := range rows {
			switch r.IntN(4) {
			case 0:
				rows[i].ej = float64(r.IntN(5)) // ties, and zeros
			case 1:
				rows[i].ej = -r.Float64() * 100
			default:
				rows[i].ej = r.Float64() * r.Float64() * 4
			}
			rows[i].cell = int32(i)
		}
		want := make([]float64, n)
		for i, row := range rows {
			want[i] = row.ej
		}
		slices.Sort(want)
		cells := make([]int32, n)
		for i, row := range rows {
			cells[i] = row.cell
		}
		got := sortByEJ(rows, make([]giniRow, n))
		gotCells := make([]int32, n)
		for i, row := range got {
			if row.ej != want[i] {
				t.Fatalf("n=%d: row %d has EJ %v, want %v", n, i, row.ej, want[i])
			}
			gotCells[i] = row.cell
		}
		slices.Sort(gotCells)
		if !slices.Equal(gotCells, cells) {
			t.Fatalf("n=%d: rows lost or duplicated", n)
		}
	}
}
