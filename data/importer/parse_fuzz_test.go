package importer

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// Differential tests: every fuzz input goes through the Go parser and the SQL macro, and the two
// must agree exactly (both empty, both invalid, or the same value; floats bit for bit). The seeds
// are the case tables of parse_test.go plus testdata/fuzz, so `go test` checks Go against SQL on
// every documented case; `go test -fuzz` explores further.

// parseMacroConn returns one connection to a fresh in-memory DuckDB with the parse macros. One
// connection, because the macros are TEMP. A fuzz worker calls it once and reuses it for every
// input.
func parseMacroConn(tb testing.TB) *sql.Conn {
	tb.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	conn, err := db.Conn(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = conn.Close() })
	// Fuzzing runs a worker process per CPU already; DuckDB threads would only compete.
	if _, err := conn.ExecContext(ctx, "SET threads = 1"); err != nil {
		tb.Fatal(err)
	}
	// As the import runs them: the whole file as one multi-statement string.
	if _, err := conn.ExecContext(ctx, query("parse_macros")); err != nil {
		tb.Fatal(err)
	}
	return conn
}

// prepareParse prepares query on conn, closed when tb ends.
func prepareParse(tb testing.TB, conn *sql.Conn, query string) *sql.Stmt {
	tb.Helper()
	stmt, err := conn.PrepareContext(context.Background(), query)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = stmt.Close() })
	return stmt
}

// sqlComparable reports whether DuckDB can receive s at all. Staged text is always valid UTF-8
// (read_csv and the XLSX reader guarantee it), and DuckDB refuses anything else, so only the Go
// side (which must not panic) sees invalid UTF-8.
func sqlComparable(s string) bool { return utf8.ValidString(s) }

// checkStatus compares a Go status with what SQL said: NULL or not, and tb_blank.
func checkStatus(t *testing.T, name, s string, st ValueStatus, sqlNull, sqlBlank bool) {
	t.Helper()
	if IsBlank(s) != sqlBlank {
		t.Fatalf("%q: IsBlank = %v, tb_blank = %v", s, IsBlank(s), sqlBlank)
	}
	if (st == ValueEmpty) != sqlBlank {
		t.Fatalf("%s(%q): status %v but tb_blank = %v", name, s, st, sqlBlank)
	}
	if (st == ValueValid) == sqlNull {
		t.Fatalf("%s(%q): Go status %v, SQL NULL = %v", name, s, st, sqlNull)
	}
}

func FuzzParseInteger(f *testing.F) {
	for _, c := range integerCases {
		f.Add(c.in)
	}
	for _, c := range blankCases {
		f.Add(c.in)
	}
	conn := parseMacroConn(f)
	stmt := prepareParse(f, conn, `SELECT tb_int(CAST($1 AS VARCHAR)), tb_blank(CAST($1 AS VARCHAR))`)
	f.Fuzz(func(t *testing.T, s string) {
		got, st := ParseInteger(s)
		if !sqlComparable(s) {
			return
		}
		var n sql.NullInt64
		var blank bool
		if err := stmt.QueryRow(s).Scan(&n, &blank); err != nil {
			t.Fatalf("tb_int(%q): %v", s, err)
		}
		checkStatus(t, "ParseInteger", s, st, !n.Valid, blank)
		if st == ValueValid && got != n.Int64 {
			t.Fatalf("%q: ParseInteger = %d, tb_int = %d", s, got, n.Int64)
		}
	})
}

