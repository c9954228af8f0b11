package report

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/timbang/timbang/analytics"
)

// pdfColumn is one column of the PDF's unit tables: a subset of unitColumns that fits a page.
type pdfColumn struct {
	key      string // the unit column
	header   string // its header here, shorter where the page is narrow
	width    float64
	align    string // "L" or "R"
	decimals int
}

// pdfColumns add up to 271 mm, inside the 273 mm of a landscape A4 page between margins.
var pdfColumns = []pdfColumn{
	{"col.code", "col.code", 22, "L", 0}, {"col.unit", "col.unit", 55, "L", 0}, {"col.agency", "col.agency", 46, "L", 0},
	{"col.cadre", "col.cadre", 20, "L", 0}, {"col.workload", "col.workload", 18, "R", 1}, {"col.actual", "col.actual", 14, "R", 0},
	{"col.required", "col.required", 17, "R", 2}, {"col.ratio", "col.ratio", 12, "R", 2},
	{"col.difference", "col.difference", 14, "R", 2}, {"col.status", "col.status", 27, "L", 0},
	{"col.shortage", "col.short_people", 13, "R", 0}, {"col.surplus", "col.surplus_people", 13, "R", 0},
}

// unitColumn is the unit column a PDF column prints.
func unitColumn(key string) column {
	for _, uc := range unitColumns {
		if uc.key == key {
			return uc
		}
	}
	panic("report: no unit column " + key)
}

// pdfValue is a unit's cell, as printed.
func pdfValue(n numbers, lang string, uc column, decimals int, u analytics.UnitRow) string {
	v := uc.value(lang, u)
	if s, ok := v.(string); ok {
		return s
	}
	return n.format(v, decimals)
}

// statusRGB is a status's fill (statusFills, shared with the XLSX) as PDF colour components.
func statusRGB(st analytics.Status) (r, g, b int) {
	v, err := strconv.ParseUint(statusFills[st], 16, 32)
	if err != nil {
		panic("report: bad fill colour for " + string(st))
	}
	return int(v >> 16 & 0xFF), int(v >> 8 & 0xFF), int(v & 0xFF)
}

// WritePDF writes the report on A4 pages: a header with scope and period on every page, the
// filters, the headline figures, a chart of shortage and surplus by agency, then every unit with
// data and every unit without, over as many pages as they need, each page numbered "Halaman x
// dari y". The page is landscape when the unit table is wider than a portrait page.
func WritePDF(w io.Writer, rep Report) error {
	return twoPass(w, func(w io.Writer, total int) (int, error) { return renderPDF(w, rep, total) })
}

// twoPass renders a document twice: the first pass only counts its pages, so the second can
// print "Halaman x dari y" as plain text (a page-count alias would be drawn with digits the font
// subset might not hold).
func twoPass(w io.Writer, render func(w io.Writer, total int) (pages int, err error)) error {
	pages, err := render(io.Discard, 0)
	if err != nil {
		return err
	}
	_, err = render(w, pages)
	return err
}

const (
	pdfFont   = "dejavu"
	pdfMargin = 12.0 // mm
)

