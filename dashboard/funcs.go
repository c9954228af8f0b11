package dashboard

import (
	"html/template"

	"github.com/timbang/timbang/analytics"
)

// Partials in layout.html take two values (the locale and what they draw); these pack them.

type statusArgs struct {
	L Locale
	S analytics.Status
}

type tableArgs struct {
	L     Locale
	Table UnitTable
}

type groupArgs struct {
	L      Locale
	Groups []GroupRow
}

var templateFuncs = template.FuncMap{
	"statusArgs": func(l Locale, s analytics.Status) statusArgs { return statusArgs{l, s} },
	"table":      func(l Locale, t UnitTable) tableArgs { return tableArgs{l, t} },
	"groups":     func(l Locale, g []GroupRow) groupArgs { return groupArgs{l, g} },
	"int":        func(v int64) int { return int(v) },
	"len64":      func(v []string) int64 { return int64(len(v)) },
	"sub64":      func(a, b int64) int64 { return a - b },
	"inc":        func(i int) int { return i + 1 },
}