func FuzzParseDecimal(f *testing.F) {
	for _, c := range decimalCases {
		f.Add(c.in)
	}
	for _, c := range integerCases {
		f.Add(c.in)
	}
	conn := parseMacroConn(f)
	stmt := prepareParse(f, conn, `SELECT tb_dec(CAST($1 AS VARCHAR)), tb_blank(CAST($1 AS VARCHAR))`)
	f.Fuzz(func(t *testing.T, s string) {
		got, st := ParseDecimal(s)
		if !sqlComparable(s) {
			return
		}
		var x sql.NullFloat64
		var blank bool
		if err := stmt.QueryRow(s).Scan(&x, &blank); err != nil {
			t.Fatalf("tb_dec(%q): %v", s, err)
		}
		checkStatus(t, "ParseDecimal", s, st, !x.Valid, blank)
		// Exact: both sides read the same canonical spelling with a correctly rounding parser.
		if st == ValueValid && math.Float64bits(got) != math.Float64bits(x.Float64) {
			t.Fatalf("%q: ParseDecimal = %v (%#x), tb_dec = %v (%#x)",
				s, got, math.Float64bits(got), x.Float64, math.Float64bits(x.Float64))
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, c := range dateCases {
		f.Add(c.in, c.excel)
	}
	for _, c := range monthCases {
		f.Add(c.in, c.excel)
	}
	conn := parseMacroConn(f)
	stmt := prepareParse(f, conn,
		`SELECT tb_date(CAST($1 AS VARCHAR), CAST($2 AS BOOLEAN)), tb_blank(CAST($1 AS VARCHAR))`)
	f.Fuzz(func(t *testing.T, s string, excel bool) {
		got, st := ParseDate(s, excel)
		if !sqlComparable(s) {
			return
		}
		var d sql.NullTime
		var blank bool
		if err := stmt.QueryRow(s, excel).Scan(&d, &blank); err != nil {
			t.Fatalf("tb_date(%q, %v): %v", s, excel, err)
		}
		checkStatus(t, "ParseDate", s, st, !d.Valid, blank)
		if st == ValueValid && !got.Equal(d.Time) {
			t.Fatalf("%q, %v: ParseDate = %v, tb_date = %v", s, excel, got, d.Time)
		}
	})
}

func FuzzParseMonth(f *testing.F) {
	for _, c := range monthCases {
		f.Add(c.in, c.excel)
	}
	for _, c := range dateCases {
		f.Add(c.in, c.excel)
	}
	conn := parseMacroConn(f)
	stmt := prepareParse(f, conn,
		`SELECT tb_month(CAST($1 AS VARCHAR), CAST($2 AS BOOLEAN)), tb_blank(CAST($1 AS VARCHAR))`)
	f.Fuzz(func(t *testing.T, s string, excel bool) {
		got, st := ParseMonth(s, excel)
		if !sqlComparable(s) {
			return
		}
		var d sql.NullTime
		var blank bool
		if err := stmt.QueryRow(s, excel).Scan(&d, &blank); err != nil {
			t.Fatalf("tb_month(%q, %v): %v", s, excel, err)
		}
		checkStatus(t, "ParseMonth", s, st, !d.Valid, blank)
		if st == ValueValid && !got.Equal(d.Time) {
			t.Fatalf("%q, %v: ParseMonth = %v, tb_month = %v", s, excel, got, d.Time)
		}
	})
}

func FuzzParseNIP(f *testing.F) {
	for _, c := range nipCases {
		f.Add(c.in)
	}
	for _, c := range nipStructureCases {
		f.Add(c.nip)
	}
	for _, c := range decimalCases {
		f.Add(c.in)
	}
	conn := parseMacroConn(f)
	stmt := prepareParse(f, conn, `SELECT tb_nip(v), tb_blank(v), tb_nip_problem(tb_nip(v)), tb_nip_problem(v),
		tb_nip_float(v) FROM (SELECT CAST($1 AS VARCHAR) AS v)`)
	f.Fuzz(func(t *testing.T, s string) {
		got, st := ParseNIP(s)
		floatNIP := LooksLikeFloatNIP(s)
		rawProblem := NIPStructure(s)
		if !sqlComparable(s) {
			return
		}
		var nip, problem, sqlRawProblem sql.NullString
		var blank, sqlFloat bool
		if err := stmt.QueryRow(s).Scan(&nip, &blank, &problem, &sqlRawProblem, &sqlFloat); err != nil {
			t.Fatalf("tb_nip(%q): %v", s, err)
		}
		checkStatus(t, "ParseNIP", s, st, !nip.Valid, blank)
		if st == ValueValid {
			if got != nip.String {
				t.Fatalf("%q: ParseNIP = %q, tb_nip = %q", s, got, nip.String)
			}
			if NIPStructure(got) != problem.String {
				t.Fatalf("%q: NIPStructure = %q, tb_nip_problem = %q", got, NIPStructure(got), problem.String)
			}
		} else if problem.Valid {
			t.Fatalf("%q: tb_nip_problem(NULL) = %q", s, problem.String)
		}
		if rawProblem != sqlRawProblem.String {
			t.Fatalf("%q: NIPStructure = %q, tb_nip_problem = %q", s, rawProblem, sqlRawProblem.String)
		}
		if floatNIP != sqlFloat {
			t.Fatalf("%q: LooksLikeFloatNIP = %v, tb_nip_float = %v", s, floatNIP, sqlFloat)
		}
	})
}

// FuzzNIPStructure explores the structure rules with 18-digit numbers, which string fuzzing
// rarely produces.
func FuzzNIPStructure(f *testing.F) {
	for _, c := range nipStructureCases {
		if n, err := strconv.ParseUint(c.nip, 10, 64); err == nil && len(c.nip) == 18 {
			f.Add(n)
		}
	}
	conn := parseMacroConn(f)
	stmt := prepareParse(f, conn, `SELECT tb_nip_problem(CAST($1 AS VARCHAR))`)
	f.Fuzz(func(t *testing.T, n uint64) {
		nip := fmt.Sprintf("%018d", n%1_000_000_000_000_000_000)
		var problem sql.NullString
		if err := stmt.QueryRow(nip).Scan(&problem); err != nil {
			t.Fatalf("tb_nip_problem(%q): %v", nip, err)
		}
		if got := NIPStructure(nip); got != problem.String {
			t.Fatalf("%q: NIPStructure = %q, tb_nip_problem = %q", nip, got, problem.String)
		}
	})
}

// TestNIPStructureAtBoundaries holds tb_nip_problem's fast path (five groups of birth years, each
// with the appointment years it allows, and the days every month has) to NIPStructure on every
// birth year and appointment year around the ranges, with the days and months at their edges:
// a random 18-digit number seldom lands on a group's boundary.
func TestNIPStructureAtBoundaries(t *testing.T) {
	conn := parseMacroConn(t)
	rows, err := conn.QueryContext(context.Background(), `
		WITH nips AS (
		    SELECT b::VARCHAR || md || a::VARCHAR || rest AS nip
		    FROM range(1935, 2016) r1(b),
		         unnest(['0101', '0128', '0129', '0130', '0131', '0229', '0230', '0331', '0431', '0631',
		                 '1231', '1232', '1301', '0001', '0100']) u1(md),
		         range(1955, 2106) r2(a),
		         unnest(['011001', '121002', '212003', '001001', '131001', '201001', '291001', '301001',
		                 '010001', '013001']) u2(rest)
		)
		SELECT nip, tb_nip_problem(nip) FROM nips`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var nip string
		var problem sql.NullString
		if err := rows.Scan(&nip, &problem); err != nil {
			t.Fatal(err)
		}
		if got := NIPStructure(nip); got != problem.String {
			t.Fatalf("%q: NIPStructure = %q, tb_nip_problem = %q", nip, got, problem.String)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if want := 81 * 15 * 151 * 10; n != want {
		t.Fatalf("compared %d NIPs, want %d", n, want)
	}
}

func FuzzParseRegionCode(f *testing.F) {
	for _, c := range regionCases {
		f.Add(c.in)
	}
	conn := parseMacroConn(f)
	stmt := prepareParse(f, conn, `SELECT tb_region(CAST($1 AS VARCHAR)), tb_blank(CAST($1 AS VARCHAR))`)
	f.Fuzz(func(t *testing.T, s string) {
		got, st := ParseRegionCode(s)
		if !sqlComparable(s) {
			return
		}
		var code sql.NullString
		var blank bool
		if err := stmt.QueryRow(s).Scan(&code, &blank); err != nil {
			t.Fatalf("tb_region(%q): %v", s, err)
		}
		checkStatus(t, "ParseRegionCode", s, st, !code.Valid, blank)
		if st == ValueValid && got != code.String {
			t.Fatalf("%q: ParseRegionCode = %q, tb_region = %q", s, got, code.String)
		}
	})
}

// FuzzNormalizeCode holds the three text readers to their macros: NormalizeCode, ParseCode and
// ParseText against tb_lower_code, tb_code and tb_text.
func FuzzNormalizeCode(f *testing.F) {
	for _, c := range codeCases {
		f.Add(c.in)
	}
	conn := parseMacroConn(f)
	stmt := prepareParse(f, conn, `SELECT tb_lower_code(v), tb_code(v), tb_text(v), tb_blank(v) FROM (SELECT CAST($1 AS VARCHAR) AS v)`)
	f.Fuzz(func(t *testing.T, s string) {
		if !sqlComparable(s) {
			return
		}
		var lower, code, text sql.NullString
		var blank bool
		if err := stmt.QueryRow(s).Scan(&lower, &code, &text, &blank); err != nil {
			t.Fatalf("tb_lower_code(%q): %v", s, err)
		}
		for _, c := range []struct {
			name  string
			parse func(string) (string, ValueStatus)
			sql   sql.NullString
		}{{"NormalizeCode", NormalizeCode, lower}, {"ParseCode", ParseCode, code}, {"ParseText", ParseText, text}} {
			got, st := c.parse(s)
			checkStatus(t, c.name, s, st, !c.sql.Valid, blank)
			if st == ValueValid && got != c.sql.String {
				t.Fatalf("%q: %s = %q, SQL says %q", s, c.name, got, c.sql.String)
			}
		}
	})
}

// TestParseMacrosOverTable runs every macro over a table of all the case inputs at once. The fuzz
// targets evaluate one value per query; here DuckDB evaluates whole vectors, where one row's
// failing cast or make_date inside a CASE branch could abort the query for all rows.
func TestParseMacrosOverTable(t *testing.T) {
	ctx := context.Background()
	conn := parseMacroConn(t)
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE parse_cases (s VARCHAR)`); err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, c := range integerCases {
		inputs = append(inputs, c.in)
	}
	for _, c := range decimalCases {
		inputs = append(inputs, c.in)
	}
	for _, c := range dateCases {
		inputs = append(inputs, c.in)
	}
	for _, c := range monthCases {
		inputs = append(inputs, c.in)
	}
	for _, c := range nipCases {
		inputs = append(inputs, c.in)
	}
	for _, c := range nipStructureCases {
		inputs = append(inputs, c.nip)
	}
	for _, c := range regionCases {
		inputs = append(inputs, c.in)
	}
	for _, c := range codeCases {
		inputs = append(inputs, c.in)
	}
	// Plus a NULL, which is what staging stores for an empty cell.
	if _, err := conn.ExecContext(ctx, `INSERT INTO parse_cases SELECT unnest(?::VARCHAR[]) UNION ALL SELECT NULL`,
		inputs); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT s, tb_blank(s), tb_int(s), tb_dec(s), tb_date(s, false), tb_date(s, true),
		tb_month(s, false), tb_month(s, true), tb_nip(s), tb_nip_problem(tb_nip(s)), tb_nip_float(s),
		tb_region(s), tb_lower_code(s)
		FROM parse_cases`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var (
			s                           sql.NullString
			blank, nipFloat             bool
			i                           sql.NullInt64
			x                           sql.NullFloat64
			date, excelDate, month, xlm sql.NullTime
			nip, problem, region, code  sql.NullString
		)
		if err := rows.Scan(&s, &blank, &i, &x, &date, &excelDate, &month, &xlm, &nip, &problem, &nipFloat,
			&region, &code); err != nil {
			t.Fatal(err)
		}
		n++
		in := s.String // NULL reads as "", which every Go parser calls empty
		if blank != IsBlank(in) {
			t.Errorf("%q: tb_blank = %v", in, blank)
		}
		if v, st := ParseInteger(in); st == ValueValid != i.Valid || v != i.Int64 {
			t.Errorf("%q: tb_int = %v, ParseInteger = %d, %v", in, i, v, st)
		}
		if v, st := ParseDecimal(in); st == ValueValid != x.Valid || math.Float64bits(v) != math.Float64bits(x.Float64) {
			t.Errorf("%q: tb_dec = %v, ParseDecimal = %v, %v", in, x, v, st)
		}
		checkTime := func(name string, got sql.NullTime, want time.Time, st ValueStatus) {
			if st == ValueValid != got.Valid || !want.Equal(got.Time) {
				t.Errorf("%q: %s = %v, Go = %v, %v", in, name, got, want, st)
			}
		}
		d, st := ParseDate(in, false)
		checkTime("tb_date", date, d, st)
		d, st = ParseDate(in, true)
		checkTime("tb_date excel", excelDate, d, st)
		d, st = ParseMonth(in, false)
		checkTime("tb_month", month, d, st)
		d, st = ParseMonth(in, true)
		checkTime("tb_month excel", xlm, d, st)
		v, st := ParseNIP(in)
		if st == ValueValid != nip.Valid || v != nip.String {
			t.Errorf("%q: tb_nip = %v, ParseNIP = %q, %v", in, nip, v, st)
		}
		if st == ValueValid && NIPStructure(v) != problem.String {
			t.Errorf("%q: tb_nip_problem = %v, NIPStructure = %q", v, problem, NIPStructure(v))
		}
		if nipFloat != LooksLikeFloatNIP(in) {
			t.Errorf("%q: tb_nip_float = %v", in, nipFloat)
		}
		if v, st := ParseRegionCode(in); st == ValueValid != region.Valid || v != region.String {
			t.Errorf("%q: tb_region = %v, ParseRegionCode = %q, %v", in, region, v, st)
		}
		if v, st := NormalizeCode(in); st == ValueValid != code.Valid || v != code.String {
			t.Errorf("%q: tb_lower_code = %v, NormalizeCode = %q, %v", in, code, v, st)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(inputs)+1 {
		t.Errorf("read %d rows, want %d", n, len(inputs)+1)
	}
}

// TestLowerMatchesDuckDB checks every code point: NormalizeCode lower-cases with Go's Unicode
// tables and tb_lower_code with DuckDB's (utf8proc). Random fuzzing would hardly ever hit a
// letter the two disagree on; a Go or DuckDB upgrade could bring one.
func TestLowerMatchesDuckDB(t *testing.T) {
	conn := parseMacroConn(t)
	// Only the code points DuckDB changes cross the driver; every other one must stay as it is.
	rows, err := conn.QueryContext(context.Background(), `SELECT i, lower(chr(i::INTEGER)) FROM range(1, 1114112) r(i)
		WHERE (i < 55296 OR i > 57343) AND lower(chr(i::INTEGER)) <> chr(i::INTEGER)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	lowered := map[rune]string{}
	for rows.Next() {
		var r int64
		var l string
		if err := rows.Scan(&r, &l); err != nil {
			t.Fatal(err)
		}
		lowered[rune(r)] = l
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(lowered) < 1000 {
		t.Fatalf("DuckDB lower-cases only %d code points; the query is wrong", len(lowered))
	}
	for r := rune(1); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		want, ok := lowered[r]
		if !ok {
			want = string(r)
		}
		if got := strings.ToLower(string(r)); got != want {
			t.Errorf("U+%04X %q: Go lower-cases to %q, DuckDB to %q", r, string(r), got, want)
		}
	}
}

// TestDecimalRoundingMatchesDuckDB backs the exact float comparison of FuzzParseDecimal with the
// hardest inputs for a decimal parser: exact midpoints between neighbouring doubles (normal and
// subnormal), and long mantissas. Both sides must round them the same way.
func TestDecimalRoundingMatchesDuckDB(t *testing.T) {
	ctx := context.Background()
	conn := parseMacroConn(t)
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE rounding (s VARCHAR)`); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2024, 31))
	var inputs []string
	for range 1000 {
		x := math.Float64frombits(rng.Uint64() & 0x7fef_ffff_ffff_ffff) // finite, positive
		if rng.IntN(4) == 0 {
			x = math.Float64frombits(rng.Uint64N(1 << 52)) // subnormal
		}
		mid := new(big.Float).SetPrec(2200).SetFloat64(x)
		mid.Add(mid, new(big.Float).SetFloat64(math.Nextafter(x, math.Inf(1))))
		mid.Quo(mid, big.NewFloat(2))
		inputs = append(inputs, mid.Text('e', -1), strconv.FormatFloat(x, 'e', 16+rng.IntN(10), 64))
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO rounding SELECT unnest(?::VARCHAR[])`, inputs); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT s, tb_dec(s) FROM rounding`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		var s string
		var x sql.NullFloat64
		if err := rows.Scan(&s, &x); err != nil {
			t.Fatal(err)
		}
		got, st := ParseDecimal(s)
		if st != ValueValid || !x.Valid || math.Float64bits(got) != math.Float64bits(x.Float64) {
			t.Errorf("%s: ParseDecimal = %v, %v; tb_dec = %v", s, got, st, x)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(inputs) {
		t.Fatalf("compared %d values, want %d", n, len(inputs))
	}
}
