package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// regency is a regency or city (level 2) with what the generator needs to fill it.
type regency struct {
	code, name string
	ordinal    int // position in the national list; keeps school numbers stable across scales
	population float64
	areaKm2    float64
	provCode   string
	provName   string
	districts  []district // loaded per regency, so national scale never holds all villages
}

type district struct {
	code, name string
	villages   []village
}

type village struct{ code, name string }

// isKelurahan tells a kelurahan (village part starting with 1) from a desa (starting with 2).
func (v village) isKelurahan() bool {
	i := strings.LastIndexByte(v.code, '.')
	return i >= 0 && i+1 < len(v.code) && v.code[i+1] == '1'
}

// shortName drops the "Kota"/"Kabupaten" prefix, as school names do ("SMP Negeri 12 Medan").
func (r *regency) shortName() string {
	for _, p := range []string{"Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "} {
		if s, ok := strings.CutPrefix(r.name, p); ok {
			return s
		}
	}
	return r.name
}

// Fallbacks for the few regencies the reference data has no figure for (new regencies).
const (
	fallbackPopulation = 150_000
	fallbackAreaKm2    = 1_500
)

// loadRegencies lists every regency and city with its province, in code order.
func loadRegencies(ctx context.Context, db *sql.DB) ([]regency, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT r.code, r.name, r.population, r.area_km2, p.code, p.name
		FROM regions r JOIN regions p ON p.code = r.parent_code
		WHERE r.level = 2
		ORDER BY r.code`)
	if err != nil {
		return nil, fmt.Errorf("list regencies: %w", err)
	}
	defer rows.Close()
	var out []regency
	for rows.Next() {
		var r regency
		var pop sql.NullInt64
		var area sql.NullFloat64
		if err := rows.Scan(&r.code, &r.name, &pop, &area, &r.provCode, &r.provName); err != nil {
			return nil, fmt.Errorf("list regencies: %w", err)
		}
		r.ordinal = len(out)
		r.population, r.areaKm2 = fallbackPopulation, fallbackAreaKm2
		if pop.Valid && pop.Int64 > 0 {
			r.population = float64(pop.Int64)
		}
		if area.Valid && area.Float64 > 0 {
			r.areaKm2 = area.Float64
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list regencies: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("list regencies: the regions table has no regencies")
	}
	return out, nil
}

// loadDistricts fills r.districts with its kecamatan and their villages from the regions table,
// so every code a unit uses is a real one.
func loadDistricts(ctx context.Context, db *sql.DB, r *regency) error {
	rows, err := db.QueryContext(ctx, `
		SELECT code, name, level FROM regions
		WHERE level IN (3, 4) AND starts_with(code, ?)
		ORDER BY code`, r.code+".")
	if err != nil {
		return fmt.Errorf("districts of %s: %w", r.code, err)
	}
	defer rows.Close()
	r.districts = r.districts[:0]
	for rows.Next() {
		var code, name string
		var level int
		if err := rows.Scan(&code, &name, &level); err != nil {
			return fmt.Errorf("districts of %s: %w", r.code, err)
		}
		if level == 3 {
			r.districts = append(r.districts, district{code: code, name: name})
			continue
		}
		// Code order puts a district's villages right after it.
		if n := len(r.districts); n > 0 && strings.HasPrefix(code, r.districts[n-1].code+".") {
			d := &r.districts[n-1]
			d.villages = append(d.villages, village{code: code, name: name})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("districts of %s: %w", r.code, err)
	}
	// A district without villages cannot hold a unit; drop it rather than invent a code.
	kept := r.districts[:0]
	for _, d := range r.districts {
		if len(d.villages) > 0 {
			kept = append(kept, d)
		}
	}
	r.districts = kept
	if len(r.districts) == 0 {
		return fmt.Errorf("districts of %s: no villages in the regions table", r.code)
	}
	return nil
}
