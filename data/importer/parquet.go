package importer

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// stageParquet reads a Parquet file with DuckDB's reader and turns every column into text, so
// one validator serves every format: a NIP stored as a DOUBLE arrives as "1.98...e+17" and is
// reported like a NIP typed as a number in Excel.
func stageParquet(ctx context.Context, conn *sql.Conn, src Source, table string) (staged, error) {
	raw := table + "_raw"
	_, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE %s AS
		SELECT (ordinality + 1)::BIGINT AS _row, COLUMNS(* EXCLUDE (ordinality))::VARCHAR
		FROM read_parquet($path) WITH ORDINALITY`, raw), sql.Named("path", src.Path))
	if err != nil {
		return staged{}, fmt.Errorf("%s: read Parquet: %w", src.Name, err)
	}
	headers, err := columnNames(ctx, conn, raw)
	if err != nil {
		return staged{}, err
	}
	headers = headers[1:] // _row
	// Rename positionally, so the file's own column names never appear in SQL text.
	aliases := []string{"_row"}
	for i := range headers {
		aliases = append(aliases, fmt.Sprintf("c%d", i+1))
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE %s AS SELECT * FROM %s AS t(%s); DROP TABLE %s`,
		table, raw, strings.Join(aliases, ", "), raw)); err != nil {
		return staged{}, fmt.Errorf("%s: %w", src.Name, err)
	}
	st := staged{table: table, headers: headers}
	err = conn.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&st.rows)
	return st, err
}

// columnNames lists a table's columns in order.
func columnNames(ctx context.Context, conn *sql.Conn, table string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT * FROM `+table+` LIMIT 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}
