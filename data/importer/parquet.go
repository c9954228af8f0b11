package importer

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// stageParquet reads a Parquet file's column names; the parse step then reads it with DuckDB's
// reader, every column turned into text so one validator serves every format: a NIP stored as
// a DOUBLE arrives as "1.98...e+17" and is reported like a NIP typed as a number in Excel.
func stageParquet(ctx context.Context, conn *sql.Conn, src Source) (staged, error) {
	path := sql.Named("path", src.Path)
	headers, err := columnNames(ctx, conn, `read_parquet($path)`, path)
	if err != nil {
		return staged{}, fmt.Errorf("%s: read Parquet: %w", src.Name, err)
	}
	// Rename positionally, so the file's own column names never appear in SQL text.
	aliases := make([]string, len(headers))
	for i := range headers {
		aliases[i] = fmt.Sprintf("c%d", i+1)
	}
	return staged{
		from:    fmt.Sprintf(`(SELECT COLUMNS(*)::VARCHAR FROM read_parquet($path)) AS t(%s)`, strings.Join(aliases, ", ")),
		args:    []any{path},
		headers: headers,
	}, nil
}

// columnNames lists the columns of a table or reader call in order.
func columnNames(ctx context.Context, conn *sql.Conn, from string, args ...any) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT * FROM `+from+` LIMIT 0`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}
