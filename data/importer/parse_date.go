package importer

import (
	"strconv"
	"strings"
	"time"
)

// Date and month parsing, twins of tb_date and tb_month in queries/parse_macros.sql.

// Dates are limited to these years: a civil servant's birth, appointment and transfer dates all
// fall inside them, and anything outside is a typo (20224) or a misread serial.
const (
	minDateYear = 1900
	maxDateYear = 2100
)

// ParseDate reads a date (tb_date) as UTC midnight: d/m/yyyy, d-m-yyyy or d.m.yyyy (day first,
// one or two digits for day and month), yyyy-mm-dd or yyyy/mm/dd, or yyyy-mm-dd followed by a
// time of day and optional UTC offset as timestamps print ("2024-01-31 08:00:00+07"; the calendar
// date is kept as written). The year is four digits in 1900..2100 and the date must exist. With
// excel, a bare number ("45123", "45123.5") is an Excel 1900-system serial (1..73050, the
// fraction being the time of day); without excel a bare number is invalid.
func ParseDate(s string, excel bool) (time.Time, ValueStatus) {
	t := trimValue(s)
	if t == "" {
		return time.Time{}, ValueEmpty
	}
	d, ok := parseDate(t, excel)
	if !ok {
		return time.Time{}, ValueInvalid
	}
	return d, ValueValid
}

