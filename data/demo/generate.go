package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/timbang/timbang/data"
)

// ErrNotEmpty means the database already holds units; the demo dataset only goes into an empty
// one, so it never mixes with real data.
var ErrNotEmpty = errors.New("database already holds units")

// Generate writes the demo dataset of opt.Scale into an empty, migrated database: agencies,
// agency settings, units, staff and 24 months of workload. It works one regency at a time and
// bulk-loads each table with the appender, so memory stays bounded at national scale. If it
// fails part-way it removes what it wrote.
func Generate(ctx context.Context, store *data.Store, opt Options) (Summary, error) {
	sp, err := opt.Scale.spec()
	if err != nil {
		return Summary{}, err
	}
	db := store.DB()
	var existing int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM units`).Scan(&existing); err != nil {
		return Summary{}, fmt.Errorf("demo: count units: %w", err)
	}
	if existing > 0 {
		return Summary{}, fmt.Errorf("demo: %w (%d); generate into a new database file", ErrNotEmpty, existing)
	}
	regencies, err := loadRegencies(ctx, db)
	if err != nil {
		return Summary{}, fmt.Errorf("demo: %w", err)
	}
	restore, err := raiseCheckpointThreshold(ctx, store)
	if err != nil {
		return Summary{}, err
	}
	defer restore()
	g := &generator{store: store, seed: opt.Seed, spec: sp, nips: newNIPRegistry(), written: map[string]bool{}}
	for i := range regencies {
		r := &regencies[i]
		if !sp.covers(r.code) {
			continue
		}
		if err := g.addRegency(ctx, r); err != nil {
			g.undo(ctx)
			return Summary{}, fmt.Errorf("demo %s: %w", r.code, err)
		}
		g.sum.Regions++
	}
	// Regencies were written one after the other; unit order lets a unit page skip the rest.
	if err := store.OrderByUnit(ctx); err != nil {
		g.undo(ctx)
		return Summary{}, fmt.Errorf("demo: %w", err)
	}
	// Rollups and caches key on the data version; a new dataset must invalidate them.
	if _, err := db.ExecContext(ctx, `UPDATE data_version SET version = version + 1`); err != nil {
		return Summary{}, fmt.Errorf("demo: bump data version: %w", err)
	}
	g.sum.Periods = nPeriods
	return g.sum, nil
}

// raiseCheckpointThreshold lets the write-ahead log grow to 256 MB before DuckDB checkpoints a
// file database. At the 16 MB default a national load checkpoints hundreds of times, each
// rewriting the growing primary-key indexes: twice the time for half the memory (3m20s and
// 1.2 GB peak against 1m40s and 1.4 GB). The setting is global, so the old value comes back.
func raiseCheckpointThreshold(ctx context.Context, store *data.Store) (restore func(), err error) {
	if store.Path() == "" { // an in-memory database never checkpoints
		return func() {}, nil
	}
	var old string
	db := store.DB()
	if err := db.QueryRowContext(ctx, `SELECT current_setting('checkpoint_threshold')`).Scan(&old); err != nil {
		return nil, fmt.Errorf("demo: read checkpoint_threshold: %w", err)
	}
	if _, err := db.ExecContext(ctx, `SET checkpoint_threshold = '256MB'`); err != nil {
		return nil, fmt.Errorf("demo: set checkpoint_threshold: %w", err)
	}
	return func() {
		// SET takes no parameters; old is DuckDB's own rendering of a size, like '16.0 MiB'.
		_, _ = db.ExecContext(context.WithoutCancel(ctx), `SET checkpoint_threshold = '`+strings.ReplaceAll(old, "'", "")+`'`)
	}, nil
}

type generator struct {
	store   *data.Store
	seed    uint64
	spec    scaleSpec
	nips    *nipRegistry
	written map[string]bool // agencies already loaded (province agencies recur)
	sum     Summary
}

