package analytics

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// names are the display names of regions, agencies, unit types and cadres at one data version.
// Reads that return few rows name them from here instead of joining the name tables: at
// national scale a join with the 91,599 regions built a hash table of all of them in every
// query, most of a scope breakdown's cost (4 of 6.6 ms) and a third of the top lists'
// (docs/BENCHMARKS.md). The names change only with the data, so they are read once per data
// version (about 93,000 rows, a few MB).
type names struct {
	version int64
	byKind  map[string]map[string][2]string // kind, code: Indonesian and English names
}

// name returns the name of code of kind ("region", "agency", "unit_type", "cadre") in lang
// and whether there is one.
func (n *names) name(kind, code, lang string) (string, bool) {
	v, ok := n.byKind[kind][code]
	if lang == "en" {
		return v[1], ok
	}
	return v[0], ok
}

// names returns the names at the current data version, reading them if they are older.
// Concurrent callers after a data change wait for one read rather than each reading them.
func (s *Service) names(ctx context.Context) (*names, error) {
	v, err := s.DataVersion(ctx)
	if err != nil {
		return nil, err
	}
	s.namesMu.Lock()
	defer s.namesMu.Unlock()
	if s.namesAt != nil && s.namesAt.version == v {
		return s.namesAt, nil
	}
	rows, err := s.db.QueryContext(ctx, query("names"))
	if err != nil {
		return nil, fmt.Errorf("names: %w", err)
	}
	defer rows.Close()
	n := &names{version: v, byKind: map[string]map[string][2]string{}}
	for rows.Next() {
		var kind, code, id, en string
		if err := rows.Scan(&kind, &code, &id, &en); err != nil {
			return nil, fmt.Errorf("names: %w", err)
		}
		if n.byKind[kind] == nil {
			n.byKind[kind] = map[string][2]string{}
		}
		n.byKind[kind][code] = [2]string{id, en}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("names: %w", err)
	}
	// Names read after a data change they raced belong to a newer version than v: kept under
	// v they are read again at the next version, never older than v.
	s.namesAt = n
	return n, nil
}

// nameGroups names the groups of a breakdown by kind ("region" or "agency"), drops those
// without a name (as the inner join with the name table they replace did) and orders them
// most people short first, then by name.
func nameGroups(n *names, kind string, groups []Group) []Group {
	out := groups[:0]
	for _, g := range groups {
		name, ok := n.name(kind, g.Code, "")
		if !ok {
			continue
		}
		g.Name = name
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(a, b Group) int {
		return cmp.Or(cmp.Compare(b.ShortagePeople, a.ShortagePeople), cmp.Compare(a.Name, b.Name))
	})
	return out
}
