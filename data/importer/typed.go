package importer

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// The SQL in this file is assembled from the column specifications in kinds.go, never from a
// file's contents: column and table names are our own constants, values are read from the
// staged tables.

// batchTable is the temporary relation holding every file of one kind in a batch: _file, _row,
// each column parsed (NULL when blank or invalid) and raw_<column>, the cell as written where it
// could not be read (see parseFileSQL). It is a view over the kind's file tables, or an empty
// table when the batch has no file of the kind.
func batchTable(k Kind) string { return "batch_" + k.Name }

// emptyBatchSQL creates the empty batch table of a kind without files, which the reference
// checks of the other kinds still read.
func emptyBatchSQL(k Kind) string {
	cols := []string{"_file VARCHAR", "_row BIGINT"}
	for _, c := range k.Columns {
		cols = append(cols, fmt.Sprintf("%s %s", c.Name, sqlType(c.Type)), fmt.Sprintf("raw_%s VARCHAR", c.Name))
	}
	return fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s (%s)", batchTable(k), strings.Join(cols, ", "))
}

// fileTable is one parsed file of a batch.
type fileTable struct {
	table   string
	name    string   // the file as the user knows it
	st      staged   // where its cells are, for the report
	mapping []string // the canonical column of each staged column, "" for unknown ones
}

// batchViewSQL joins the parsed files of one kind into its batch relation, unpacking each
// file's _raw list (see parseFileSQL) into the raw_<column> columns.
func batchViewSQL(k Kind, files []fileTable) string {
	var cols []string
	for i, c := range k.Columns {
		cols = append(cols, fmt.Sprintf("%[1]s, CASE WHEN %[1]s IS NULL THEN _raw[%[2]d] END AS raw_%[1]s", c.Name, i+1))
	}
	parts := make([]string, len(files))
	for i, f := range files {
		row := "rowid + 2" // the header is row 1
		if f.st.numbered {
			row = "_row"
		}
		parts[i] = fmt.Sprintf("SELECT %s AS _file, %s AS _row, %s FROM %s", sqlString(f.name), row, strings.Join(cols, ", "), f.table)
	}
	return fmt.Sprintf("CREATE OR REPLACE TEMP VIEW %s AS\n%s", batchTable(k), strings.Join(parts, "\nUNION ALL\n"))
}

func sqlType(t ColumnType) string {
	switch t {
	case Integer:
		return "BIGINT"
	case Decimal, Latitude, Longitude:
		return "DOUBLE"
	case Date, Month:
		return "DATE"
	}
	return "VARCHAR"
}

