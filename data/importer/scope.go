package importer

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// A planner imports the data of their own regions and agencies (issue 5's scope), so a
// planner's batch is checked twice more than an administrator's:
//
//   - Reference kinds (Kind.Reference: regions, norms, activity standards) are shared by every
//     region, so a batch with Options.NoReference gets a file problem for them.
//   - With a non-empty Options.Scope, every row of the other kinds must lie in the scope, both as the file has it and as the
//     database has it now (scope_<kind>.sql): a planner can neither add nor change a unit,
//     person, workload figure or transfer elsewhere, nor pull one in from elsewhere.
//
// What lies in a scope is what analytics.Scope lets a user see: the units of its agencies and
// of its regions and everything under them. Agencies count as in scope when they are one of the
// scope's or seated in one of its regions.

// refuseKind reports a file whose kind the batch may not hold, or returns false.

func (b *batch) refuseKind(name string, k Kind) bool {
	if !b.opt.NoReference || !k.Reference {
		return false
	}
	b.problem(Problem{File: name, Row: 1, Code: "reference_kind", Param: k.Name})
	return true
}

// scopeChecksSQL returns the scope checks of the kinds the batch holds, after creating the
// scope table and macro they read, or "" for an unrestricted batch.
func (b *batch) scopeChecksSQL(ctx context.Context) (string, error) {
	if b.opt.Scope.IsEmpty() {
		return "", nil
	}
	sc := b.opt.Scope
	if _, err := b.conn.ExecContext(ctx, query("scope_table"),
		sql.Named("regions", strings.Join(sc.Regions, ",")),
		sql.Named("agencies", strings.Join(sc.Agencies, ",")),
		sql.Named("label", sc.String())); err != nil {
		return "", fmt.Errorf("scope checks: %w", err)
	}
	if _, err := b.conn.ExecContext(ctx, query("scope_macros")); err != nil {
		return "", fmt.Errorf("scope checks: %w", err)
	}
	var parts []string
	for _, k := range Kinds {
		if len(b.files[k.Name]) > 0 && !k.Reference {
			parts = append(parts, query("scope_"+k.Name))
		}
	}
	return strings.Join(parts, "\nUNION ALL\n"), nil
}
