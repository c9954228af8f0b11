package importer

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Template formats and languages WriteTemplate accepts.
const (
	TemplateCSV  = "csv"
	TemplateXLSX = "xlsx"
)

// textFormat is Excel's built-in number format 49, "@": the cell holds text as typed, so a NIP
// keeps its 18 digits and a code its leading zeros instead of becoming a rounded number.
const textFormat = 49

// TemplateFileName is the name a downloaded template is saved under, e.g. "timbang-staff.xlsx".
func TemplateFileName(kind Kind, format string) string {
	return "timbang-" + kind.Name + "." + strings.ToLower(format)
}

// WriteTemplate writes an empty file for kind that Timbang's importer reads back as is: the
// header row in lang ("id" or "en") and one example row. format is "csv" or "xlsx"; the XLSX
// adds a notes sheet describing every column and formats the columns that must stay text.
func WriteTemplate(w io.Writer, kind Kind, format, lang string) error {
	if lang != "id" && lang != "en" {
		return fmt.Errorf("template %s: unknown language %q: want id or en", kind.Name, lang)
	}
	switch format {
	case TemplateCSV:
		return writeCSVTemplate(w, kind, lang)
	case TemplateXLSX:
		return writeXLSXTemplate(w, kind, lang)
	}
	return fmt.Errorf("template %s: unknown format %q: want csv or xlsx", kind.Name, format)
}

// templateHeader is the header a template shows for c: the first Indonesian name people know
// from their own spreadsheets, or the canonical English name.
func templateHeader(c Column, lang string) string {
	if lang == "id" && len(c.Headers) > 0 {
		return c.Headers[0]
	}
	return c.Name
}

// writeCSVTemplate writes the CSV the way Excel in an Indonesian locale writes and opens one:
// a UTF-8 byte order mark (without it Excel reads the file as ANSI and mangles "km²"), ';' as
// the list separator, CRLF line ends.
func writeCSVTemplate(w io.Writer, kind Kind, lang string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	header := make([]string, len(kind.Columns))
	example := make([]string, len(kind.Columns))
	for i, c := range kind.Columns {
		header[i] = templateHeader(c, lang)
		example[i] = c.Example
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.Write(example); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// textColumn reports whether a column must be formatted as text in the XLSX template. Dates
// and months are among them: typed into a text cell they arrive as the dd/mm/yyyy a person
// sees, not as a serial that depends on the workbook's date system.
func textColumn(t ColumnType) bool {
	switch t {
	case NIP, Code, RegionCode, Text, Date, Month:
		return true
	}
	return false
}

// writeXLSXTemplate writes the data sheet (named after the kind) and the notes sheet.
func writeXLSXTemplate(w io.Writer, kind Kind, lang string) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	sheet := kind.Name
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: textFormat})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{
		NumFmt: textFormat,
		Font:   &excelize.Font{Bold: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
	if err != nil {
		return err
	}
	for i, c := range kind.Columns {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		// The style goes on the whole column, not just the example row, so every row a person
		// types or pastes into later is text too.
		if textColumn(c.Type) {
			if err := f.SetColStyle(sheet, col, text); err != nil {
				return err
			}
		}
		header := templateHeader(c, lang)
		if err := f.SetColWidth(sheet, col, col, columnWidth(header, c.Example)); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, col+"1", header); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, col+"1", col+"1", bold); err != nil {
			return err
		}
		if c.Example != "" {
			if err := f.SetCellStr(sheet, col+"2", c.Example); err != nil {
				return err
			}
		}
	}
	// Freeze the header so it stays in view while scrolling through thousands of rows.
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	if err := writeNotesSheet(f, kind, lang, bold); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// columnWidth fits a column to its header and example, in Excel's character units, within
// bounds so a long example does not push the other columns off screen.
func columnWidth(values ...string) float64 {
	width := 10
	for _, v := range values {
		width = max(width, utf8.RuneCountInString(v)+2)
	}
	return float64(min(width, 45))
}

// notesSheetName is the name of the XLSX template's second sheet.
func notesSheetName(lang string) string {
	if lang == "id" {
		return "catatan"
	}
	return "notes"
}

