package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// RegionLevel returns 1 for a province code (PP), 2 for a regency or city (PP.KK), 3 for a
// district (PP.KK.CC) and 4 for a village (PP.KK.CC.DDDD); 0 for anything else.
func RegionLevel(code string) int {
	parts := strings.Split(code, ".")
	want := []int{2, 2, 2, 4}
	if len(parts) > len(want) {
		return 0
	}
	for i, p := range parts {
		if len(p) != want[i] || strings.Trim(p, "0123456789") != "" {
			return 0
		}
	}
	return len(parts)
}

// RegionParent is the code one level up, or "" for a province.
func RegionParent(code string) string {
	i := strings.LastIndexByte(code, '.')
	if i < 0 {
		return ""
	}
	return code[:i]
}

// loadReferenceRegions fills the regions table from the embedded Kemendagri list the first
// time a database is opened, so region codes can be validated and named everywhere.
func (s *Store) loadReferenceRegions(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM regions`).Scan(&n); err != nil {
		return fmt.Errorf("count regions: %w", err)
	}
	if n > 0 {
		return nil
	}
	population, err := readCodeFigures(populationCSV, "total")
	if err != nil {
		return fmt.Errorf("embedded population.csv: %w", err)
	}
	area, err := readCodeFigures(areaCSV, "area_km2")
	if err != nil {
		return fmt.Errorf("embedded area.csv: %w", err)
	}
	r := csv.NewReader(bytes.NewReader(regionsCSV))
	if _, err := r.Read(); err != nil { // header
		return err
	}
	return s.Append(ctx, "regions", func(add AppendFunc) error {
		for line := 2; ; line++ {
			rec, err := r.Read()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("embedded regions.csv line %d: %w", line, err)
			}
			code, name := rec[0], rec[1]
			level := RegionLevel(code)
			if level == 0 {
				return fmt.Errorf("embedded regions.csv line %d: bad code %q", line, code)
			}
			var parent, pop, km2 any
			if p := RegionParent(code); p != "" {
				parent = p
			}
			if v, ok := population[code]; ok {
				pop = int64(v)
			}
			if v, ok := area[code]; ok {
				km2 = v
			}
			if err := add(code, name, int8(level), parent, pop, km2); err != nil {
				return err
			}
		}
	})
}

// readCodeFigures reads a code,...,column CSV into a map from code to the named column.
func readCodeFigures(b []byte, column string) (map[string]float64, error) {
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("empty")
	}
	col := -1
	for i, h := range recs[0] {
		if h == column {
			col = i
		}
	}
	if col < 0 {
		return nil, fmt.Errorf("no column %q", column)
	}
	out := make(map[string]float64, len(recs))
	for i, rec := range recs[1:] {
		v, err := strconv.ParseFloat(rec[col], 64)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+2, err)
		}
		out[rec[0]] = v
	}
	return out, nil
}
