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

// batchTable is the temporary table holding every file of one kind in a batch: _file, _row,
// each column parsed (NULL when blank or invalid) and raw_<column> as the file had it.
func batchTable(k Kind) string { return "batch_" + k.Name }

// createBatchSQL creates the empty batch table of a kind.
func createBatchSQL(k Kind) string {
	cols := []string{"_file VARCHAR", "_row BIGINT"}
	for _, c := range k.Columns {
		cols = append(cols, fmt.Sprintf("%s %s", c.Name, sqlType(c.Type)), fmt.Sprintf("raw_%s VARCHAR", c.Name))
	}
	return fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s (%s)", batchTable(k), strings.Join(cols, ", "))
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

// fillBatchSQL parses a staged file into the kind's batch table. mapping[i] is the canonical
// column that staged column c<i+1> fills, "" for unknown columns.
func fillBatchSQL(k Kind, st staged, file string, mapping []string) string {
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
	cols := []string{"_file", "_row"}
	exprs := []string{sqlString(file), "_row"}
	for _, c := range k.Columns {
		raw, ok := source[c.Name]
		switch {
		case !ok && c.Default != "":
			raw = sqlString(c.Default)
		case !ok:
			raw = "NULL::VARCHAR"
		}
		cols = append(cols, c.Name, "raw_"+c.Name)
		exprs = append(exprs, parseExpr(c, raw, excel), raw)
	}
	return fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s",
		batchTable(k), strings.Join(cols, ", "), strings.Join(exprs, ", "), st.table)
}

// parseExpr is the SQL that turns raw text into the column's value, NULL when blank or
// invalid; the tb_ macros are in queries/parse_macros.sql.
func parseExpr(c Column, raw, excel string) string {
	var e string
	switch c.Type {
	case NIP:
		e = fmt.Sprintf("tb_nip(%s)", raw)
	case Integer:
		e = fmt.Sprintf("tb_int(%s)", raw)
	case Decimal, Latitude, Longitude:
		e = fmt.Sprintf("tb_dec(%s)", raw)
	case Date:
		e = fmt.Sprintf("tb_date(%s, %s)", raw, excel)
	case Month:
		e = fmt.Sprintf("tb_month(%s, %s)", raw, excel)
	case RegionCode:
		e = fmt.Sprintf("tb_region(%s)", raw)
	case Code:
		if c.Fold {
			e = fmt.Sprintf("tb_lower_code(%s)", raw)
		} else {
			e = fmt.Sprintf("CASE WHEN tb_blank(%[1]s) OR regexp_matches(trim(%[1]s), '\\s') THEN NULL ELSE trim(%[1]s) END", raw)
		}
	default:
		e = fmt.Sprintf("CASE WHEN tb_blank(%[1]s) THEN NULL ELSE trim(%[1]s) END", raw)
	}
	if len(c.Enum) == 0 {
		return e
	}
	// Match allowed values case-insensitively and store them as the specification spells them.
	var when []string
	for _, v := range c.Enum {
		when = append(when, fmt.Sprintf("WHEN %s THEN %s", sqlString(strings.ToLower(v)), sqlString(v)))
	}
	return fmt.Sprintf("CASE lower(%s) %s END", e, strings.Join(when, " "))
}

// sqlString quotes a constant of ours as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// problemSelect is the common projection of every check: file, row, column, value, code, param.
func problemSelect(k Kind, column, code, param, where string) string {
	return fmt.Sprintf("SELECT _file, _row, %s, coalesce(raw_%s, ''), %s, %s FROM %s WHERE %s",
		sqlString(column), column, sqlString(code), param, batchTable(k), where)
}

