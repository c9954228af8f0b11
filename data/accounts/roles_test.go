package accounts

import (
	"errors"
	"slices"
	"testing"
)

func TestParseRole(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Role
		ok   bool
	}{
		{"admin", RoleAdmin, true},
		{"planner", RolePlanner, true},
		{"agency-head", RoleAgencyHead, true},
		{"viewer", RoleViewer, true},
		{"Admin", "", false},
		{"agency_head", "", false},
		{"root", "", false},
		{"", "", false},
	} {
		got, err := ParseRole(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseRole(%q) = %q, %v", tc.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseRole(%q): %v is not ErrInvalid", tc.in, err)
		}
	}
}

// TestRolePermissions is the role table of issue 5, written out.
func TestRolePermissions(t *testing.T) {
	all := []Permission{ViewDashboards, Export, Plan, Import, ImportReference, ManageUsers, ViewAudit}
	want := map[Role][]Permission{
		RoleAdmin:      all,
		RolePlanner:    {ViewDashboards, Export, Plan, Import}, // their scope's data, no reference data
		RoleAgencyHead: {ViewDashboards, Export},
		RoleViewer:     {ViewDashboards},
		Role("root"):   nil,
	}
	for role, perms := range want {
		for _, p := range all {
			if got := role.Can(p); got != slices.Contains(perms, p) {
				t.Errorf("%s.Can(%s) = %v", role, p, got)
			}
		}
	}
}

func TestCheckScope(t *testing.T) {
	regions := Scope{Regions: []string{"36.73"}}
	agencies := Scope{Agencies: []string{"36.73-disdik"}}
	both := Scope{Regions: []string{"36.73"}, Agencies: []string{"36.73-disdik"}}
	for _, tc := range []struct {
		role  Role
		scope Scope
		ok    bool
	}{
		{RoleAdmin, Scope{}, true},
		{RoleAdmin, regions, false},
		{RoleAdmin, agencies, false},
		{RolePlanner, regions, true},
		{RolePlanner, Scope{}, false},
		{RolePlanner, agencies, false},
		{RolePlanner, both, false},
		{RoleAgencyHead, agencies, true},
		{RoleAgencyHead, Scope{}, false},
		{RoleAgencyHead, regions, false},
		{RoleAgencyHead, both, false},
		{RoleViewer, regions, true},
		{RoleViewer, agencies, true},
		{RoleViewer, both, true},
		{RoleViewer, Scope{}, false},
		{Role("root"), Scope{}, false},
	} {
		err := tc.role.CheckScope(tc.scope)
		if (err == nil) != tc.ok {
			t.Errorf("%s with %s: %v, want ok=%v", tc.role, tc.scope, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("%s with %s: %v is not ErrInvalid", tc.role, tc.scope, err)
		}
	}
}

func TestScopeNormalizedAndString(t *testing.T) {
	for _, tc := range []struct {
		in   Scope
		want string
	}{
		{Scope{}, "all"},
		{Scope{Regions: []string{" ", ""}}, "all"},
		{Scope{Regions: []string{"36.74", " 36.73", "36.74"}}, "region:36.73,36.74"},
		{Scope{Agencies: []string{"b", "a"}}, "agency:a,b"},
		{Scope{Regions: []string{"36"}, Agencies: []string{"36.73-disdik"}}, "region:36 agency:36.73-disdik"},
	} {
		if got := tc.in.normalized().String(); got != tc.want {
			t.Errorf("%#v: %q, want %q", tc.in, got, tc.want)
		}
	}
}
