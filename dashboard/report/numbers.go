package report

import (
	"math"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// numbers prints figures the way the report's reader writes them: 1.234,5 in Bahasa Indonesia,
// 1,234.5 in English.
type numbers struct{ p *message.Printer }

func newNumbers(lang string) numbers {
	tag := language.Indonesian
	if lang == "en" {
		tag = language.English
	}
	return numbers{message.NewPrinter(tag)}
}

// format writes v (nil, int or float64) with decimals, or "–" when there is no figure.
func (n numbers) format(v any, decimals int) string {
	switch v := v.(type) {
	case int:
		return n.p.Sprintf("%d", v)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "–"
		}
		return n.p.Sprintf("%.*f", decimals, v)
	}
	return "–"
}
