package analytics

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
)

// The Gini of scope_stats, computed in Go.
//
// Each scope_stats row needs the Gini of its unit rows in EJ order. In SQL that is one sort
// of all unit rows per kind of scope (4 scope kinds x cadre or all x type or all = 16 sorts of
// some 12 million rows at national scale), over five minutes. Here the rows of a period are
// sorted by EJ once, and one pass updates the running sums of the 16 scopes every row belongs
// to: the same sums as Gini in formulas.go, scope by scope, in the same order.

// giniKinds is the number of scopes a unit row belongs to: all, agency and the region at
// levels 1 and 2, each by cadre or all cadres and by unit type or all types.
const giniKinds = 16

// giniScope names one scope_stats row apart from its period by the numbers of its place, cadre
// and unit type (see refresh_gini_setup.sql); cadre and type 0 are "all".
type giniScope struct {
	code, cadre, unitType int32
}

// key is the scope in period p as refresh_gini holds it: the four numbers packed as macro
// refresh_scope_key packs them (refresh_gini_setup.sql, which checks they fit).
func (s giniScope) key(p int) int64 {
	return int64(p)<<46 | int64(s.code)<<22 | int64(s.cadre)<<11 | int64(s.unitType)
}

// giniRow is one staffed unit row: its EJ, staff and cell (see refresh_gini_setup.sql).
type giniRow struct {
	ej   float64
	w    int32
	cell int32
}

// giniSums are the running sums of one scope: staff and staff-weighted EJ before the current
// row, and the sum of w_i (x_i W_before - S_before) so far (see Gini).
type giniSums struct {
	w, s, pairs float64
}

// giniValue is the Gini of one scope (its index in the scopes of loadGiniCells) in a period.
type giniValue struct {
	scope int32
	gini  float64
}

// refreshScopeGini fills the temporary table refresh_gini from unit_stats, inside tx, and
// leaves the numbered cells and scopes it used for refresh_scope_stats.sql. conn is tx's
// connection: the results go in through its appender.
func refreshScopeGini(ctx context.Context, conn *sql.Conn, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, query("refresh_gini_setup")); err != nil {
		return fmt.Errorf("gini setup: %w", err)
	}
	scopes, cellScopes, err := loadGiniCells(ctx, tx)
	if err != nil {
		return err
	}
	periods, err := loadGiniRows(ctx, conn, tx, len(cellScopes))
	if err != nil {
		return err
	}
	results := make([][]giniValue, len(periods))
	var wg sync.WaitGroup
	next := make(chan int, len(periods))
	for p := range periods {
		next <- p
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(periods)) {
		wg.Go(func() {
			sums := make([]giniSums, len(scopes))
			var buf []giniRow
			for p := range next {
				if len(buf) < len(periods[p]) {
					buf = make([]giniRow, len(periods[p]))
				}
				results[p] = periodGini(periods[p], buf, cellScopes, sums)
				periods[p] = nil // the rows are no longer needed
			}
		})
	}
	wg.Wait()
	// The appender works on the driver connection and so inside tx, which is open on it; tx
	// must not be used until Raw returns (database/sql holds the connection meanwhile).
	return conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("gini: unexpected driver connection %T", dc)
		}
		return appendRows(dconn, "refresh_gini", func(add func(...driver.Value) error) error {
			for p, values := range results {
				for _, v := range values {
					if err := add(scopes[v.scope].key(p), v.gini); err != nil {
						return err
					}
				}
			}
			return nil
		})
	})
}

// appendRows bulk-loads rows into a temporary table of the connection's open transaction.
func appendRows(dconn driver.Conn, table string, fill func(add func(...driver.Value) error) error) error {
	app, err := duckdb.NewAppender(dconn, "temp", "main", table)
	if err != nil {
		return fmt.Errorf("gini: append %s: %w", table, err)
	}
	ferr := fill(app.AppendRow)
	if err := app.Close(); err != nil && ferr == nil {
		ferr = err
	}
	if ferr != nil {
		return fmt.Errorf("gini: append %s: %w", table, ferr)
	}
	return nil
}

// loadGiniCells numbers every scope and lists, for each cell, the scopes it belongs to (-1
// where a unit sits above the region level of that kind).
func loadGiniCells(ctx context.Context, tx *sql.Tx) ([]giniScope, [][giniKinds]int32, error) {
	rows, err := tx.QueryContext(ctx, `SELECT cell, all_no, agency_no, region1_no, region2_no, cadre_no, type_no FROM refresh_cells ORDER BY cell`)
	if err != nil {
		return nil, nil, fmt.Errorf("gini cells: %w", err)
	}
	defer rows.Close()
	var scopes []giniScope
	numbers := map[giniScope]int32{}
	number := func(s giniScope) int32 {
		n, ok := numbers[s]
		if !ok {
			n = int32(len(scopes))
			numbers[s] = n
			scopes = append(scopes, s)
		}
		return n
	}
	var cellScopes [][giniKinds]int32
	for rows.Next() {
		var cell int
		var all, agency, region1, cadre, unitType int32
		var region2 sql.NullInt32
		if err := rows.Scan(&cell, &all, &agency, &region1, &region2, &cadre, &unitType); err != nil {
			return nil, nil, fmt.Errorf("gini cells: %w", err)
		}
		if cell != len(cellScopes) {
			return nil, nil, fmt.Errorf("gini cells: cell %d out of order", cell)
		}
		// The cell's places in a fixed order; a region level above the units is no place.
		places := [4]struct {
			scope giniScope
			ok    bool
		}{
			{giniScope{code: all}, true},
			{giniScope{code: agency}, true},
			{giniScope{code: region1}, true},
			{giniScope{code: region2.Int32}, region2.Valid},
		}
		var own [giniKinds]int32
		k := 0
		for _, place := range places {
			for _, byCadre := range [2]bool{false, true} {
				for _, byType := range [2]bool{false, true} {
					own[k] = -1
					if place.ok {
						s := place.scope
						if byCadre {
							s.cadre = cadre
						}
						if byType {
							s.unitType = unitType
						}
						own[k] = number(s)
					}
					k++
				}
			}
		}
		cellScopes = append(cellScopes, own)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("gini cells: %w", err)
	}
	return scopes, cellScopes, nil
}

