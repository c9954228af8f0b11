package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"
)

const (
	// xlsxRatioFloor exempts small parts from MaxXLSXRatio: styles, shared formulas and empty
	// sheets are repetitive XML that routinely packs several hundred to one, and a part this
	// small cannot exhaust anything however well it packs.
	xlsxRatioFloor = 1 << 20
	// xlsxXMLInMemory is the size above which excelize unpacks a worksheet or the shared-string
	// table to a temporary file instead of holding it in memory. It is excelize's own default;
	// naming it here keeps it at or below MaxXLSXUnpacked, which excelize insists on.
	xlsxXMLInMemory = 16 << 20
	// xlsxCancelEvery is how many rows are appended between looks at the context: often enough
	// that a cancelled import stops within a fraction of a second, rarely enough to cost nothing.
	xlsxCancelEvery = 4096
)

// oleMagic starts every OLE compound file: an Excel 97–2003 .xls workbook, or an .xlsx saved
// with a password (Excel encrypts the whole package into such a container).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// stageXLSX copies one sheet of an Excel workbook into table. Row 1 is the header; every
// non-empty row below it is appended with its spreadsheet row number, so rows a person left
// blank keep the numbering they see in Excel. Cells are read raw (RawCellValue): a date is its
// serial number and a NIP typed as a number is Excel's rounded float, exactly as stored, so the
// validator can say what is wrong instead of importing a silently "fixed" value.
func stageXLSX(ctx context.Context, conn *sql.Conn, src Source, table string, lim Limits) (st staged, err error) {
	lim = xlsxLimits(lim)
	if err := checkXLSXPackage(src, lim); err != nil {
		return staged{}, err
	}
	f, err := excelize.OpenFile(src.Path, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim.MaxXLSXUnpacked,
		UnzipXMLSizeLimit: min(int64(xlsxXMLInMemory), lim.MaxXLSXUnpacked),
	})
	if err != nil {
		return staged{}, fmt.Errorf("%s: read Excel file: %w", src.Name, err)
	}
	defer func() {
		// Close removes the temporary files excelize unpacked big sheets into.
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("%s: close Excel file: %w", src.Name, cerr)
		}
	}()
	// RawCellValue hands dates over as serial numbers, which the validator reads in Excel's
	// usual 1900 date system. A workbook on the 1904 system (an old Mac Excel setting) numbers
	// days from 1904, so every date would land four years early: refuse rather than import them
	// wrong.
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil && *props.Date1904 {
		return staged{}, fmt.Errorf("%s: the workbook uses the 1904 date system (an old Mac Excel setting), so its dates "+
			"would be read four years off; save the sheet as CSV in Excel and import that instead", src.Name)
	}
	sheet, err := pickSheet(f, src)
	if err != nil {
		return staged{}, err
	}
	// Rows streams the sheet's XML; GetRows would hold every cell of a million-row sheet.
	rows, err := f.Rows(sheet)
	if err != nil {
		return staged{}, fmt.Errorf("%s: sheet %q: %w", src.Name, sheet, err)
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("%s: sheet %q: %w", src.Name, sheet, cerr)
		}
	}()

	var header []string
	if rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			return staged{}, fmt.Errorf("%s: sheet %q row 1: %w", src.Name, sheet, err)
		}
		header = trimHeader(cells)
	}
	if len(header) == 0 {
		return staged{}, fmt.Errorf("%s: sheet %q: the header row (row 1) is empty; put the column names in row 1", src.Name, sheet)
	}

	// The column names are ours (c1..cN) and table is chosen by the importer, never by the file.
	cols := make([]string, len(header))
	for i := range header {
		cols[i] = fmt.Sprintf("c%d VARCHAR", i+1)
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE %s (_row BIGINT, %s)`,
		table, strings.Join(cols, ", "))); err != nil {
		return staged{}, fmt.Errorf("%s: create staging table: %w", src.Name, err)
	}
	st = staged{from: table, headers: header, numbered: true, excel: true}
	err = conn.Raw(func(dc any) error {
		dconn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("%s: unexpected driver connection %T", src.Name, dc)
		}
		app, err := duckdb.NewAppenderFromConn(dconn, "", table)
		if err != nil {
			return fmt.Errorf("%s: staging table: %w", src.Name, err)
		}
		n, ferr := appendXLSXRows(ctx, rows, app, src, sheet, len(header))
		// Close flushes the last chunk, so its error matters even when the rows went in.
		cerr := app.Close()
		if ferr != nil {
			return ferr
		}
		if cerr != nil {
			return fmt.Errorf("%s: staging table: %w", src.Name, cerr)
		}
		st.rows = n
		return nil
	})
	if err != nil {
		// Leave no half-filled table behind for a retry on this connection to trip over.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS `+table)
		return staged{}, err
	}
	return st, nil
}