// parseDate decides by shape first, as tb__date's CASE does: the shapes do not overlap, and a
// value with a date's shape but no such date is invalid rather than tried as another form.
func parseDate(t string, excel bool) (time.Time, bool) {
	if y, m, d, ok := dayFirstDate(t); ok {
		return calendarDate(y, m, d)
	}
	if y, m, d, ok := yearFirstDate(t, "-/"); ok {
		return calendarDate(y, m, d)
	}
	if len(t) > 10 {
		if y, m, d, ok := yearFirstDate(t[:10], "-"); ok && isTimeSuffix(t[10:]) {
			if !timeSuffixInRange(t[10:]) {
				return time.Time{}, false
			}
			return calendarDate(y, m, d)
		}
	}
	if excel && isDigitsFraction(t, ".") {
		whole := t
		if i := strings.IndexByte(t, '.'); i >= 0 {
			whole = t[:i]
		}
		n, err := strconv.ParseInt(whole, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		return excelSerialDate(n)
	}
	return time.Time{}, false
}

// dayFirstDate matches d/m/yyyy, d-m-yyyy and d.m.yyyy, the separator the same both times.
func dayFirstDate(t string) (y, m, d int, ok bool) {
	d, rest, ok := leadingDigits(t, 1, 2)
	if !ok || rest == "" || strings.IndexByte("/-.", rest[0]) < 0 {
		return 0, 0, 0, false
	}
	sep := rest[0]
	m, rest, ok = leadingDigits(rest[1:], 1, 2)
	if !ok || rest == "" || rest[0] != sep {
		return 0, 0, 0, false
	}
	y, rest, ok = leadingDigits(rest[1:], 4, 4)
	if !ok || rest != "" {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// yearFirstDate matches exactly yyyy?mm?dd with one of seps used twice.
func yearFirstDate(t, seps string) (y, m, d int, ok bool) {
	if len(t) != 10 || t[4] != t[7] || strings.IndexByte(seps, t[4]) < 0 ||
		!allDigits(t[:4]) || !allDigits(t[5:7]) || !allDigits(t[8:]) {
		return 0, 0, 0, false
	}
	return digitsValue(t[:4]), digitsValue(t[5:7]), digitsValue(t[8:]), true
}

// isTimeSuffix matches what follows the date in a timestamp, the shape
// [ T]hh:mm(:ss(.fraction)?)?(Z|±hh(:?mm)?)? with a fraction of one to nine digits.
func isTimeSuffix(s string) bool {
	if s == "" || (s[0] != ' ' && s[0] != 'T') {
		return false
	}
	_, rest, ok := leadingDigits(s[1:], 2, 2)
	if !ok || rest == "" || rest[0] != ':' {
		return false
	}
	if _, rest, ok = leadingDigits(rest[1:], 2, 2); !ok {
		return false
	}
	if rest != "" && rest[0] == ':' {
		if _, rest, ok = leadingDigits(rest[1:], 2, 2); !ok {
			return false
		}
		if rest != "" && rest[0] == '.' {
			if _, rest, ok = leadingDigits(rest[1:], 1, 9); !ok {
				return false
			}
		}
	}
	switch {
	case rest == "" || rest == "Z":
		return true
	case rest[0] != '+' && rest[0] != '-':
		return false
	}
	_, rest, ok = leadingDigits(rest[1:], 2, 2)
	if !ok {
		return false
	}
	if rest != "" && rest[0] == ':' {
		rest = rest[1:]
		if rest == "" {
			return false
		}
	}
	return rest == "" || (len(rest) == 2 && allDigits(rest))
}

// timeSuffixInRange checks a suffix isTimeSuffix accepted for a real time of day (the offset is
// only checked for its shape: the date is kept as written, whatever the zone).
func timeSuffixInRange(s string) bool {
	hh, mm, ss := digitsValue(s[1:3]), digitsValue(s[4:6]), 0
	if len(s) > 6 && s[6] == ':' {
		ss = digitsValue(s[7:9])
	}
	return hh <= 23 && mm <= 59 && ss <= 59
}

// excelSerialDate converts an Excel 1900-system serial. Excel counts 1900-01-01 as day 1 and keeps
// Lotus 1-2-3's phantom 29 February 1900 as day 60, so serials from 61 on are days since
// 1899-12-30, those below 60 days since 1899-12-31, and 60 names no date. 73050 is 2099-12-31.
func excelSerialDate(n int64) (time.Time, bool) {
	switch {
	case n >= 1 && n < 60:
		return time.Date(1899, time.December, 31+int(n), 0, 0, 0, 0, time.UTC), true
	case n > 60 && n <= 73050:
		return time.Date(1899, time.December, 30+int(n), 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// calendarDate returns the date if it exists and its year is in range.
func calendarDate(y, m, d int) (time.Time, bool) {
	if y < minDateYear || y > maxDateYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

func daysIn(y, m int) int {
	// Day 0 of the next month is the last day of this one.
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ParseMonth reads a period (tb_month) as the first day of its month: yyyymm (six digits),
// yyyy-mm, yyyy/mm, m/yyyy or m-yyyy (month one or two digits), or anything ParseDate accepts,
// which names its month. A value with one of the month shapes is never read as a date, so
// "202413" is invalid rather than an Excel serial.
func ParseMonth(s string, excel bool) (time.Time, ValueStatus) {
	t := trimValue(s)
	if t == "" {
		return time.Time{}, ValueEmpty
	}
	if y, m, shaped := monthShape(t); shaped {
		if y < minDateYear || y > maxDateYear || m < 1 || m > 12 {
			return time.Time{}, ValueInvalid
		}
		return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), ValueValid
	}
	d, ok := parseDate(t, excel)
	if !ok {
		return time.Time{}, ValueInvalid
	}
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC), ValueValid
}

// monthShape matches the month-only forms, in tb__month's order.
func monthShape(t string) (y, m int, ok bool) {
	switch {
	case len(t) == 6 && allDigits(t):
		return digitsValue(t[:4]), digitsValue(t[4:]), true
	case len(t) == 7 && allDigits(t[:4]) && (t[4] == '-' || t[4] == '/') && allDigits(t[5:]):
		return digitsValue(t[:4]), digitsValue(t[5:]), true
	}
	m, rest, ok := leadingDigits(t, 1, 2)
	if !ok || rest == "" || (rest[0] != '-' && rest[0] != '/') {
		return 0, 0, false
	}
	y, rest, ok = leadingDigits(rest[1:], 4, 4)
	if !ok || rest != "" {
		return 0, 0, false
	}
	return y, m, true
}
