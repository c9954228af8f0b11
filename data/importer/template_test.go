package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// checkTemplateHeader fails unless header names every column of kind once, in a form the
// importer recognises.
func checkTemplateHeader(t *testing.T, kind Kind, header []string) {
	t.Helper()
	matched := kind.matchHeaders(header)
	seen := map[string]bool{}
	for i, name := range matched {
		if name == "" {
			t.Errorf("header %q is not recognised", header[i])
			continue
		}
		if seen[name] {
			t.Errorf("header %q fills column %s a second time", header[i], name)
		}
		seen[name] = true
	}
	for _, c := range kind.Columns {
		if !seen[c.Name] {
			t.Errorf("no header fills column %s (header %q)", c.Name, header)
		}
	}
}

func TestWriteTemplateCSV(t *testing.T) {
	for _, kind := range Kinds {
		for _, lang := range []string{"id", "en"} {
			t.Run(kind.Name+"/"+lang, func(t *testing.T) {
				var buf bytes.Buffer
				if err := WriteTemplate(&buf, kind, "csv", lang); err != nil {
					t.Fatal(err)
				}
				body, ok := bytes.CutPrefix(buf.Bytes(), []byte("\ufeff"))
				if !ok {
					t.Error("no UTF-8 byte order mark")
				}
				if n, crlf := bytes.Count(body, []byte("\n")), bytes.Count(body, []byte("\r\n")); n != 2 || crlf != 2 {
					t.Errorf("%d line ends, %d of them CRLF; want 2 CRLF", n, crlf)
				}
				r := csv.NewReader(bytes.NewReader(body))
				r.Comma = ';'
				records, err := r.ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if len(records) != 2 {
					t.Fatalf("%d records, want the header and one example", len(records))
				}
				checkTemplateHeader(t, kind, records[0])
				if lang == "en" && records[0][0] != kind.Columns[0].Name {
					t.Errorf("English header starts %q, want the canonical %q", records[0][0], kind.Columns[0].Name)
				}
				if len(records[1]) != len(kind.Columns) {
					t.Fatalf("example row has %d cells, want %d", len(records[1]), len(kind.Columns))
				}
				for i, c := range kind.Columns {
					if records[1][i] != c.Example {
						t.Errorf("example %s = %q, want %q", c.Name, records[1][i], c.Example)
					}
				}
			})
		}
	}
}

func TestWriteTemplateXLSX(t *testing.T) {
	for _, kind := range Kinds {
		for _, lang := range []string{"id", "en"} {
			t.Run(kind.Name+"/"+lang, func(t *testing.T) {
				var buf bytes.Buffer
				if err := WriteTemplate(&buf, kind, "xlsx", lang); err != nil {
					t.Fatal(err)
				}
				f, err := excelize.OpenReader(&buf)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close() //nolint:errcheck // in memory; nothing to lose
				if got, want := f.GetSheetList(), []string{kind.Name, notesSheetName(lang)}; !reflect.DeepEqual(got, want) {
					t.Errorf("sheets = %q, want %q", got, want)
				}
				checkDataSheet(t, f, kind)
				checkNotesSheet(t, f, kind, lang)
			})
		}
	}
}

// checkDataSheet checks the template's first sheet: header, example, text columns, frozen header.
func checkDataSheet(t *testing.T, f *excelize.File, kind Kind) {
	t.Helper()
	sheet := kind.Name
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want the header and one example", len(rows))
	}
	checkTemplateHeader(t, kind, rows[0])
	if len(rows[0]) != len(kind.Columns) || len(rows[1]) > len(kind.Columns) {
		t.Errorf("header has %d cells and example %d, want %d and at most %d", len(rows[0]), len(rows[1]), len(kind.Columns), len(kind.Columns))
	}
	bold, err := f.GetCellStyle(sheet, "A1")
	if err != nil {
		t.Fatal(err)
	}
	if style, err := f.GetStyle(bold); err != nil || style.Font == nil || !style.Font.Bold {
		t.Errorf("header style = %+v, %v; want bold", style, err)
	}
	for i, c := range kind.Columns {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.GetCellValue(sheet, col+"2")
		if err != nil {
			t.Fatal(err)
		}
		if got != c.Example {
			t.Errorf("example %s = %q, want %q", c.Name, got, c.Example)
		}
		if c.Example != "" {
			// Stored as a string, not a number Excel would round or reformat.
			if typ, err := f.GetCellType(sheet, col+"2"); err != nil || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
				t.Errorf("example %s stored as cell type %v (%v), want a string", c.Name, typ, err)
			}
		}
		styleID, err := f.GetColStyle(sheet, col)
		if err != nil {
			t.Fatal(err)
		}
		style, err := f.GetStyle(styleID)
		if err != nil {
			t.Fatal(err)
		}
		if isText := style.NumFmt == textFormat; isText != textColumn(c.Type) {
			t.Errorf("column %s (%s): number format %d; want text (49) only for text-like types", col, c.Name, style.NumFmt)
		}
		if c.Type == NIP && (len(got) != 18 || got != c.Example || style.NumFmt != textFormat) {
			t.Errorf("NIP example = %q in format %d, want the 18 digits in a text column", got, style.NumFmt)
		}
	}
	panes, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 {
		t.Errorf("panes = %+v, want the header row frozen", panes)
	}
}