// columnChecksSQL checks every value on its own: required, parses, allowed value, range,
// NIP structure; and keys repeated inside the batch.
func columnChecksSQL(k Kind) string {
	var parts []string
	for _, c := range k.Columns {
		raw := "raw_" + c.Name
		if c.Required && c.Default == "" {
			parts = append(parts, problemSelect(k, c.Name, "required", "''", fmt.Sprintf("tb_blank(%s)", raw)))
		}
		invalid := fmt.Sprintf("NOT tb_blank(%s) AND %s IS NULL", raw, c.Name)
		switch {
		case len(c.Enum) > 0:
			parts = append(parts, problemSelect(k, c.Name, "invalid_enum", sqlString(strings.Join(c.Enum, ", ")), invalid))
		case c.Type == NIP:
			parts = append(parts, fmt.Sprintf(
				"SELECT _file, _row, 'nip', %[1]s, CASE WHEN tb_nip_float(%[1]s) THEN 'nip_float' ELSE 'nip_length' END, "+
					"CASE WHEN tb_nip_float(%[1]s) THEN '' ELSE length(regexp_replace(%[1]s, '[^0-9]', '', 'g'))::VARCHAR END FROM %[2]s WHERE %[3]s",
				raw, batchTable(k), invalid),
				fmt.Sprintf(
					"SELECT _file, _row, %s, %s, 'nip_' || tb_nip_problem(%s), '' FROM %s WHERE %s IS NOT NULL AND tb_nip_problem(%s) IS NOT NULL",
					sqlString(c.Name), raw, c.Name, batchTable(k), c.Name, c.Name))
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

// duplicateCheckSQL reports every row whose natural key an earlier row of the batch has.
func duplicateCheckSQL(k Kind) string {
	var keys, notNull []string
	for _, c := range k.Keys() {
		keys = append(keys, c.Name)
		notNull = append(notNull, c.Name+" IS NOT NULL")
	}
	first := keys[0]
	return fmt.Sprintf(`SELECT _file, _row, %[1]s, coalesce(raw_%[2]s, ''), 'duplicate', first_at FROM (
    SELECT _file, _row, raw_%[2]s,
           row_number() OVER w AS n,
           first_value(_file || ' row ' || _row) OVER w AS first_at
    FROM %[3]s WHERE %[4]s
    WINDOW w AS (PARTITION BY %[5]s ORDER BY _file, _row)
) WHERE n > 1`, sqlString(first), first, batchTable(k), strings.Join(notNull, " AND "), strings.Join(keys, ", "))
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
	var on, differ []string
	for _, c := range k.Keys() {
		on = append(on, fmt.Sprintf("t.%[1]s = b.%[1]s", c.Name))
	}
	for _, name := range present {
		if c, _ := k.Column(name); !c.Key {
			differ = append(differ, fmt.Sprintf("b.%[1]s IS DISTINCT FROM t.%[1]s", name))
		}
	}
	changed := "false"
	if len(differ) > 0 {
		changed = strings.Join(differ, " OR ")
	}
	key := k.Keys()[0].Name
	return fmt.Sprintf(`SELECT count(*) FILTER (WHERE t.%[1]s IS NULL),
       count(*) FILTER (WHERE t.%[1]s IS NOT NULL AND (%[2]s)),
       count(*) FILTER (WHERE t.%[1]s IS NOT NULL AND NOT (%[2]s))
FROM %[3]s b LEFT JOIN %[4]s t ON %[5]s`, key, changed, batchTable(k), k.Table, strings.Join(on, " AND "))
}

// upsertSQL writes a kind's batch into its table: new keys are inserted, existing ones get
// the columns the files carry (columns a file does not have keep their stored values).
func upsertSQL(k Kind, present []string) string {
	cols, exprs := []string{}, []string{}
	for _, c := range k.Columns {
		cols = append(cols, c.Name)
		exprs = append(exprs, insertExpr(k, c))
	}
	for name, expr := range derivedColumns[k.Name] {
		cols = append(cols, name)
		exprs = append(exprs, expr)
	}
	var keys, set []string
	for _, c := range k.Keys() {
		keys = append(keys, c.Name)
	}
	sort.Strings(present)
	for _, name := range present {
		if c, _ := k.Column(name); !c.Key {
			set = append(set, fmt.Sprintf("%[1]s = excluded.%[1]s", name))
		}
	}
	conflict := "DO NOTHING"
	if len(set) > 0 {
		conflict = "DO UPDATE SET " + strings.Join(set, ", ")
	}
	return fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s ON CONFLICT (%s) %s",
		k.Table, strings.Join(cols, ", "), strings.Join(exprs, ", "), batchTable(k), strings.Join(keys, ", "), conflict)
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
