package demo

import (
	"fmt"
	"time"
)

// nipRegistry hands out NIPs: birth date YYYYMMDD, appointment YYYYMM, sex digit and a 3-digit
// sequence that numbers people sharing the first 15 digits, as BKN does. It keeps one small
// counter per 15-digit prefix (about 100 MB at national scale), not the staff rows themselves.
type nipRegistry struct {
	next map[uint64]uint16
}

func newNIPRegistry() *nipRegistry { return &nipRegistry{next: map[uint64]uint16{}} }

// assign returns the next free NIP for the birth date, appointment month and sex.
func (r *nipRegistry) assign(birth, appointed time.Time, sex int) (string, error) {
	if sex != male && sex != female {
		return "", fmt.Errorf("nip: sex digit %d, want 1 or 2", sex)
	}
	prefix := uint64(birth.Year())*1e11 + uint64(birth.Month())*1e9 + uint64(birth.Day())*1e7 +
		uint64(appointed.Year())*1e3 + uint64(appointed.Month())*10 + uint64(sex)
	n := r.next[prefix] + 1
	if n > 999 {
		return "", fmt.Errorf("nip: more than 999 staff born %s, appointed %s, sex %d",
			birth.Format(time.DateOnly), appointed.Format("2006-01"), sex)
	}
	r.next[prefix] = n
	return fmt.Sprintf("%015d%03d", prefix, n), nil
}