// addRegency plans, draws and loads one regency. Only this regency's rows are in memory.
func (g *generator) addRegency(ctx context.Context, r *regency) error {
	if err := loadDistricts(ctx, g.store.DB(), r); err != nil {
		return err
	}
	defer func() { r.districts = nil }()
	units, err := planUnits(r, g.spec, g.seed)
	if err != nil {
		return err
	}
	if g.spec.testSubset {
		units = testSubset(units, r)
	}
	for i := range units {
		units[i].effHours = effectiveHours(units[i].agency)
	}
	assignRoles(units, r, g.seed)
	loads := make([]series, len(units))
	counts := make([][]int, len(units))
	for i := range units {
		loads[i] = genWorkload(&units[i], g.seed)
		counts[i] = staffCounts(&units[i], loads[i], g.seed)
	}

	if err := g.appendAgencies(ctx, agenciesFor(r, units)); err != nil {
		return err
	}
	err = g.store.Append(ctx, "units", func(add data.AppendFunc) error {
		for _, u := range units {
			if err := add(u.code, u.name, u.unitType, u.agency, u.village, round6(u.pos.lat), round6(u.pos.lon)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	g.sum.Units += len(units)
	if err := g.appendStaff(ctx, r, units, counts); err != nil {
		return err
	}
	return g.appendWorkload(ctx, units, loads)
}

func (g *generator) appendAgencies(ctx context.Context, agencies []agency) error {
	var fresh []agency
	for _, a := range agencies {
		if !g.written[a.code] {
			fresh = append(fresh, a)
		}
	}
	err := g.store.Append(ctx, "agencies", func(add data.AppendFunc) error {
		for _, a := range fresh {
			if err := add(a.code, a.name, a.region, a.sector); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, a := range fresh {
		g.written[a.code] = true
	}
	g.sum.Agencies += len(fresh)
	return g.store.Append(ctx, "agency_settings", func(add data.AppendFunc) error {
		for _, a := range fresh {
			if h := effectiveHours(a.code); h != abkDefaultHours {
				if err := add(a.code, h); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (g *generator) appendStaff(ctx context.Context, r *regency, units []unit, counts [][]int) error {
	n := 0
	wishes := newWishes(units, g.seed)
	err := g.store.Append(ctx, "staff", func(add data.AppendFunc) error {
		for i := range units {
			u := &units[i]
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			rng := newRand(g.seed, "staff", u.code)
			for c, cadre := range cadresOf[u.unitType] {
				for range counts[i][c] {
					p := drawPerson(rng, u, cadre, r.provCode, u.role == roleGrowth)
					nip, err := g.nips.assign(p.birth, p.appointed, p.sex)
					if err != nil {
						return fmt.Errorf("staff of %s: %w", u.code, err)
					}
					err = add(nip, p.name, cadre, u.code, p.employment, p.edu.level, p.edu.field, p.rank,
						p.birth, p.postStart, round6(p.home.lat), round6(p.home.lon), p.performance, p.status)
					if err != nil {
						return err
					}
					wishes.draw(nip, i)
					n++
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	g.sum.Staff += n
	return g.store.Append(ctx, "staff_preferences", wishes.append)
}

func (g *generator) appendWorkload(ctx context.Context, units []unit, loads []series) error {
	periods := Periods()
	n := 0
	err := g.store.Append(ctx, "workload", func(add data.AppendFunc) error {
		for i, u := range units {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			indicators := indicatorsOf[u.unitType]
			for t := range u.dataUntil {
				for k, ind := range indicators {
					if err := add(u.code, periods[t], ind, loads[i][k][t]); err != nil {
						return err
					}
					n++
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	g.sum.WorkloadRows += n
	return nil
}

// undo removes what a failed run wrote. Units were empty when it started, so every unit (and
// its staff and workload) is the run's own; agencies are removed only if this run added them.
func (g *generator) undo(ctx context.Context) {
	ctx = context.WithoutCancel(ctx)
	db := g.store.DB()
	for _, q := range []string{
		`DELETE FROM workload WHERE unit_code IN (SELECT code FROM units)`,
		`DELETE FROM staff_preferences WHERE unit_code IN (SELECT code FROM units)`,
		`DELETE FROM staff WHERE unit_code IN (SELECT code FROM units)`,
		`DELETE FROM units`,
	} {
		_, _ = db.ExecContext(ctx, q)
	}
	for code := range g.written {
		_, _ = db.ExecContext(ctx, `DELETE FROM agency_settings WHERE agency_code = ?`, code)
		_, _ = db.ExecContext(ctx, `DELETE FROM agencies WHERE code = ?`, code)
	}
}