// appendXLSXRows appends the data rows (row 2 on) that rows has left and returns how many.
func appendXLSXRows(ctx context.Context, rows *excelize.Rows, app *duckdb.Appender, src Source, sheet string, width int) (int64, error) {
	var n int64
	values := make([]driver.Value, width+1)
	// Next visits every row number in turn, including rows absent from the XML (it returns no
	// cells for those), so counting calls gives the real row number; row 1 is already read.
	rowNum := int64(1)
	for rows.Next() {
		rowNum++
		if rowNum%xlsxCancelEvery == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
		}
		cells, err := rows.Columns()
		if err != nil {
			return n, fmt.Errorf("%s: sheet %q row %d: %w", src.Name, sheet, rowNum, err)
		}
		empty := true
		for i, c := range cells {
			if strings.TrimSpace(c) == "" {
				continue
			}
			if i >= width {
				return n, fmt.Errorf("%s: sheet %q: row %d has a value in column %d but the header has only %d columns",
					src.Name, sheet, rowNum, i+1, width)
			}
			empty = false
		}
		if empty {
			continue
		}
		values[0] = rowNum
		for i := range width {
			values[i+1] = nil
			// Whitespace-only counts as empty, as it looks empty in Excel; other values keep
			// their spaces so problems quote the cell as typed.
			if i < len(cells) && strings.TrimSpace(cells[i]) != "" {
				values[i+1] = cells[i]
			}
		}
		if err := app.AppendRow(values...); err != nil {
			return n, fmt.Errorf("%s: sheet %q row %d: %w", src.Name, sheet, rowNum, err)
		}
		n++
	}
	if err := rows.Error(); err != nil {
		return n, fmt.Errorf("%s: sheet %q: %w", src.Name, sheet, err)
	}
	return n, ctx.Err()
}

// trimHeader trims the header cells and drops empty ones at the end, which Excel leaves behind
// when a column was once used and then cleared. Empty cells between names are kept so the
// columns stay in place; the header check reports them.
func trimHeader(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(c)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// pickSheet returns the sheet src names, or the first visible one: a hidden first sheet is
// usually a lookup list behind drop-downs, not the data a person meant to send.
func pickSheet(f *excelize.File, src Source) (string, error) {
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return "", fmt.Errorf("%s: the workbook has no sheets", src.Name)
	}
	if src.Sheet != "" {
		// Excel treats sheet names case-insensitively, so a person may type either.
		for _, s := range sheets {
			if strings.EqualFold(s, strings.TrimSpace(src.Sheet)) {
				return s, nil
			}
		}
		quoted := make([]string, len(sheets))
		for i, s := range sheets {
			quoted[i] = fmt.Sprintf("%q", s)
		}
		return "", fmt.Errorf("%s: no sheet named %q; the workbook has %s", src.Name, src.Sheet, strings.Join(quoted, ", "))
	}
	for _, s := range sheets {
		if visible, err := f.GetSheetVisible(s); err == nil && visible {
			return s, nil
		}
	}
	return sheets[0], nil
}