// loadGiniRows reads the staffed unit rows with an EJ, by period number. conn is tx's
// connection: the rows come through its driver connection, inside tx as the appender's do,
// because database/sql's Scan converts each value by reflection, which took as much CPU as
// DuckDB's join and twice as much as reading the driver's values (12 million rows at national
// scale).
func loadGiniRows(ctx context.Context, conn *sql.Conn, tx *sql.Tx, cells int) ([][]giniRow, error) {
	// Each period's slice is made with room for a period's unit rows (every period has the same
	// ones, refresh_gini_setup.sql), which its staffed rows cannot outgrow: grown as the rows
	// came, the slices cost 0.4 s of the 1.4 s of CPU the national rows took to read. The first
	// period is bound as a constant, by which DuckDB skips the other periods' rows (with a join
	// it read them all).
	var nPeriods, perPeriod int
	var first sql.NullTime
	if err := tx.QueryRowContext(ctx, `SELECT count(*), min(period) FROM refresh_periods`).Scan(&nPeriods, &first); err != nil {
		return nil, fmt.Errorf("gini periods: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM unit_stats WHERE period = $1`, first).Scan(&perPeriod); err != nil {
		return nil, fmt.Errorf("gini periods: %w", err)
	}
	periods := make([][]giniRow, nPeriods)
	for p := range periods {
		periods[p] = make([]giniRow, 0, perPeriod)
	}
	err := conn.Raw(func(dc any) (err error) {
		queryer, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		rows, err := queryer.QueryContext(ctx, query("refresh_gini_rows"), nil)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := rows.Close(); err == nil {
				err = cerr
			}
		}()
		values := make([]driver.Value, 2)
		for {
			if err := rows.Next(values); errors.Is(err, io.EOF) {
				return nil
			} else if err != nil {
				return err
			}
			ej, ok1 := values[0].(float64)
			key, ok2 := values[1].(int64)
			if !ok1 || !ok2 {
				return fmt.Errorf("unexpected values %T, %T", values[0], values[1])
			}
			at, w := key>>32, key&math.MaxUint32
			p, cell := int(at/int64(cells)), at%int64(cells)
			if p >= nPeriods || w > math.MaxInt32 {
				return fmt.Errorf("period %d or staff %d out of range", p, w)
			}
			periods[p] = append(periods[p], giniRow{ej: ej, w: int32(w), cell: int32(cell)})
		}
	})
	if err != nil {
		return nil, fmt.Errorf("gini rows: %w", err)
	}
	return periods, nil
}

// periodGini computes the Gini of every scope with staffed rows in one period. sums is
// scratch space, one entry per scope, zero on entry and on return; buf is scratch space for
// the sort, at least as long as rows.
func periodGini(rows, buf []giniRow, cellScopes [][giniKinds]int32, sums []giniSums) []giniValue {
	rows = sortByEJ(rows, buf)
	touched := make([]int32, 0, 1024)
	for _, r := range rows {
		x, w := r.ej, float64(r.w)
		for _, g := range cellScopes[r.cell] {
			if g < 0 {
				continue
			}
			s := &sums[g]
			if s.w == 0 {
				touched = append(touched, g)
			}
			s.pairs += w * (x*s.w - s.s)
			s.w += w
			s.s += w * x
		}
	}
	values := make([]giniValue, 0, len(touched))
	for _, g := range touched {
		s := sums[g]
		// As Gini: no value when every EJ is zero.
		if s.s > 0 {
			values = append(values, giniValue{scope: g, gini: s.pairs / (s.w * s.s)})
		}
		sums[g] = giniSums{}
	}
	return values
}

// sortByEJ sorts rows by EJ into rows or buf and returns the sorted one. A national period has
// some 500,000 rows: a radix sort on the bytes of the EJ takes a third of the time of
// slices.SortFunc, which was most of the Gini's own work. The order of rows with equal EJ
// does not matter: they add nothing to each other's term (see Gini).
func sortByEJ(rows, buf []giniRow) []giniRow {
	if len(rows) < 2 {
		return rows
	}
	var counts [8][256]int
	for i := range rows {
		k := ejSortKey(rows[i].ej)
		for d := range counts {
			counts[d][byte(k>>(8*d))]++
		}
	}
	src, dst := rows, buf[:len(rows)]
	for d := range counts {
		c := &counts[d]
		shift := 8 * d
		if c[byte(ejSortKey(src[0].ej)>>shift)] == len(src) {
			continue // every row has the same byte here
		}
		at := 0
		for i, n := range c {
			c[i], at = at, at+n
		}
		for _, r := range src {
			b := byte(ejSortKey(r.ej) >> shift)
			dst[c[b]] = r
			c[b]++
		}
		src, dst = dst, src
	}
	return src
}

// ejSortKey maps an EJ to an unsigned integer of the same order. EJ is never NaN (required /
// actual with actual > 0).
func ejSortKey(x float64) uint64 {
	b := math.Float64bits(x)
	if b>>63 != 0 {
		return ^b // negative: larger magnitudes first
	}
	return b | 1<<63
}