// parseFileSQL reads and parses a staged file into its own table in one pass: _row if the file
// numbers its rows, then each column of the kind parsed, in the kind's order, then _raw: the
// row's cells as written, in the same order, on rows where some value could not be read (blank
// or invalid), else NULL. The checks need the text only where a value is NULL, to tell blank
// from invalid; the report looks up the cells it shows (cellValues). One list instead of a
// text column per column: thirteen columns of NULLs cost a third of the plain read to store.
// mapping[i] is the canonical column that staged column c<i+1> fills, "" for unknown columns.
//
// The SELECTs nest because a macro is pasted in wherever it is used, so an expression named
// twice is computed twice. From the inside out: parse each cell as it stands; parse the trimmed
// cell where that gave nothing (see parseExpr); map allowed values (a CASE that names the value
// once per value it allows); pack the raw text of the rows that need it.
func parseFileSQL(k Kind, st staged, table string, mapping []string) string {
	source := map[string]string{}
	for i, name := range mapping {
		if name != "" {
			source[name] = fmt.Sprintf("c%d", i+1)
		}
	}
	excel := "false"
	if st.excel {
		excel = "true"
	}
	var asIs, trimmed, allowed, kept, unread, raws []string
	if st.numbered {
		for _, l := range []*[]string{&asIs, &trimmed, &allowed, &kept} {
			*l = append(*l, "_row")
		}
	}
	for _, c := range k.Columns {
		raw, ok := source[c.Name]
		switch {
		case !ok && c.Default != "":
			raw = sqlString(c.Default)
		case !ok:
			raw = "NULL::VARCHAR"
		}
		untrimmed, retry := parseExpr(c, excel)
		allow := func(v string) string { return enumExpr(c, v) }
		if enumDirect(c) {
			untrimmed, retry = allow, true
			allow = func(v string) string { return v }
		}
		asIs = append(asIs, fmt.Sprintf("%s AS %s, %s AS raw_%s", untrimmed(raw), c.Name, raw, c.Name))
		if retry {
			trimmed = append(trimmed, fmt.Sprintf("CASE WHEN %[1]s IS NOT NULL THEN %[1]s ELSE %[2]s END AS %[1]s, raw_%[1]s",
				c.Name, untrimmed("tb_trim(raw_"+c.Name+")")))
		} else {
			trimmed = append(trimmed, fmt.Sprintf("%[1]s, raw_%[1]s", c.Name))
		}
		allowed = append(allowed, fmt.Sprintf("%s AS %s, raw_%s", allow(c.Name), c.Name, c.Name))
		kept = append(kept, c.Name)
		unread = append(unread, c.Name+" IS NULL")
		raws = append(raws, "raw_"+c.Name)
	}
	kept = append(kept, fmt.Sprintf("CASE WHEN %s THEN [%s] END AS _raw", strings.Join(unread, " OR "), strings.Join(raws, ", ")))
	return fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s AS SELECT %s FROM (SELECT %s FROM (SELECT %s FROM (SELECT %s FROM %s)))",
		table, strings.Join(kept, ", "), strings.Join(allowed, ", "), strings.Join(trimmed, ", "), strings.Join(asIs, ", "), st.from)
}

// parseExpr gives the SQL that turns a cell's text into the column's value, NULL when blank or
// invalid. The import must give what tb_x(v), which is tb__x(tb_trim(v)), gives
// (queries/parse_macros.sql). Trimming costs as much as parsing and almost no cell needs it, so
// when retry is true parse is tb__x, applied to the cell as it stands and then, only where that
// gave nothing, to the trimmed cell. That is the same: every form a tb__x accepts is made of
// characters that are never trimmed, so a cell it accepts as it stands has nothing to trim. A
// NIP needs no trim (tb_nip removes the trim characters wherever they are); free text always
// does.
func parseExpr(c Column, excel string) (parse func(v string) string, retry bool) {
	var macro string
	switch c.Type {
	case NIP:
		return func(v string) string { return fmt.Sprintf("tb_nip(%s)", v) }, false
	case Integer:
		macro = "tb__int(%s)"
	case Decimal, Latitude, Longitude:
		macro = "tb__dec(%s)"
	case Date:
		macro = "tb__date(%s, " + excel + ")"
	case Month:
		macro = "tb__month(%s, " + excel + ")"
	case RegionCode:
		macro = "tb__region(%s)"
	case Code:
		// A code may not hold white space at all, and every trim character is white space.
		macro = "tb__code(%s)"
		if c.Fold {
			macro = "lower(tb__code(%s))"
		}
	default:
		return func(v string) string { return fmt.Sprintf("tb_text(%s)", v) }, false
	}
	return func(v string) string { return fmt.Sprintf(macro, v) }, true
}

// enumExpr matches a value (SQL expression v) against the column's allowed values
// case-insensitively and gives them as the specification spells them; other columns pass
// through.
func enumExpr(c Column, v string) string {
	if len(c.Enum) == 0 {
		return v
	}
	var when []string
	for _, e := range c.Enum {
		when = append(when, fmt.Sprintf("WHEN %s THEN %s", sqlString(strings.ToLower(e)), sqlString(e)))
	}
	return fmt.Sprintf("CASE lower(%s) %s END", v, strings.Join(when, " "))
}

