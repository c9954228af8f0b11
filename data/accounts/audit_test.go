package accounts

import (
	"context"
	"errors"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestAuditRecordAndList(t *testing.T) {
	ctx := context.Background()
	audit := NewAudit(accountsStore(t))
	// Recorded out of time order: List sorts by time, then by insertion.
	for i, e := range []Entry{
		{At: t0.Add(2 * time.Minute), Actor: "sri", Action: ActionExport, Scope: "region:36.73", Detail: "units.xlsx", Remote: "192.0.2.7"},
		{At: t0, Actor: "sri", Action: ActionLogin, Scope: "region:36.73", Remote: "192.0.2.7"},
		{At: t0.Add(time.Minute), Actor: "admin", Action: ActionImport, Scope: "all", Detail: "import 3 applied"},
		{At: t0.Add(time.Minute), Actor: "sri", Action: ActionPlanChange, Scope: "region:36.73", Detail: "plan 1"},
	} {
		if err := audit.Record(ctx, e); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
	}
	for _, tc := range []struct {
		name   string
		filter Filter
		want   []string // actions, newest first
	}{
		{"all", Filter{}, []string{ActionExport, ActionPlanChange, ActionImport, ActionLogin}},
		{"one action", Filter{Action: ActionImport}, []string{ActionImport}},
		{"one actor", Filter{Actor: "sri"}, []string{ActionExport, ActionPlanChange, ActionLogin}},
		{"action and actor", Filter{Action: ActionImport, Actor: "sri"}, nil},
		{"a page", Filter{Limit: 2, Offset: 1}, []string{ActionPlanChange, ActionImport}},
		{"past the end", Filter{Offset: 10}, nil},
		{"negative offset", Filter{Offset: -3, Limit: 1}, []string{ActionExport}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entries, err := audit.List(ctx, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range entries {
				got = append(got, e.Action)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
	entries, err := audit.List(ctx, Filter{Action: ActionExport})
	if err != nil {
		t.Fatal(err)
	}
	want := Entry{ID: entries[0].ID, At: t0.Add(2 * time.Minute).UTC(), Actor: "sri", Action: ActionExport,
		Scope: "region:36.73", Detail: "units.xlsx", Remote: "192.0.2.7"}
	if len(entries) != 1 || entries[0] != want {
		t.Errorf("entry read back: %+v\nwant %+v", entries, want)
	}
}

func TestAuditRecordRequires(t *testing.T) {
	audit := NewAudit(accountsStore(t))
	for _, e := range []Entry{
		{Actor: "sri", Action: ActionLogin},
		{At: t0, Action: ActionLogin},
		{At: t0, Actor: "sri"},
	} {
		if err := audit.Record(context.Background(), e); !errors.Is(err, ErrInvalid) {
			t.Errorf("Record(%+v): %v", e, err)
		}
	}
}

// TestAuditIsAppendOnly: the application can only add to the audit log. The Audit type offers
// nothing but Record and List, and no embedded statement changes or removes an entry.
func TestAuditIsAppendOnly(t *testing.T) {
	var methods []string
	typ := reflect.TypeFor[*Audit]()
	for i := range typ.NumMethod() {
		methods = append(methods, typ.Method(i).Name)
	}
	if !slices.Equal(methods, []string{"List", "Record"}) {
		t.Errorf("Audit has methods %v; an audit log offers only Record and List", methods)
	}
	changes := regexp.MustCompile(`(?is)\b(update|delete\s+from|truncate|drop\s+table|alter\s+table)\s+audit_log\b`)
	err := fs.WalkDir(queryFiles, "queries", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(queryFiles, path)
		if err != nil {
			return err
		}
		if m := changes.Find(body); m != nil {
			t.Errorf("%s changes the audit log: %q", path, m)
		}
		if strings.Contains(string(body), "audit_log") && !strings.HasPrefix(path, "queries/audit_") {
			t.Errorf("%s touches the audit log outside the audit queries", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
