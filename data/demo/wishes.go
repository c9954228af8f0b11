package demo

import (
	"math/rand/v2"

	"github.com/timbang/timbang/data"
)

// wishShare is the share of staff who state where they would like to work: the Sorong story's
// consultation reaches some, not all.
const wishShare = 0.08

// wishes draws the staff_preferences of one regency: a person who states wishes names one to
// three other units of their unit's type in the same district, first choice first. The draws
// use their own random stream, so adding them changed no other demo table.
type wishes struct {
	units  []unit
	nearby map[[2]any][]int // (district, unit type) -> unit indices
	rng    *rand.Rand
	rows   [][3]any // nip, unit code, rank
}

func newWishes(units []unit, seed uint64) *wishes {
	w := &wishes{units: units, nearby: map[[2]any][]int{}}
	if len(units) > 0 {
		w.rng = newRand(seed, "wishes", units[0].code)
	}
	for i, u := range units {
		k := [2]any{u.district, u.unitType}
		w.nearby[k] = append(w.nearby[k], i)
	}
	return w
}

// draw decides the wishes of the person nip who works at units[at].
func (w *wishes) draw(nip string, at int) {
	if w.rng.Float64() >= wishShare {
		return
	}
	u := w.units[at]
	others := w.nearby[[2]any{u.district, u.unitType}]
	want := 1 + w.rng.IntN(3)
	rank := 1
	for _, j := range w.rng.Perm(len(others)) {
		if rank > want {
			break
		}
		if others[j] == at {
			continue
		}
		w.rows = append(w.rows, [3]any{nip, w.units[others[j]].code, rank})
		rank++
	}
}

func (w *wishes) append(add data.AppendFunc) error {
	for _, r := range w.rows {
		if err := add(r[0], r[1], r[2]); err != nil {
			return err
		}
	}
	return nil
}