// checkNotesSheet checks the notes sheet: the rules line and one row per column.
func checkNotesSheet(t *testing.T, f *excelize.File, kind Kind, lang string) {
	t.Helper()
	rows, err := f.GetRows(notesSheetName(lang))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || len(rows[1]) == 0 {
		t.Fatalf("notes sheet has no rules line: %q", rows)
	}
	for _, w := range []string{"NIP", "dd/mm/yyyy", "88,5"} {
		if !strings.Contains(rows[1][0], w) {
			t.Errorf("rules line %q does not mention %q", rows[1][0], w)
		}
	}
	table := rows[notesTableRow-1:]
	if len(table) != len(kind.Columns)+1 {
		t.Fatalf("notes table has %d rows, want a heading and %d columns", len(table), len(kind.Columns))
	}
	for i, c := range kind.Columns {
		row := table[i+1]
		if len(row) < 4 {
			t.Fatalf("notes row %d = %q, too short", i+1, row)
		}
		if row[0] != templateHeader(c, lang) {
			t.Errorf("notes row %d names %q, want %q", i+1, row[0], templateHeader(c, lang))
		}
		// Every alternative listed is one the importer really accepts for this column.
		if row[1] != "" {
			for _, alt := range strings.Split(row[1], ", ") {
				if got := kind.matchHeaders([]string{alt})[0]; got != c.Name {
					t.Errorf("notes list %q for %s, but it maps to %q", alt, c.Name, got)
				}
			}
		}
		if row[3] == "" {
			t.Errorf("notes row %d has no type", i+1)
		}
		note := c.NoteID
		if lang == "en" {
			note = c.NoteEN
		}
		if len(row) < 6 || row[5] != note {
			t.Errorf("notes row %d = %q, want the note %q", i+1, row, note)
		}
		if len(c.Enum) > 0 && (len(row) < 5 || row[4] != strings.Join(c.Enum, ", ")) {
			t.Errorf("notes row %d = %q, want allowed values %q", i+1, row, c.Enum)
		}
	}
}

// The XLSX template, filled in as shipped, stages back through the real reader with the
// example row intact, the NIP as its 18 digits.
func TestXLSXTemplateStagesBack(t *testing.T) {
	for _, kind := range Kinds {
		t.Run(kind.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTemplate(&buf, kind, "xlsx", "id"); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), TemplateFileName(kind, "xlsx"))
			if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			conn := xlsxTestConn(t)
			st, err := stageXLSX(context.Background(), conn, Source{Name: "t.xlsx", Path: path}, "stage_t", DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			checkTemplateHeader(t, kind, st.headers)
			got := stagedContent(t, conn, st)
			want := []string{"2"}
			for _, c := range kind.Columns {
				want = append(want, cmpNil(c.Example))
			}
			if !reflect.DeepEqual(got, [][]string{want}) {
				t.Errorf("staged %q, want %q", got, [][]string{want})
			}
		})
	}
}

// cmpNil is how stagedContent shows a cell: empty cells are NULL.
func cmpNil(s string) string {
	if s == "" {
		return "<nil>"
	}
	return s
}

func TestWriteTemplateRefuses(t *testing.T) {
	kind := Kinds[0]
	for _, tt := range []struct{ format, lang, want string }{
		{"xls", "id", `unknown format "xls"`},
		{"csv", "jv", `unknown language "jv"`},
	} {
		err := WriteTemplate(&bytes.Buffer{}, kind, tt.format, tt.lang)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("WriteTemplate(%s, %s) = %v, want an error saying %q", tt.format, tt.lang, err, tt.want)
		}
	}
}

func TestTemplateFileName(t *testing.T) {
	staff, ok := KindByName("staff")
	if !ok {
		t.Fatal("no staff kind")
	}
	for format, want := range map[string]string{"xlsx": "timbang-staff.xlsx", "csv": "timbang-staff.csv"} {
		if got := TemplateFileName(staff, format); got != want {
			t.Errorf("TemplateFileName(staff, %s) = %q, want %q", format, got, want)
		}
	}
}
