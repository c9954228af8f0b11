package importer

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
)

// Source is one file of a batch.
type Source struct {
	Name  string // as the user knows it (the uploaded or given file name), used in reports
	Path  string // where it is on disk
	Sheet string // XLSX only: the sheet to read; "" is the first sheet
}

// Limits bound what an import reads.
type Limits struct {
	MaxFileBytes int64 // a file larger than this is refused before it is read
	// XLSX files are zip archives: refuse archives that would unpack to more than this, or
	// whose parts unpack more than MaxXLSXRatio times their compressed size (zip bombs).
	MaxXLSXUnpacked int64
	MaxXLSXRatio    float64
}

// DefaultLimits: 512 MB files; XLSX unpacked to at most 4 GB and 200:1.
var DefaultLimits = Limits{MaxFileBytes: 512 << 20, MaxXLSXUnpacked: 4 << 30, MaxXLSXRatio: 200}

// staged is a file ready to be parsed: the rows of from, text columns c1..cN in file order,
// NULL for empty cells. from is a staging table (XLSX, which the importer reads itself) or a
// DuckDB reader call (CSV, Parquet), which the parse step then runs once, reading and parsing
// the file in one parallel pass instead of copying it as text first.
type staged struct {
	from    string
	args    []any    // named parameters of from (the path, the delimiter)
	headers []string // the header cells, in file order (c1 is headers[0])
	// numbered says from has a BIGINT column _row holding the row number a person sees in a
	// spreadsheet (the header is row 1). Otherwise rows come in file order and are numbered
	// from 2: DuckDB keeps insertion order, so a table filled from from numbers them by rowid.
	numbered bool
	rows     int64  // rows in from; for reader calls, known once they are parsed
	excel    bool   // values come from XLSX cells: bare numbers in date columns are Excel serials
	rejects  string // CSV: the table DuckDB's reader puts the lines it could not split into
}

// format is a file's format, from its extension.
type format string

const (
	formatCSV     format = "csv"
	formatXLSX    format = "xlsx"
	formatParquet format = "parquet"
)

func formatOf(name string) (format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		return formatCSV, nil
	case ".xlsx", ".xlsm":
		return formatXLSX, nil
	case ".parquet", ".pq":
		return formatParquet, nil
	}
	return "", fmt.Errorf("%s: unknown file type %q: use .csv, .xlsx or .parquet", name, filepath.Ext(name))
}

// stage copies src into table with the reader for its format.
func stage(ctx context.Context, conn *sql.Conn, src Source, table string, lim Limits) (staged, error) {
	f, err := formatOf(src.Name)
	if err != nil {
		return staged{}, err
	}
	switch f {
	case formatXLSX:
		return stageXLSX(ctx, conn, src, table, lim)
	case formatParquet:
		return stageParquet(ctx, conn, src)
	default:
		return stageCSV(src, table)
	}
}