// enumDirect reports whether a column's cells can be matched against its allowed values as they
// stand, instead of parsed first: true for codes and text with a list of allowed values that
// hold nothing parsing would remove (no white space in a code, nothing to trim around text).
// Then a cell that matches as it stands is the value parsing would have matched, and one that
// does not is retried trimmed, as every parse is; the code's test for white space inside (a
// regular expression on every cell, 0.35 s of CPU per 5,000,000 cells) is spared, as a value
// with white space inside matches no allowed code anyway.
func enumDirect(c Column) bool {
	if len(c.Enum) == 0 || (c.Type != Code && c.Type != Text) {
		return false
	}
	for _, e := range c.Enum {
		if e == "" || (c.Type == Code && strings.IndexFunc(e, isCodeSpace) >= 0) || trimValue(e) != e {
			return false
		}
	}
	return true
}

// sqlString quotes a constant of ours as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// problemSelect is the common projection of every check: file, row, column, code, param. The
// value a person typed is looked up afterwards for the problems listed (see cellValues), so the
// batch need not carry a copy of every cell as written.
func problemSelect(k Kind, column, code, param, where string) string {
	return fmt.Sprintf("SELECT _file, _row, %s, %s, %s FROM %s WHERE %s",
		sqlString(column), sqlString(code), param, batchTable(k), where)
}

// columnChecksSQL checks every value on its own: required, parses, allowed value, range,
// NIP structure; and keys repeated inside the batch.
func columnChecksSQL(k Kind) string {
	var parts []string
	for _, c := range k.Columns {
		raw := "raw_" + c.Name
		if c.Required && c.Default == "" {
			parts = append(parts, problemSelect(k, c.Name, "required", "''", fmt.Sprintf("%s IS NULL AND tb_blank(%s)", c.Name, raw)))
		}
		invalid := fmt.Sprintf("%s IS NULL AND NOT tb_blank(%s)", c.Name, raw)
		switch {
		case len(c.Enum) > 0:
			parts = append(parts, problemSelect(k, c.Name, "invalid_enum", sqlString(strings.Join(c.Enum, ", ")), invalid))
		case c.Type == NIP:
			parts = append(parts, fmt.Sprintf(
				"SELECT _file, _row, 'nip', CASE WHEN tb_nip_float(%[1]s) THEN 'nip_float' ELSE 'nip_length' END, "+
					"CASE WHEN tb_nip_float(%[1]s) THEN '' ELSE length(regexp_replace(%[1]s, '[^0-9]', '', 'g'))::VARCHAR END FROM %[2]s WHERE %[3]s",
				raw, batchTable(k), invalid),
				fmt.Sprintf(
					"SELECT _file, _row, %s, 'nip_' || tb_nip_problem(%s), '' FROM %s WHERE %s IS NOT NULL AND tb_nip_problem(%s) IS NOT NULL",
					sqlString(c.Name), c.Name, batchTable(k), c.Name, c.Name))
		default:
			parts = append(parts, problemSelect(k, c.Name, "invalid_"+typeWord(c), "''", invalid))
		}
		if c.Min != nil {
			parts = append(parts, problemSelect(k, c.Name, "min", sqlString(formatFloat(*c.Min)), fmt.Sprintf("%s < %s", c.Name, formatFloat(*c.Min))))
		}
		if c.Max != nil {
			parts = append(parts, problemSelect(k, c.Name, "max", sqlString(formatFloat(*c.Max)), fmt.Sprintf("%s > %s", c.Name, formatFloat(*c.Max))))
		}
		switch c.Type {
		case Latitude:
			parts = append(parts, problemSelect(k, c.Name, "outside_indonesia", "''", fmt.Sprintf("%s NOT BETWEEN %s AND %s", c.Name, formatFloat(bboxSouth), formatFloat(bboxNorth))))
		case Longitude:
			parts = append(parts, problemSelect(k, c.Name, "outside_indonesia", "''", fmt.Sprintf("%s NOT BETWEEN %s AND %s", c.Name, formatFloat(bboxWest), formatFloat(bboxEast))))
		}
	}
	parts = append(parts, duplicateCheckSQL(k))
	return strings.Join(parts, "\nUNION ALL\n")
}

