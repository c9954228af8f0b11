package dashboard

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/timbang/timbang/analytics"
)

// The region and agency menus of the filter bar list every region down to districts and every
// agency the user may see: about 9,000 options at national scale, which html/template took
// some 14 ms to write into every page, more than most of a page's queries. They change only
// with the data, the language and the scope, as the cached analytics.Options they come from,
// so each is rendered once per cached list and a page copies it, marking its choice.

// renderedMenu is a menu's options as HTML, and where each value's option tag ends.
type renderedMenu struct {
	html []byte
	ends map[string]int // value -> offset of the '>' that closes its <option> tag
}

// menuKey names a rendered menu by the cached list it renders (its first element: a cached
// Options keeps its slices, a new one has new ones) and the menu.
type menuKey struct {
	first *analytics.Option
	size  int
	lang  Lang
	name  string
}

// withSelected returns the options with the one of value selected, as a fresh render of the
// "option" template would write it.
func (m *renderedMenu) withSelected(value string) template.HTML {
	at, ok := m.ends[value]
	// Both are html/template's own output of the "option" template, with the attribute the
	// template writes for a selected option.
	if !ok {
		return template.HTML(m.html)
	}
	var b strings.Builder
	b.Grow(len(m.html) + len(" selected"))
	b.Write(m.html[:at])
	b.WriteString(" selected")
	b.Write(m.html[at:])
	return template.HTML(b.String())
}

// menu returns the rendered options of list, rendering those opts returns on first use.
func (s *Server) menu(l Locale, name string, list []analytics.Option, opts func() []SelectOption) (*renderedMenu, error) {
	key := menuKey{size: len(list), lang: l.Lang, name: name}
	if len(list) > 0 {
		key.first = &list[0]
	}
	return cachedLoad(s, s.menus, key, func() (*renderedMenu, error) {
		t := s.templates["overview"]
		options := opts()
		m := &renderedMenu{ends: make(map[string]int, len(options))}
		var buf bytes.Buffer
		for _, op := range options {
			op.Selected = false
			start := buf.Len()
			if err := t.ExecuteTemplate(&buf, "option", op); err != nil {
				return nil, fmt.Errorf("render %s menu: %w", name, err)
			}
			m.ends[op.Value] = start + bytes.IndexByte(buf.Bytes()[start:], '>')
		}
		m.html = buf.Bytes()
		return m, nil
	}, func(m *renderedMenu) { s.menus[key] = m })
}

// cachedLoad returns cache[key], read under s.optionsMu, or else runs load with s.optionsLoad
// held and hands its result to keep, under s.optionsMu, to store. Requests that miss at once
// (50 clients after a start or an import) then wait for the first instead of each doing the
// same work.
func cachedLoad[K comparable, V any](s *Server, cache map[K]V, key K, load func() (V, error), keep func(V)) (V, error) {
	s.optionsMu.Lock()
	v, ok := cache[key]
	s.optionsMu.Unlock()
	if ok {
		return v, nil
	}
	s.optionsLoad.Lock()
	defer s.optionsLoad.Unlock()
	s.optionsMu.Lock()
	v, ok = cache[key]
	s.optionsMu.Unlock()
	if ok {
		return v, nil // loaded while this request waited
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	s.optionsMu.Lock()
	keep(v)
	s.optionsMu.Unlock()
	return v, nil
}