// templateWords are the notes sheet's fixed texts, by language.
var templateWords = map[string]struct {
	title, rules                                 string
	column, others, required, typ, allowed, note string
	yes, no                                      string
}{
	"id": {
		title: "Petunjuk pengisian",
		rules: "NIP harus diketik sebagai teks, bukan angka (kolomnya sudah berformat teks). " +
			"Tanggal ditulis dd/mm/yyyy, misalnya 26/09/1986. Angka desimal boleh memakai koma, misalnya 88,5.",
		column: "Kolom", others: "Nama kolom lain yang diterima", required: "Wajib diisi", typ: "Jenis isian",
		allowed: "Nilai yang diperbolehkan", note: "Keterangan", yes: "wajib", no: "boleh kosong",
	},
	"en": {
		title: "How to fill in",
		rules: "Type NIPs as text, not as numbers (their column is already formatted as text). " +
			"Write dates as dd/mm/yyyy, e.g. 26/09/1986. Decimals may use a comma, e.g. 88,5.",
		column: "Column", others: "Other accepted column names", required: "Required", typ: "Type",
		allowed: "Allowed values", note: "Note", yes: "required", no: "optional",
	},
}

// typeWords describes each column type for the notes sheet.
var typeWords = map[ColumnType][2]string{ // [id, en]
	Text:       {"teks", "text"},
	Code:       {"kode (teks tanpa spasi)", "code (text without spaces)"},
	NIP:        {"NIP 18 digit, sebagai teks", "18-digit NIP, as text"},
	Integer:    {"bilangan bulat", "whole number"},
	Decimal:    {"angka (desimal dengan koma atau titik)", "number (decimal comma or point)"},
	Date:       {"tanggal dd/mm/yyyy", "date dd/mm/yyyy"},
	Month:      {"bulan yyyy-mm atau mm/yyyy", "month yyyy-mm or mm/yyyy"},
	Latitude:   {"lintang, derajat desimal", "latitude, decimal degrees"},
	Longitude:  {"bujur, derajat desimal", "longitude, decimal degrees"},
	RegionCode: {"kode wilayah Kemendagri", "Kemendagri region code"},
}

// Where the notes sheet's column table starts: rows above it hold the title and the rules.
const notesTableRow = 4

// writeNotesSheet adds the sheet that explains every column: a person filling in the template
// in Excel has no other documentation at hand.
func writeNotesSheet(f *excelize.File, kind Kind, lang string, bold int) error {
	sheet := notesSheetName(lang)
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	words := templateWords[lang]
	langIdx := 0
	title := kind.TitleID
	if lang == "en" {
		langIdx = 1
		title = kind.TitleEN
	}
	if err := f.SetCellStr(sheet, "A1", title+": "+strings.ToLower(words.title)); err != nil {
		return err
	}
	if err := f.SetCellStr(sheet, "A2", words.rules); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", bold); err != nil {
		return err
	}
	table := [][]string{{words.column, words.others, words.required, words.typ, words.allowed, words.note}}
	for _, c := range kind.Columns {
		header := templateHeader(c, lang)
		required := words.no
		if c.Required {
			required = words.yes
		}
		note := c.NoteID
		if lang == "en" {
			note = c.NoteEN
		}
		table = append(table, []string{
			header, strings.Join(otherHeaders(c, header), ", "), required,
			typeWords[c.Type][langIdx], strings.Join(c.Enum, ", "), note,
		})
	}
	for i, row := range table {
		cell, err := excelize.CoordinatesToCellName(1, notesTableRow+i)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	last, err := excelize.CoordinatesToCellName(len(table[0]), notesTableRow)
	if err != nil {
		return err
	}
	first, err := excelize.CoordinatesToCellName(1, notesTableRow)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, first, last, bold); err != nil {
		return err
	}
	for i, width := range []float64{22, 40, 14, 30, 40, 70} {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	return nil
}

// otherHeaders lists the names other than shown that the importer also accepts for c.
func otherHeaders(c Column, shown string) []string {
	var out []string
	for _, h := range append([]string{c.Name}, c.Headers...) {
		if normalizeHeader(h) == normalizeHeader(shown) {
			continue
		}
		if slices.ContainsFunc(out, func(o string) bool { return normalizeHeader(o) == normalizeHeader(h) }) {
			continue
		}
		out = append(out, h)
	}
	return out
}
