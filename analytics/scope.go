package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// ErrForbidden is returned when a place lies outside the reader's scope.
var ErrForbidden = errors.New("outside your scope")

// Scope is the part of the data a user may see: the units of any of Regions (Kemendagri codes,
// each with everything under it) or of any of Agencies. The zero Scope is everything. It has the
// fields of accounts.Scope, so a user's scope converts to it directly.
type Scope struct {
	Regions  []string
	Agencies []string
}

// Everything reports whether the scope limits nothing.
func (sc Scope) Everything() bool { return len(sc.Regions) == 0 && len(sc.Agencies) == 0 }

// CoversRegion reports whether every unit of region code lies in the scope: the region is one
// of the scope's regions or under one.
func (sc Scope) CoversRegion(code string) bool {
	if sc.Everything() {
		return true
	}
	for _, r := range sc.Regions {
		if code == r || strings.HasPrefix(code, r+".") {
			return true
		}
	}
	return false
}

// coversAgency reports whether the units of an agency seated in region lie in the scope.
func (sc Scope) coversAgency(code, region string) bool {
	return sc.Everything() || slices.Contains(sc.Agencies, code) || sc.CoversRegion(region)
}

// args binds the scope to queries/filtered_scope.sql, which a scope that limits nothing leaves
// out (filtered). The regions go in as lists of numbers per level (regionsByLevel), the agencies
// as comma-separated text: codes never hold a comma (agency codes are checked by the importer's
// code rules, which allow no white space and the CSV reader splits on commas).
func (sc Scope) args() []any {
	if sc.Everything() {
		return nil
	}
	regions := regionsByLevel(sc.Regions)
	return []any{
		sql.Named("scope_provinces", regions[0]),
		sql.Named("scope_regencies", regions[1]),
		sql.Named("scope_districts", regions[2]),
		sql.Named("scope_villages", regions[3]),
		sql.Named("scope_agencies", strings.Join(sc.Agencies, ",")),
	}
}

// Reader reads the analytics a user may see: every figure, list and place it returns is
// limited to its scope, so a page cannot show more than its user's scope by forgetting to ask.
type Reader struct {
	*Service
	scope Scope

	// seen are the units found in the scope at data version seenAt: a unit page reads its unit
	// five ways or more, and each read checks it (dashboards make a Reader per request).
	seenMu sync.Mutex
	seen   map[string]bool
	seenAt int64
}

// For returns a reader limited to sc; the zero Scope reads everything.
func (s *Service) For(sc Scope) *Reader { return &Reader{Service: s, scope: sc} }

// Scope is the reader's scope.
func (r *Reader) Scope() Scope { return r.scope }

// checkUnit returns the unit if the reader may see it, ErrForbidden if not.
func (r *Reader) checkUnit(ctx context.Context, code, lang string) (Unit, error) {
	v, err := r.DataVersion(ctx)
	if err != nil {
		return Unit{}, err
	}
	u, err := r.unit(ctx, code, lang)
	if err != nil {
		return u, err
	}
	if !r.scope.coversAgency(u.Agency, u.Region) {
		return Unit{}, fmt.Errorf("unit %s: %w", code, ErrForbidden)
	}
	r.seenMu.Lock()
	if r.seenAt != v {
		r.seen, r.seenAt = map[string]bool{}, v
	}
	r.seen[code] = true
	r.seenMu.Unlock()
	return u, nil
}

// mayRead returns nil if the reader may see the unit, ErrForbidden (or data.ErrNotFound) if
// not. A unit found in the scope before is not looked up again until the data changes: the
// version is read first, so a unit seen at it was in the scope at it or later.
func (r *Reader) mayRead(ctx context.Context, code string) error {
	v, err := r.DataVersion(ctx)
	if err != nil {
		return err
	}
	r.seenMu.Lock()
	ok := r.seenAt == v && r.seen[code]
	r.seenMu.Unlock()
	if ok {
		return nil
	}
	_, err = r.checkUnit(ctx, code, "")
	return err
}
