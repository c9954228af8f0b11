package analytics

import "time"

// PastMove is one completed transfer (mutasi) of a person.
type PastMove struct {
	On   time.Time // the date it took effect
	From string    // the unit left
}

// UnitAt is the unit a person counts in at the end of period, and whether they count at all
// yet. current and postStart come from the staff register, moves are the person's transfers
// oldest first. A person counts in a unit from the month they entered it: before a move in the
// unit it left, since the move before; before the first move since postStart when that is
// earlier, else since before the records begin; after the last move (or never moving, since
// postStart) in the current unit. The SQL of refresh_unit_stats.sql does the same for everyone
// at once; tests hold the two together.
func UnitAt(period time.Time, current string, postStart time.Time, moves []PastMove) (string, bool) {
	for i, m := range moves {
		if monthOf(m.On).After(period) {
			if i > 0 || !postStart.Before(moves[0].On) {
				return m.From, true
			}
			return m.From, !monthOf(postStart).After(period)
		}
	}
	if len(moves) > 0 {
		return current, true
	}
	return current, !monthOf(postStart).After(period)
}

func monthOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location())
}
