package dashboard

import (
	"bytes"
	"testing"

	"github.com/timbang/timbang/analytics"
)

// TestRenderedMenuEqualsOptions: a menu rendered once and marked per page is what the "option"
// template writes for the options with that choice selected, for every choice, none, and a
// value not in the menu; and it is rendered once per cached list.
func TestRenderedMenuEqualsOptions(t *testing.T) {
	srv, _ := testServer(t)
	l := NewLocale(LangID)
	list := []analytics.Option{{Code: "36", Name: "Banten", Level: 1}, {Code: "36.73", Name: `Kota "Serang" & <sekitarnya>`, Level: 2},
		{Code: "36.73.05", Name: "Cipocok Jaya + 1", Level: 3}}
	opts := []SelectOption{{Value: "", Label: "Semua"}}
	for _, o := range list {
		opts = append(opts, SelectOption{Value: o.Code, Label: o.Name})
	}
	m, err := srv.menu(l, qRegion, list, func() []SelectOption { return opts })
	if err != nil {
		t.Fatal(err)
	}
	for _, choice := range []string{"", "36", "36.73", "36.73.05", "99"} {
		var want bytes.Buffer
		for _, op := range opts {
			op.Selected = op.Value == choice
			if err := srv.templates["overview"].ExecuteTemplate(&want, "option", op); err != nil {
				t.Fatal(err)
			}
		}
		if got := string(m.withSelected(choice)); got != want.String() {
			t.Errorf("choice %q:\n got %s\nwant %s", choice, got, want.String())
		}
	}
	again, err := srv.menu(l, qRegion, list, func() []SelectOption { return opts })
	if err != nil {
		t.Fatal(err)
	}
	if again != m {
		t.Error("the menu of the same list was rendered again")
	}
}