func renderPDF(w io.Writer, rep Report, total int) (int, error) {
	l := rep.Lang
	num := newNumbers(l)
	tableWidth := 0.0
	for _, c := range pdfColumns {
		tableWidth += c.width
	}
	orientation := "P"
	if tableWidth > 210-2*pdfMargin {
		orientation = "L"
	}
	scope := rep.Scope
	if scope == "all" {
		scope = text(l, "cover.all_scope")
	}
	pdf, err := newPDF(orientation, text(l, "title"), fmt.Sprintf("%s: %s · %s: %s · %s: %s", text(l, "cover.period"),
		periodText(l, rep.Period), text(l, "cover.scope"), scope, text(l, "cover.generated"), timeText(l, rep.At)),
		l, rep.By, rep.At, total)
	if err != nil {
		return 0, err
	}
	pageW, _ := pdf.GetPageSize()
	pdf.AddPage()

	// Filters, headline figures and status counts.
	pdf.SetFont(pdfFont, "B", 10)
	pdf.CellFormat(0, 6, text(l, "cover.filters"), "", 1, "L", false, 0, "")
	pdf.SetFont(pdfFont, "", 9)
	var filters []string
	for _, f := range rep.Filters {
		filters = append(filters, f.Label+": "+f.Value)
	}
	pdf.MultiCell(0, 5, strings.Join(filters, " · "), "", "L", false)
	pdf.Ln(2)
	s := rep.Summary
	figures := []struct {
		key   string
		value string
	}{
		{"sum.units", num.format(s.Units, 0)}, {"sum.staff", num.format(s.Staff, 0)},
		{"sum.required", num.format(s.Required, 1)}, {"sum.shortage", num.format(s.ShortagePeople, 0)},
		{"sum.surplus", num.format(s.SurplusPeople, 0)}, {"sum.ratio", num.format(s.Ratio(), 2)},
		{"sum.gini", num.format(s.Gini, 2)},
	}
	boxW := (pageW - 2*pdfMargin) / float64(len(figures))
	y := pdf.GetY()
	for i, f := range figures {
		x := pdfMargin + float64(i)*boxW
		pdf.SetXY(x, y)
		pdf.SetFont(pdfFont, "", 7.5)
		pdf.CellFormat(boxW-2, 4, text(l, f.key), "", 2, "L", false, 0, "")
		pdf.SetFont(pdfFont, "B", 13)
		pdf.CellFormat(boxW-2, 7, f.value, "", 0, "L", false, 0, "")
	}
	pdf.SetXY(pdfMargin, y+13)
	pdf.SetFont(pdfFont, "", 8.5)
	for _, st := range analytics.Statuses {
		pdf.SetFillColor(statusRGB(st))
		label := fmt.Sprintf("%s: %s", statusText(l, st), num.format(s.Counts.Of(st), 0))
		pdf.CellFormat(pdf.GetStringWidth(label)+6, 6, label, "", 0, "C", true, 0, "")
		pdf.CellFormat(2, 6, "", "", 0, "", false, 0, "")
	}
	pdf.Ln(9)

	drawAgencyChart(pdf, rep, num, pageW)

	for _, part := range []struct {
		key  string
		rows []analytics.UnitRow
	}{{"sheet.units", rep.Units}, {"sheet.nodata", rep.NoData}} {
		if len(part.rows) == 0 {
			continue
		}
		pdf.AddPage()
		pdf.SetFont(pdfFont, "B", 10)
		pdf.CellFormat(0, 6, fmt.Sprintf("%s (%s)", text(l, part.key), num.format(len(part.rows), 0)), "", 1, "L", false, 0, "")
		if part.key == "sheet.nodata" {
			pdf.SetFont(pdfFont, "", 8.5)
			pdf.MultiCell(0, 4.5, text(l, "nodata.note"), "", "L", false)
		}
		drawUnitTable(pdf, l, num, part.rows)
	}
	return finishPDF(pdf, w)
}

// newPDF starts an A4 document in Timbang's font with title and headerLine at the top of every
// page and "Timbang · by" and "Halaman x dari total" at the bottom (total 0: not known yet, the
// page count so far is printed).
func newPDF(orientation, title, headerLine, lang, by string, at time.Time, total int) (*fpdf.Fpdf, error) {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.SetMargins(pdfMargin, 24, pdfMargin)
	pdf.SetAutoPageBreak(true, 14)
	pdf.SetCreationDate(at)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Timbang", true)
	for _, f := range []struct{ style, file string }{{"", "fonts/DejaVuSansCondensed.ttf"}, {"B", "fonts/DejaVuSansCondensed-Bold.ttf"}} {
		b, err := fonts.ReadFile(f.file)
		if err != nil {
			return nil, err
		}
		pdf.AddUTF8FontFromBytes(pdfFont, f.style, b)
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("pdf font: %w", err)
	}
	pdf.SetHeaderFunc(func() {
		pdf.SetFont(pdfFont, "B", 12)
		pdf.CellFormat(0, 6, title, "", 1, "L", false, 0, "")
		pdf.SetFont(pdfFont, "", 8.5)
		pdf.CellFormat(0, 5, headerLine, "B", 1, "L", false, 0, "")
		pdf.Ln(3)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-10)
		pdf.SetFont(pdfFont, "", 8)
		page := fmt.Sprintf(text(lang, "page"), pdf.PageNo(), max(total, pdf.PageNo()))
		pdf.CellFormat(0, 5, "Timbang · "+by, "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, page, "", 0, "R", false, 0, "")
	})
	return pdf, nil
}

// finishPDF writes a finished document to w and returns its page count.
func finishPDF(pdf *fpdf.Fpdf, w io.Writer) (int, error) {
	if err := pdf.Error(); err != nil {
		return 0, err
	}
	pages := pdf.PageNo()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return 0, err
	}
	_, err := w.Write(buf.Bytes())
	return pages, err
}

