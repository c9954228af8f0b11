package dashboard

import (
	"database/sql"
	"fmt"
	"math"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/timbang/timbang/analytics"
)

// Lang is a UI language. Bahasa Indonesia is the default; English is available.
type Lang string

// The languages the UI speaks.
const (
	LangID Lang = "id"
	LangEN Lang = "en"
)

// ParseLang returns the language named by s, or Indonesian.
func ParseLang(s string) Lang {
	if s == string(LangEN) {
		return LangEN
	}
	return LangID
}

// Locale renders words, numbers and dates in one language: id-ID writes 1.234,5 and
// "Oktober 2026". Templates call its methods.
type Locale struct {
	Lang    Lang
	printer *message.Printer
}

// NewLocale returns the locale of lang.
func NewLocale(lang Lang) Locale {
	tag := language.Indonesian
	if lang == LangEN {
		tag = language.English
	}
	return Locale{Lang: lang, printer: message.NewPrinter(tag)}
}

// T translates a message key. An unknown key is an error, so a template with a typo fails its
// test instead of showing the key to a user.
func (l Locale) T(key string) (string, error) {
	m, ok := messages[key]
	if !ok {
		return "", fmt.Errorf("no message %q", key)
	}
	if l.Lang == LangEN {
		return m.en, nil
	}
	return m.id, nil
}

// Tf translates a key whose text has fmt verbs and fills them in with localised numbers.
func (l Locale) Tf(key string, args ...any) (string, error) {
	format, err := l.T(key)
	if err != nil {
		return "", err
	}
	return l.printer.Sprintf(format, args...), nil
}

// Int writes a whole number with thousands separators.
func (l Locale) Int(n int) string { return l.printer.Sprintf("%d", n) }

// Dec writes v with the given number of decimals.
func (l Locale) Dec(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return l.printer.Sprintf("%.*f", decimals, v)
}

// Null writes a nullable figure with decimals, or a dash when there is none.
func (l Locale) Null(v sql.NullFloat64, decimals int) string {
	if !v.Valid {
		return "–"
	}
	return l.Dec(v.Float64, decimals)
}

// Signed writes a nullable difference with an explicit sign: "+2,40", "−1,75".
func (l Locale) Signed(v sql.NullFloat64, decimals int) string {
	if !v.Valid {
		return "–"
	}
	if v.Float64 > 0 {
		return "+" + l.Dec(v.Float64, decimals)
	}
	if v.Float64 < 0 {
		return "−" + l.Dec(-v.Float64, decimals)
	}
	return l.Dec(0, decimals)
}

// Pct writes a fraction as a percentage: 0.125 → "12,5%".
func (l Locale) Pct(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return l.Dec(v*100, 1) + "%"
}

var monthNames = map[Lang][12]string{
	LangID: {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	LangEN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Period writes a month: "Oktober 2026".
func (l Locale) Period(t time.Time) string {
	return fmt.Sprintf("%s %d", monthNames[l.Lang][t.Month()-1], t.Year())
}

// ShortPeriod writes a month for chart axes: "Okt 2026" / "Oct 2026".
func (l Locale) ShortPeriod(t time.Time) string {
	name := monthNames[l.Lang][t.Month()-1]
	if len(name) > 3 {
		name = name[:3]
	}
	return fmt.Sprintf("%s %d", name, t.Year())
}

// Date writes a day: "23 November 2026".
func (l Locale) Date(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), monthNames[l.Lang][t.Month()-1], t.Year())
}

// DateTime writes a moment in Western Indonesia time (WIB): "23 November 2026 19.05".
func (l Locale) DateTime(t time.Time) string {
	t = t.In(wib)
	sep := "."
	if l.Lang == LangEN {
		sep = ":"
	}
	return fmt.Sprintf("%s %02d%s%02d", l.Date(t), t.Hour(), sep, t.Minute())
}

// wib is UTC+7, fixed: Indonesia has no daylight saving, and a fixed zone needs no tzdata.
var wib = time.FixedZone("WIB", 7*3600)

// StatusLabel is the words for a status; colour is never the only cue.
func (l Locale) StatusLabel(s analytics.Status) string {
	text, err := l.T("status." + string(s))
	if err != nil {
		return string(s)
	}
	return text
}

// StatusIcon is the glyph shown before a status label.
func (l Locale) StatusIcon(s analytics.Status) string {
	switch s {
	case analytics.SevereShortage:
		return "▼▼"
	case analytics.Shortage:
		return "▼"
	case analytics.Balanced:
		return "✓"
	case analytics.Surplus:
		return "▲"
	}
	return "?"
}