// xlsxLimits fills unset limits from DefaultLimits: a zero Limits would otherwise refuse
// every file, which no caller means.
func xlsxLimits(lim Limits) Limits {
	if lim.MaxFileBytes <= 0 {
		lim.MaxFileBytes = DefaultLimits.MaxFileBytes
	}
	if lim.MaxXLSXUnpacked <= 0 {
		lim.MaxXLSXUnpacked = DefaultLimits.MaxXLSXUnpacked
	}
	if lim.MaxXLSXRatio <= 0 {
		lim.MaxXLSXRatio = DefaultLimits.MaxXLSXRatio
	}
	return lim
}

// checkXLSXPackage refuses, from the zip directory alone and before excelize unpacks
// anything, a file that is too big, is not an XLSX package, or would unpack to far more than
// it weighs. The declared sizes can be trusted: archive/zip, which excelize reads through too,
// fails an entry that yields more bytes than its header declares.
func checkXLSXPackage(src Source, lim Limits) error {
	file, err := os.Open(src.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", src.Name, err)
	}
	defer file.Close() //nolint:errcheck // read-only; a close error loses nothing
	info, err := file.Stat()
	if err != nil {
		return fmt.Errorf("%s: %w", src.Name, err)
	}
	if info.Size() > lim.MaxFileBytes {
		return fmt.Errorf("%s: the file is %s (%d bytes), more than the limit of %s",
			src.Name, byteSize(info.Size()), info.Size(), byteSize(lim.MaxFileBytes))
	}
	zr, err := zip.NewReader(file, info.Size())
	// ErrInsecurePath only warns about names like "../x"; nothing here is unpacked to disk
	// under an entry's name, so such a package is judged by its content like any other.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return notXLSX(src, file)
	}
	limit := uint64(lim.MaxXLSXUnpacked) // positive: xlsxLimits saw to it
	var total uint64
	workbook := false
	for _, e := range zr.File {
		if strings.EqualFold(e.Name, "xl/workbook.xml") {
			workbook = true
		}
		// Checking each entry before adding keeps total from overflowing on forged sizes.
		if e.UncompressedSize64 > limit || total+e.UncompressedSize64 > limit {
			return fmt.Errorf("%s: refused: the Excel file would unpack to more than %s (a damaged file or a zip bomb)",
				src.Name, byteSize(lim.MaxXLSXUnpacked))
		}
		total += e.UncompressedSize64
		if e.UncompressedSize64 > xlsxRatioFloor &&
			float64(e.UncompressedSize64) > lim.MaxXLSXRatio*float64(max(e.CompressedSize64, 1)) {
			return fmt.Errorf("%s: refused: part %s unpacks to %.0f times its packed size, more than the limit of %.0f (a zip bomb?)",
				src.Name, e.Name, float64(e.UncompressedSize64)/float64(max(e.CompressedSize64, 1)), lim.MaxXLSXRatio)
		}
	}
	if !workbook {
		return fmt.Errorf("%s: not an Excel .xlsx file: the archive has no xl/workbook.xml", src.Name)
	}
	return nil
}

// notXLSX explains why a file named .xlsx is not a zip archive, pointing at the usual cause.
func notXLSX(src Source, file io.ReaderAt) error {
	head := make([]byte, len(oleMagic))
	if n, _ := file.ReadAt(head, 0); n == len(head) && bytes.Equal(head, oleMagic) {
		return fmt.Errorf("%s: not an Excel .xlsx file: it is an old .xls workbook or a password-protected one; "+
			"open it in Excel and save it as .xlsx without a password", src.Name)
	}
	return fmt.Errorf("%s: not an Excel .xlsx file", src.Name)
}

// byteSize writes n for people: "512 MB", "1.5 GB".
func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + string("KMGTP"[exp]) + "B"
}
