package importer

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"strings"
)

// stageCSV sniffs the delimiter and header in Go and leaves the rows to DuckDB's parallel CSV
// reader, which the parse step runs. Malformed lines (wrong number of fields, an unterminated
// quote) do not abort the read: they land in a rejects table and become problems with their
// line numbers, so the user sees every bad line at once.
func stageCSV(src Source, table string) (staged, error) {
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
	rejects := table + "_rejects"
	from := fmt.Sprintf(`read_csv($path, delim = $delim, quote = '"', escape = '"', header = false, skip = 1,
		all_varchar = true, strict_mode = true, columns = {%s},
		store_rejects = true, rejects_table = '%s', rejects_scan = '%s_scans')`, strings.Join(cols, ", "), rejects, table)
	return staged{
		from:    from,
		args:    []any{sql.Named("path", src.Path), sql.Named("delim", string(delim))},
		headers: headers,
		rejects: rejects,
	}, nil
}

// csvRejects returns the lines DuckDB's reader could not split into the header's columns.
func csvRejects(ctx context.Context, conn *sql.Conn, src Source, st staged) ([]Problem, error) {
	if st.rejects == "" {
		return nil, nil // not a CSV file
	}
	rows, err := conn.QueryContext(ctx, fmt.Sprintf(
		`SELECT line, coalesce(csv_line, ''), error_type FROM %s ORDER BY line`, st.rejects))
	if err != nil {
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
