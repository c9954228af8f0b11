package importer

import (
	"archive/zip"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxTestConn returns one connection to a fresh in-memory DuckDB: staging tables are TEMP, so
// staging and reading back must share a connection.
func xlsxTestConn(t *testing.T) *sql.Conn {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = conn.Close()
		_ = db.Close()
	})
	return conn
}

// writeWorkbook saves a workbook that build fills into a temporary .xlsx and returns its path.
func writeWorkbook(t *testing.T, build func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	build(f)
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustBuild fails the test on an error from building a workbook.
func mustBuild(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// stagedContent reads a staging table back as _row followed by the cells, "<nil>" for NULL.
func stagedContent(t *testing.T, conn *sql.Conn, st staged) [][]string {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), `SELECT * FROM `+st.from+` ORDER BY _row`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		var rowNum int64
		cells := make([]sql.NullString, len(cols)-1)
		dest := []any{&rowNum}
		for i := range cells {
			dest = append(dest, &cells[i])
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		line := []string{strconv.FormatInt(rowNum, 10)}
		for _, c := range cells {
			if c.Valid {
				line = append(line, c.String)
			} else {
				line = append(line, "<nil>")
			}
		}
		out = append(out, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// staffWorkbook has a "Pegawai" sheet with the cases Excel users produce and a second
// "Mutasi" sheet.
func staffWorkbook(t *testing.T) string {
	return writeWorkbook(t, func(f *excelize.File) {
		const s = "Pegawai"
		mustBuild(t, f.SetSheetName("Sheet1", s))
		// Header: padded names, and a trailing cell holding only spaces.
		mustBuild(t, f.SetSheetRow(s, "A1", &[]string{" NIP ", "Nama", "Tanggal Lahir", "Nilai", "   "}))
		// Row 2: NIP typed as text, a real date cell, a decimal number.
		mustBuild(t, f.SetCellStr(s, "A2", "198609262015051001"))
		mustBuild(t, f.SetCellStr(s, "B2", "Siti Rahmawati, S.Pd."))
		mustBuild(t, f.SetCellValue(s, "C2", time.Date(1986, 9, 26, 0, 0, 0, 0, time.UTC)))
		mustBuild(t, f.SetCellFloat(s, "D2", 88.5, -1, 64))
		// Row 3 is left out entirely. Row 4: the NIP as Excel stores one typed as a number
		// (15 significant digits), a date and a decimal comma typed as text.
		mustBuild(t, f.SetCellDefault(s, "A4", "1.98203022015051E+17"))
		mustBuild(t, f.SetCellStr(s, "B4", "Budi"))
		mustBuild(t, f.SetCellStr(s, "C4", "01/07/2019"))
		mustBuild(t, f.SetCellStr(s, "D4", "88,5"))
		// Row 5 holds only blanks and counts as empty; row 7 has one value, in the last column.
		mustBuild(t, f.SetCellStr(s, "B5", "  "))
		mustBuild(t, f.SetCellStr(s, "D7", " 3 "))

		_, err := f.NewSheet("Mutasi")
		mustBuild(t, err)
		mustBuild(t, f.SetSheetRow("Mutasi", "A1", &[]string{"nip", "tanggal"}))
		mustBuild(t, f.SetSheetRow("Mutasi", "A3", &[]string{"198609262015051001", "01/07/2025"}))
	})
}

func TestStageXLSXFirstSheet(t *testing.T) {
	conn := xlsxTestConn(t)
	path := staffWorkbook(t)
	st, err := stageXLSX(context.Background(), conn, Source{Name: "pegawai.xlsx", Path: path}, "stage_x", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"NIP", "Nama", "Tanggal Lahir", "Nilai"}; !reflect.DeepEqual(st.headers, want) {
		t.Errorf("headers = %q, want %q", st.headers, want)
	}
	if st.rows != 3 || !st.excel || st.from != "stage_x" {
		t.Errorf("staged = %+v, want 3 rows from excel into stage_x", st)
	}
	want := [][]string{
		// The date cell arrives as its serial (1986-09-26 is day 31681 since 1899-12-30).
		{"2", "198609262015051001", "Siti Rahmawati, S.Pd.", "31681", "88.5"},
		// The numeric NIP arrives exactly as stored, for the validator to reject.
		{"4", "1.98203022015051E+17", "Budi", "01/07/2019", "88,5"},
		// Blank rows 3, 5 and 6 are skipped without shifting the numbers; spaces are kept.
		{"7", "<nil>", "<nil>", "<nil>", " 3 "},
	}
	if got := stagedContent(t, conn, st); !reflect.DeepEqual(got, want) {
		t.Errorf("staged rows:\n got %q\nwant %q", got, want)
	}
}

func TestStageXLSXNamedSheet(t *testing.T) {
	conn := xlsxTestConn(t)
	path := staffWorkbook(t)
	// Sheet names match case-insensitively, as in Excel.
	st, err := stageXLSX(context.Background(), conn, Source{Name: "b.xlsx", Path: path, Sheet: "mutasi"}, "stage_m", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"nip", "tanggal"}; !reflect.DeepEqual(st.headers, want) {
		t.Errorf("headers = %q, want %q", st.headers, want)
	}
	want := [][]string{{"3", "198609262015051001", "01/07/2025"}}
	if got := stagedContent(t, conn, st); !reflect.DeepEqual(got, want) {
		t.Errorf("staged rows = %q, want %q", got, want)
	}
}

func TestStageXLSXSkipsHiddenFirstSheet(t *testing.T) {
	conn := xlsxTestConn(t)
	path := writeWorkbook(t, func(f *excelize.File) {
		mustBuild(t, f.SetSheetRow("Sheet1", "A1", &[]string{"lookup"}))
		_, err := f.NewSheet("data")
		mustBuild(t, err)
		mustBuild(t, f.SetSheetRow("data", "A1", &[]string{"kode", "nama"}))
		mustBuild(t, f.SetSheetRow("data", "A2", &[]string{"sd", "Sekolah Dasar"}))
		f.SetActiveSheet(1)
		mustBuild(t, f.SetSheetVisible("Sheet1", false))
	})
	st, err := stageXLSX(context.Background(), conn, Source{Name: "a.xlsx", Path: path}, "stage_h", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"kode", "nama"}; !reflect.DeepEqual(st.headers, want) {
		t.Errorf("headers = %q, want %q: the hidden first sheet was read", st.headers, want)
	}
}

func TestStageXLSXRefuses(t *testing.T) {
	dir := t.TempDir()
	book := staffWorkbook(t)
	wideRow := writeWorkbook(t, func(f *excelize.File) {
		mustBuild(t, f.SetSheetRow("Sheet1", "A1", &[]string{"a", "b", "c"}))
		mustBuild(t, f.SetSheetRow("Sheet1", "A2", &[]string{"1", "2", "3"}))
		mustBuild(t, f.SetSheetRow("Sheet1", "A3", &[]string{"1", "2", "3", "", "oops"}))
	})
	noHeader := writeWorkbook(t, func(f *excelize.File) {
		mustBuild(t, f.SetSheetRow("Sheet1", "A2", &[]string{"198609262015051001"}))
	})
	date1904 := writeWorkbook(t, func(f *excelize.File) {
		on := true
		mustBuild(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &on}))
		mustBuild(t, f.SetSheetRow("Sheet1", "A1", &[]string{"tanggal"}))
	})
	notZip := filepath.Join(dir, "renamed.xlsx")
	mustBuild(t, os.WriteFile(notZip, []byte("nip;nama\r\n198609262015051001;Siti\r\n"), 0o600))
	xls := filepath.Join(dir, "old.xlsx")
	mustBuild(t, os.WriteFile(xls, append(append([]byte{}, oleMagic...), make([]byte, 504)...), 0o600))
	plainZip := writeZip(t, map[string]io.Reader{"readme.txt": strings.NewReader("not a workbook")})

	tests := []struct {
		name string
		path string
		src  Source
		lim  Limits
		want []string // substrings of the error
	}{
		{"file too big", book, Source{Name: "besar.xlsx"}, Limits{MaxFileBytes: 1000},
			[]string{"besar.xlsx", "more than the limit of 1000 B"}},
		{"unknown sheet", book, Source{Name: "b.xlsx", Sheet: "Data"}, DefaultLimits,
			[]string{`no sheet named "Data"`, `"Pegawai", "Mutasi"`}},
		{"value past the header", wideRow, Source{Name: "w.xlsx"}, DefaultLimits,
			[]string{"row 3 has a value in column 5 but the header has only 3 columns"}},
		{"empty header row", noHeader, Source{Name: "h.xlsx"}, DefaultLimits,
			[]string{"header row (row 1) is empty"}},
		{"1904 dates", date1904, Source{Name: "mac.xlsx"}, DefaultLimits,
			[]string{"1904 date system"}},
		{"csv renamed", notZip, Source{Name: "renamed.xlsx"}, DefaultLimits,
			[]string{"not an Excel .xlsx file"}},
		{"old xls", xls, Source{Name: "old.xlsx"}, DefaultLimits,
			[]string{"not an Excel .xlsx file", ".xls"}},
		{"zip without workbook", plainZip, Source{Name: "z.xlsx"}, DefaultLimits,
			[]string{"not an Excel .xlsx file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn := xlsxTestConn(t)
			tt.src.Path = tt.path
			_, err := stageXLSX(context.Background(), conn, tt.src, "stage_r", tt.lim)
			if err == nil {
				t.Fatal("staged, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			// A refused file leaves no staging table behind.
			var n int
			if err := conn.QueryRowContext(context.Background(),
				`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'stage_r'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Error("the staging table was left behind")
			}
		})
	}
}

// writeZip writes entries into a zip archive named .xlsx and returns its path.
func writeZip(t *testing.T, entries map[string]io.Reader) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crafted.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for name, r := range entries {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
	}
	mustBuild(t, zw.Close())
	mustBuild(t, out.Close())
	return path
}

// bombEntries is a minimal workbook whose sheet is size bytes of one repeated byte: deflate
// packs it about a thousand to one.
func bombEntries(size int64) map[string]io.Reader {
	return map[string]io.Reader{
		"[Content_Types].xml":      strings.NewReader(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
		"xl/workbook.xml":          strings.NewReader(`<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`),
		"xl/worksheets/sheet1.xml": io.LimitReader(repeatReader('<'), size),
	}
}

// repeatReader yields one byte forever.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestStageXLSXRefusesZipBombs(t *testing.T) {
	const size = 4 << 20 // above the ratio floor, yet quick to deflate
	bomb := writeZip(t, bombEntries(size))
	tests := []struct {
		name string
		lim  Limits
		want string
	}{
		{"ratio", Limits{MaxFileBytes: 1 << 20, MaxXLSXUnpacked: 1 << 30, MaxXLSXRatio: 100},
			"part xl/worksheets/sheet1.xml unpacks to"},
		{"total", Limits{MaxFileBytes: 1 << 20, MaxXLSXUnpacked: 2 << 20, MaxXLSXRatio: 1e9},
			"would unpack to more than 2 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := stageXLSX(context.Background(), xlsxTestConn(t), Source{Name: "bom.xlsx", Path: bomb}, "stage_b", tt.lim)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "bom.xlsx") {
				t.Errorf("error = %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestCheckXLSXPackageRatioFloor(t *testing.T) {
	// A part under the floor may pack however well it likes: small XML parts often do.
	small := writeZip(t, bombEntries(xlsxRatioFloor))
	lim := Limits{MaxFileBytes: 1 << 20, MaxXLSXUnpacked: 1 << 30, MaxXLSXRatio: 10}
	if err := checkXLSXPackage(Source{Name: "s.xlsx", Path: small}, lim); err != nil {
		t.Errorf("a %d-byte part was refused: %v", xlsxRatioFloor, err)
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{
		999:                           "999 B",
		1 << 10:                       "1 KB",
		1536:                          "1.5 KB",
		512 << 20:                     "512 MB",
		DefaultLimits.MaxXLSXUnpacked: "4 GB",
	} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}
