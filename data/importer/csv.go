package importer

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"strings"
)

// stageCSV sniffs the delimiter and header in Go, then lets DuckDB's parallel CSV reader copy
// the rows into table as text. Malformed lines (wrong number of fields, an unterminated
// quote) do not abort the read: they land in a rejects table and become problems with their
// line numbers, so the user sees every bad line at once.
func stageCSV(ctx context.Context, conn *sql.Conn, src Source, table string) (staged, error) {
	f, err := os.Open(src.Path)
	if err != nil {
		return staged{}, err
	}
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	_ = f.Close()
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return staged{}, fmt.Errorf("%s: %w", src.Name, err)
	}
	head = head[:n]
	delim, err := sniffCSV(head)
	if err != nil {
		return staged{}, fmt.Errorf("%s: %w", src.Name, err)
	}
	headers, err := readHeader(head, delim)
	if err != nil {
		return staged{}, fmt.Errorf("%s: %w", src.Name, err)
	}
	if len(headers) == 0 {
		return staged{}, fmt.Errorf("%s: the first line holds no column names", src.Name)
	}
	// The column list is ours (c1..cN); only the path and delimiter come from outside, and they
	// are bound as parameters.
	cols := make([]string, len(headers))
	for i := range headers {
		cols[i] = fmt.Sprintf("'c%d': 'VARCHAR'", i+1)
	}
	q := fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE %[1]s AS
		SELECT (ordinality + 1)::BIGINT AS _row, * EXCLUDE (ordinality)
		FROM read_csv($path, delim = $delim, quote = '"', escape = '"', header = false, skip = 1,
		              all_varchar = true, strict_mode = true, columns = {%[2]s},
		              store_rejects = true, rejects_table = '%[1]s_rejects', rejects_scan = '%[1]s_scans')
		WITH ORDINALITY`, table, strings.Join(cols, ", "))
	if _, err := conn.ExecContext(ctx, q, sql.Named("path", src.Path), sql.Named("delim", string(delim))); err != nil {
		return staged{}, fmt.Errorf("%s: read CSV: %w", src.Name, err)
	}
	st := staged{table: table, headers: headers}
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&st.rows); err != nil {
		return st, err
	}
	return st, nil
}

// csvRejects returns the lines DuckDB's reader could not split into the header's columns.
func csvRejects(ctx context.Context, conn *sql.Conn, src Source, table string) ([]Problem, error) {
	rows, err := conn.QueryContext(ctx, fmt.Sprintf(
		`SELECT line, coalesce(csv_line, ''), error_type FROM %s_rejects ORDER BY line`, table))
	if err != nil {
		if strings.Contains(err.Error(), "does not exist") {
			return nil, nil // no rejects table: a file that is not CSV
		}
		return nil, err
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var p Problem
		var kind string
		if err := rows.Scan(&p.Row, &p.Value, &kind); err != nil {
			return nil, err
		}
		p.File = src.Name
		p.Code = "csv_line"
		p.Param = strings.ToLower(kind)
		if len(p.Value) > 120 {
			p.Value = p.Value[:120] + "…"
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
