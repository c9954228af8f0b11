package analytics

import (
	"strings"
	"testing"
)

// TestFilteredScope: a reader limited to a scope reads every filtered query with the scope's
// conditions, and one that sees everything without them (filtered drops them, Scope.args binds
// them only then). Without the marker in filtered.sql a scoped user would see everything.
func TestFilteredScope(t *testing.T) {
	scoped := Filter{Scope: Scope{Regions: []string{"36.73"}}}
	for _, name := range []string{"breakdown_agency", "units_page", "spread", "plan_staff"} {
		if text := filtered(name, scoped); !strings.Contains(text, "$scope_provinces") || strings.Contains(text, "/* scope */") {
			t.Errorf("%s: a scoped reader's query lacks the scope's conditions", name)
		}
		if text := filtered(name, Filter{}); strings.Contains(text, "$scope_") {
			t.Errorf("%s: a reader that sees everything reads with scope conditions", name)
		}
	}
	if len(scoped.Scope.args()) == 0 || len(Scope{}.args()) != 0 {
		t.Error("the scope's parameters are bound when they should not be, or not when they should")
	}
}