// Indonesia's bounding box, with a margin for outlying islands.
const (
	bboxSouth, bboxNorth = -11.5, 6.5
	bboxWest, bboxEast   = 94.5, 141.5
)

// duplicateCheckSQL reports every row whose natural key an earlier row of the batch has. Only
// the keys whose hash a grouping finds repeated go through the window, which would otherwise
// sort millions of rows; a hash collision only adds a key to the window, which compares the
// keys themselves.
func duplicateCheckSQL(k Kind) string {
	var keys, notNull []string
	for _, c := range k.Keys() {
		keys = append(keys, c.Name)
		notNull = append(notNull, c.Name+" IS NOT NULL")
	}
	key := strings.Join(keys, ", ")
	return fmt.Sprintf(`SELECT _file, _row, %[1]s, 'duplicate', first_at FROM (
    SELECT _file, _row,
           row_number() OVER w AS n,
           first_value(_file || ' row ' || _row) OVER w AS first_at
    FROM %[2]s
    WHERE %[4]s AND hash(%[3]s) IN (SELECT hash(%[3]s) FROM %[2]s WHERE %[4]s GROUP BY ALL HAVING count(*) > 1)
    WINDOW w AS (PARTITION BY %[3]s ORDER BY _file, _row)
) WHERE n > 1`, sqlString(keys[0]), batchTable(k), key, strings.Join(notNull, " AND "))
}