// drawUnitTable prints rows with the header repeated at the top of every page.
func drawUnitTable(pdf *fpdf.Fpdf, lang string, num numbers, rows []analytics.UnitRow) {
	const rowH = 5.0
	_, pageH := pdf.GetPageSize()
	_, _, _, bottom := pdf.GetMargins()
	header := func() {
		pdf.SetFont(pdfFont, "B", 7.5)
		pdf.SetFillColor(0xE8, 0xE8, 0xE8)
		for _, c := range pdfColumns {
			pdf.CellFormat(c.width, 7, fit(pdf, text(lang, c.header), c.width-1), "1", 0, "C", true, 0, "")
		}
		pdf.Ln(-1)
		pdf.SetFont(pdfFont, "", 7.5)
	}
	// Each PDF column's unit column, looked up once rather than for every cell.
	source := make([]column, len(pdfColumns))
	for i, c := range pdfColumns {
		source[i] = unitColumn(c.key)
	}
	header()
	for _, u := range rows {
		if pdf.GetY()+rowH > pageH-bottom-4 {
			pdf.AddPage()
			header()
		}
		for i, c := range pdfColumns {
			value := pdfValue(num, lang, source[i], c.decimals, u)
			fill := false
			if c.key == "col.status" {
				pdf.SetFillColor(statusRGB(u.Status))
				fill = true
			}
			pdf.CellFormat(c.width, rowH, fit(pdf, value, c.width-1.5), "1", 0, c.align, fill, 0, "")
		}
		pdf.Ln(-1)
	}
}

// fit shortens text to width with an ellipsis; names never push a row onto two lines.
func fit(pdf *fpdf.Fpdf, s string, width float64) string {
	if pdf.GetStringWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && pdf.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// drawAgencyChart draws shortage (left, red) and surplus (right, blue) in people for the
// agencies with the largest imbalance, as horizontal bars.
func drawAgencyChart(pdf *fpdf.Fpdf, rep Report, num numbers, pageW float64) {
	groups := append([]analytics.Group(nil), rep.ByAgency...)
	sort.SliceStable(groups, func(i, j int) bool {
		return groups[i].ShortagePeople+groups[i].SurplusPeople > groups[j].ShortagePeople+groups[j].SurplusPeople
	})
	if len(groups) > 12 {
		groups = groups[:12]
	}
	if len(groups) == 0 {
		return
	}
	l := rep.Lang
	pdf.SetFont(pdfFont, "B", 10)
	pdf.CellFormat(0, 7, text(l, "chart.shortage"), "", 1, "L", false, 0, "")
	most := 1
	for _, g := range groups {
		most = max(most, g.ShortagePeople, g.SurplusPeople)
	}
	const barH, gap, labelW = 5.0, 1.5, 70.0
	half := (pageW - 2*pdfMargin - labelW) / 2
	axis := pdfMargin + labelW + half
	top := pdf.GetY() + 1
	y := top
	pdf.SetFont(pdfFont, "", 7.5)
	for _, g := range groups {
		pdf.SetXY(pdfMargin, y)
		pdf.CellFormat(labelW-2, barH, fit(pdf, g.Name, labelW-3), "", 0, "L", false, 0, "")
		if g.ShortagePeople > 0 {
			w := half * float64(g.ShortagePeople) / float64(most)
			pdf.SetFillColor(0xC6, 0x28, 0x28)
			pdf.Rect(axis-w, y, w, barH, "F")
			pdf.SetXY(axis-w-16, y)
			pdf.CellFormat(15, barH, num.format(g.ShortagePeople, 0), "", 0, "R", false, 0, "")
		}
		if g.SurplusPeople > 0 {
			w := half * float64(g.SurplusPeople) / float64(most)
			pdf.SetFillColor(0x1F, 0x6F, 0xB2)
			pdf.Rect(axis, y, w, barH, "F")
			pdf.SetXY(axis+w+1, y)
			pdf.CellFormat(15, barH, num.format(g.SurplusPeople, 0), "", 0, "L", false, 0, "")
		}
		y += barH + gap
	}
	pdf.SetDrawColor(0x66, 0x66, 0x66)
	pdf.Line(axis, top-1, axis, y)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetXY(pdfMargin, y+2)
	pdf.SetFont(pdfFont, "", 7.5)
	pdf.CellFormat(0, 4, fmt.Sprintf("◀ %s   |   %s ▶", text(l, "sum.shortage"), text(l, "sum.surplus")), "", 1, "C", false, 0, "")
}
