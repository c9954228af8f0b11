package accounts

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Role is what a user may do. The string is both the CLI's spelling and what the users table
// stores, so there is one name for each role everywhere.
type Role string

// The four roles of issue 5.
const (
	RoleAdmin      Role = "admin"       // everything: all data, users, imports, the audit log
	RolePlanner    Role = "planner"     // dashboards, exports and transfer plans of some regions
	RoleAgencyHead Role = "agency-head" // dashboards and exports of some agencies
	RoleViewer     Role = "viewer"      // read-only dashboards of some regions or agencies
)

// Roles lists every role, most powerful first.
func Roles() []Role {
	return []Role{RoleAdmin, RolePlanner, RoleAgencyHead, RoleViewer}
}

// ParseRole accepts a role's exact spelling.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if !slices.Contains(Roles(), r) {
		return "", fmt.Errorf("%w role %q: want one of admin, planner, agency-head, viewer", ErrInvalid, s)
	}
	return r, nil
}

// Permission is one kind of thing a role may do. What data it applies to is the user's Scope.
type Permission string

// Permissions the dashboard checks.
const (
	ViewDashboards  Permission = "view-dashboards"
	Export          Permission = "export"
	Plan            Permission = "plan"
	Import          Permission = "import"           // the data of the user's scope
	ImportReference Permission = "import-reference" // regions and norms, shared by every scope
	ManageUsers     Permission = "manage-users"
	ViewAudit       Permission = "view-audit"
)

// grants is the role table of issue 5.
var grants = map[Role][]Permission{
	RoleAdmin:      {ViewDashboards, Export, Plan, Import, ImportReference, ManageUsers, ViewAudit},
	RolePlanner:    {ViewDashboards, Export, Plan, Import},
	RoleAgencyHead: {ViewDashboards, Export},
	RoleViewer:     {ViewDashboards},
}

// Can reports whether the role grants p; an unknown role grants nothing.
func (r Role) Can(p Permission) bool {
	return slices.Contains(grants[r], p)
}

// Scope is the part of the data a user sees: regions by Kemendagri code (a province such as
// "36" or a regency/city such as "36.73") and agencies by code. Admins have an empty scope and
// see everything.
type Scope struct {
	Regions  []string
	Agencies []string
}

// IsEmpty reports whether the scope names nothing.
func (s Scope) IsEmpty() bool {
	return len(s.Regions) == 0 && len(s.Agencies) == 0
}

// String is the scope as the audit log and the CLI show it: "all" for an empty scope,
// otherwise e.g. "region:36.73,36.74 agency:36.73-disdik".
func (s Scope) String() string {
	if s.IsEmpty() {
		return "all"
	}
	var parts []string
	if len(s.Regions) > 0 {
		parts = append(parts, "region:"+strings.Join(s.Regions, ","))
	}
	if len(s.Agencies) > 0 {
		parts = append(parts, "agency:"+strings.Join(s.Agencies, ","))
	}
	return strings.Join(parts, " ")
}

// normalized trims the codes, drops empty ones and duplicates, and sorts them, so the same
// scope is stored and shown the same way however it was typed.
func (s Scope) normalized() Scope {
	clean := func(codes []string) []string {
		var out []string
		for _, c := range codes {
			if c = strings.TrimSpace(c); c != "" {
				out = append(out, c)
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	return Scope{Regions: clean(s.Regions), Agencies: clean(s.Agencies)}
}

// CheckScope says whether a role may have this scope: a planner needs regions and only
// regions, an agency head agencies and only agencies, a viewer at least one of either, and an
// admin none (an admin scoped to a region would be a planner who can manage users, which is
// no role Timbang has).
func (r Role) CheckScope(s Scope) error {
	nr, na := len(s.Regions), len(s.Agencies)
	var problem string
	switch r {
	case RoleAdmin:
		if nr+na > 0 {
			problem = "an admin sees everything and takes no --region or --agency"
		}
	case RolePlanner:
		switch {
		case nr == 0:
			problem = "a planner needs at least one --region"
		case na > 0:
			problem = "a planner is scoped by --region only, not --agency"
		}
	case RoleAgencyHead:
		switch {
		case na == 0:
			problem = "an agency head needs at least one --agency"
		case nr > 0:
			problem = "an agency head is scoped by --agency only, not --region"
		}
	case RoleViewer:
		if nr+na == 0 {
			problem = "a viewer needs at least one --region or --agency"
		}
	default:
		return fmt.Errorf("%w role %q", ErrInvalid, r)
	}
	if problem != "" {
		return fmt.Errorf("%w scope: %s", ErrInvalid, problem)
	}
	return nil
}

// checkScopeCodes makes sure every code of the scope names a region or agency the database
// knows, so a typo cannot create a user who sees nothing.
func checkScopeCodes(ctx context.Context, q querier, s Scope) error {
	for _, c := range []struct {
		codes []string
		query string
		hint  string
	}{
		{s.Regions, "region_exists", "is not a Kemendagri region code (e.g. 36 or 36.73)"},
		{s.Agencies, "agency_exists", "is not an agency in the database (import agencies first)"},
	} {
		for _, code := range c.codes {
			var exists bool
			if err := q.QueryRowContext(ctx, query(c.query), code).Scan(&exists); err != nil {
				return fmt.Errorf("check scope code %q: %w", code, err)
			}
			if !exists {
				return fmt.Errorf("%w scope: %q %s", ErrInvalid, code, c.hint)
			}
		}
	}
	return nil
}