func typeWord(c Column) string {
	switch c.Type {
	case Code:
		return "code"
	case Integer:
		return "integer"
	case Decimal:
		return "decimal"
	case Date:
		return "date"
	case Month:
		return "month"
	case Latitude:
		return "latitude"
	case Longitude:
		return "longitude"
	case RegionCode:
		return "region"
	}
	return "text"
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// countSQL counts, for a kind's batch, the rows that would be inserted, updated and left
// unchanged, comparing only the columns the batch's files carry.
func countSQL(k Kind, present []string) string {
	key := k.Keys()[0].Name
	return fmt.Sprintf(`SELECT count(*) FILTER (WHERE t.%[1]s IS NULL),
       count(*) FILTER (WHERE t.%[1]s IS NOT NULL AND (%[2]s)),
       count(*) FILTER (WHERE t.%[1]s IS NOT NULL AND NOT (%[2]s))
FROM %[3]s b LEFT JOIN %[4]s t ON %[5]s`, key, valuesDifferSQL(k, present, "t"), batchTable(k), k.Table, keysEqual(k, "t", "b"))
}

// valuesDifferSQL is true where a batch row (alias b) carries a value the stored row (alias
// stored) does not have, in the columns the files carry; "false" when they carry only the key.
func valuesDifferSQL(k Kind, present []string, stored string) string {
	var differ []string
	for _, name := range present {
		if c, _ := k.Column(name); !c.Key {
			differ = append(differ, fmt.Sprintf("b.%[1]s IS DISTINCT FROM %[2]s.%[1]s", name, stored))
		}
	}
	if len(differ) == 0 {
		return "false"
	}
	return strings.Join(differ, " OR ")
}

// changedValuesSQL lists the distinct values of column among the batch rows that the apply will
// insert (no stored row has their key) or update (valuesDifferSQL), in order. Run before the
// apply writes anything.
func changedValuesSQL(k Kind, present []string, column string) string {
	return fmt.Sprintf(`SELECT DISTINCT b.%[1]s
FROM %[2]s b LEFT JOIN %[3]s t ON %[4]s
WHERE t.%[5]s IS NULL OR %[6]s
ORDER BY 1`, column, batchTable(k), k.Table, keysEqual(k, "t", "b"), k.Keys()[0].Name, valuesDifferSQL(k, present, "t"))
}

// updateSQL writes the columns the files carry into the stored rows whose key the batch has
// and whose values differ (columns a file does not have keep their stored values); "" when
// the files carry nothing but the key.
func updateSQL(k Kind, present []string) string {
	var set []string
	sort.Strings(present)
	for _, name := range present {
		if c, _ := k.Column(name); !c.Key {
			set = append(set, fmt.Sprintf("%[1]s = b.%[1]s", name))
		}
	}
	if len(set) == 0 {
		return ""
	}
	return fmt.Sprintf("UPDATE %s SET %s FROM %s AS b WHERE %s AND (%s)",
		k.Table, strings.Join(set, ", "), batchTable(k), keysEqual(k, k.Table, "b"), valuesDifferSQL(k, present, k.Table))
}

// insertSQL inserts the batch's rows whose key is not stored yet. Checking for the key keeps
// this a bulk insert: the largest tables have no primary-key index to conflict on (migration
// 5), and ON CONFLICT would need one. NOT IN rather than NOT EXISTS: DuckDB plans NOT EXISTS as
// an anti-join, and inserting its output took 0.15-0.25 s more than inserting the same
// 2,000,000 staff rows unfiltered; NOT IN plans as a join that marks each row and a filter,
// within 0.05 s of unfiltered. NOT IN is NULL whenever a key is NULL, which cannot happen here:
// stored keys are NOT NULL, and a batch with a blank key is rejected before it is applied.
//
// Rows go in in the file's order, not sorted by unit (which would keep migrations 11 and 12's
// unit order for the unit page): sorting 5,000,000 staff rows of 13 columns costs about 4 s of
// CPU, more than every check of the import together. SIMPEG and Dapodik exports list staff unit
// by unit, so a whole export keeps the order by itself.
func insertSQL(k Kind) string {
	cols, exprs := []string{}, []string{}
	for _, c := range k.Columns {
		cols = append(cols, c.Name)
		exprs = append(exprs, insertExpr(k, c))
	}
	for name, expr := range derivedColumns[k.Name] {
		cols = append(cols, name)
		exprs = append(exprs, expr)
	}
	return fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s AS b WHERE %s NOT IN (SELECT %s FROM %s AS t)",
		k.Table, strings.Join(cols, ", "), strings.Join(exprs, ", "), batchTable(k), keyTuple(k, "b"), keyTuple(k, "t"), k.Table)
}

// keyTuple is a kind's key as one value: the column, or a row of the columns when the key has
// several.
func keyTuple(k Kind, alias string) string {
	var cols []string
	for _, c := range k.Keys() {
		cols = append(cols, alias+"."+c.Name)
	}
	if len(cols) == 1 {
		return cols[0]
	}
	return "(" + strings.Join(cols, ", ") + ")"
}

// keysEqual is the join condition on a kind's key columns between two aliases.
func keysEqual(k Kind, left, right string) string {
	var on []string
	for _, c := range k.Keys() {
		on = append(on, fmt.Sprintf("%[2]s.%[1]s = %[3]s.%[1]s", c.Name, left, right))
	}
	return strings.Join(on, " AND ")
}

// insertExpr fills columns the database requires but a file may leave out.
func insertExpr(k Kind, c Column) string {
	if k.Name == "activities" && c.Name == "name_en" {
		return "coalesce(name_en, name_id)"
	}
	return c.Name
}

// derivedColumns are table columns computed from others, not imported.
var derivedColumns = map[string]map[string]string{
	"regions": {
		"level":       "CASE length(code) WHEN 2 THEN 1 WHEN 5 THEN 2 WHEN 8 THEN 3 ELSE 4 END",
		"parent_code": "CASE length(code) WHEN 2 THEN NULL WHEN 13 THEN left(code, 8) ELSE left(code, length(code) - 3) END",
	},
}
