package report

import (
	"fmt"
	"io"
	"math"

	"github.com/xuri/excelize/v2"

	"github.com/timbang/timbang/analytics"
)

// Excel number formats. Excel shows them with the reader's own separators, so an Indonesian
// Excel prints 1.234,50 where an English one prints 1,234.50.
const (
	fmtInt   = "#,##0"
	fmtDec   = "#,##0.00"
	fmtRatio = "0.00"
)

// statusFills colour status cells by band; the label is always in the cell too.
var statusFills = map[analytics.Status]string{
	analytics.SevereShortage: "F4C7C3",
	analytics.Shortage:       "FCE8B2",
	analytics.Balanced:       "D9EAD3",
	analytics.Surplus:        "CFE2F3",
	analytics.NoData:         "EEEEEE",
}

// xlsxStyles are the workbook's cell styles.
type xlsxStyles struct {
	title, bold, header, text, integer, decimal, ratio int
	status                                             map[analytics.Status]int
}

func newStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	add := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	format := func(code string) *string { return &code }
	s.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.bold = add(&excelize.Style{Font: &excelize.Font{Bold: true}})
	s.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8E8E8"}},
		Border: []excelize.Border{{Type: "bottom", Color: "999999", Style: 1}}})
	s.text = add(&excelize.Style{NumFmt: 49}) // "@": text, so codes stay as written
	s.integer = add(&excelize.Style{CustomNumFmt: format(fmtInt)})
	s.decimal = add(&excelize.Style{CustomNumFmt: format(fmtDec)})
	s.ratio = add(&excelize.Style{CustomNumFmt: format(fmtRatio)})
	s.status = map[analytics.Status]int{}
	for st, color := range statusFills {
		s.status[st] = add(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}})
	}
	return s, err
}

// WriteXLSX writes the report as a workbook: a cover (what the report shows and how it was
// computed), a summary (headline figures, per region and per agency), every unit with data and
// every unit without.
func WriteXLSX(w io.Writer, rep Report) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	cover := text(rep.Lang, "sheet.cover")
	if err := f.SetSheetName("Sheet1", cover); err != nil {
		return err
	}
	if err := writeCover(f, cover, rep, st); err != nil {
		return err
	}
	summary := text(rep.Lang, "sheet.summary")
	if _, err := f.NewSheet(summary); err != nil {
		return err
	}
	if err := writeSummary(f, summary, rep, st); err != nil {
		return err
	}
	for _, sheet := range []struct {
		key  string
		rows []analytics.UnitRow
	}{{"sheet.units", rep.Units}, {"sheet.nodata", rep.NoData}} {
		if err := writeUnits(f, text(rep.Lang, sheet.key), rep.Lang, sheet.rows, st); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// sheetWriter fills a sheet row by row.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	row   int
	err   error
}

// put writes values into the next row, from column A, with style (0: none).
func (sw *sheetWriter) put(style int, values ...any) {
	sw.row++
	for i, v := range values {
		if sw.err != nil {
			return
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, sw.row)
		switch v := v.(type) {
		case string:
			sw.err = sw.f.SetCellStr(sw.sheet, cell, v)
		case nil:
			continue
		default:
			sw.err = sw.f.SetCellValue(sw.sheet, cell, v)
		}
		if sw.err == nil && style != 0 {
			sw.err = sw.f.SetCellStyle(sw.sheet, cell, cell, style)
		}
	}
}

// styleRow sets the style of the row just written, from column from to column to.
func (sw *sheetWriter) styleCells(from, to, style int) {
	if sw.err != nil {
		return
	}
	a, _ := excelize.CoordinatesToCellName(from, sw.row)
	b, _ := excelize.CoordinatesToCellName(to, sw.row)
	sw.err = sw.f.SetCellStyle(sw.sheet, a, b, style)
}

func writeCover(f *excelize.File, sheet string, rep Report, st xlsxStyles) error {
	l := rep.Lang
	sw := &sheetWriter{f: f, sheet: sheet}
	sw.put(st.title, text(l, "title"))
	sw.row++
	scope := rep.Scope
	if scope == "all" {
		scope = text(l, "cover.all_scope")
	}
	sw.put(0, text(l, "cover.scope"), scope)
	sw.put(0, text(l, "cover.period"), periodText(l, rep.Period))
	sw.put(0, text(l, "cover.generated"), timeText(l, rep.At))
	sw.put(0, text(l, "cover.by"), rep.By)
	sw.row++
	sw.put(st.bold, text(l, "cover.filters"))
	for _, fl := range rep.Filters {
		sw.put(0, fl.Label, fl.Value)
	}
	sw.row++
	sw.put(st.bold, text(l, "cover.bands"))
	b := rep.Bands
	sw.put(0, statusText(l, analytics.SevereShortage), fmt.Sprintf("< %.2f", b.SevereBelow))
	sw.put(0, statusText(l, analytics.Shortage), fmt.Sprintf("%.2f – %.2f", b.SevereBelow, b.ShortageBelow))
	sw.put(0, statusText(l, analytics.Balanced), fmt.Sprintf("%.2f – %.2f", b.ShortageBelow, b.SurplusAbove))
	sw.put(0, statusText(l, analytics.Surplus), fmt.Sprintf("> %.2f", b.SurplusAbove))
	sw.row++
	sw.put(st.bold, text(l, "cover.norms"))
	sw.put(st.header, text(l, "col.type"), text(l, "col.cadre"), text(l, "col.method"), text(l, "col.indicator"),
		text(l, "col.per_staff"), text(l, "col.source"))
	for _, n := range rep.Norms {
		sw.put(0, n.UnitTypeName, n.CadreName, n.Method, n.Indicator, nullFloat(n.PerStaff.Valid, n.PerStaff.Float64), n.Source)
	}
	if sw.err != nil {
		return sw.err
	}
	if err := f.SetColWidth(sheet, "A", "A", 34); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "B", "F", 24)
}

func writeSummary(f *excelize.File, sheet string, rep Report, st xlsxStyles) error {
	l := rep.Lang
	s := rep.Summary
	sw := &sheetWriter{f: f, sheet: sheet}
	sw.put(st.title, text(l, "sheet.summary")+" · "+periodText(l, rep.Period))
	sw.row++
	for _, fig := range []struct {
		key   string
		value any
		style int
	}{
		{"sum.units", s.Units, st.integer},
		{"sum.staff", s.Staff, st.integer},
		{"sum.required", s.Required, st.decimal},
		{"sum.shortage", s.ShortagePeople, st.integer},
		{"sum.surplus", s.SurplusPeople, st.integer},
		{"sum.ratio", finite(s.Ratio()), st.ratio},
		{"sum.gini", finite(s.Gini), st.ratio},
	} {
		sw.put(0, text(l, fig.key), fig.value)
		sw.styleCells(2, 2, fig.style)
	}
	for _, st2 := range analytics.Statuses {
		sw.put(0, statusText(l, st2), s.Counts.Of(st2))
		sw.styleCells(1, 1, st.status[st2])
	}
	for _, part := range []struct {
		key    string
		groups []analytics.Group
	}{{"sum.by_region", rep.ByRegion}, {"sum.by_agency", rep.ByAgency}} {
		sw.row++
		sw.put(st.bold, text(l, part.key))
		sw.put(st.header, text(l, "col.name"), text(l, "col.group_code"), text(l, "sum.units"), text(l, "sum.staff"), text(l, "sum.required"),
			text(l, "sum.shortage"), text(l, "sum.surplus"))
		for _, g := range part.groups {
			sw.put(0, g.Name, g.Code, g.Units, g.Staff, g.Required, g.ShortagePeople, g.SurplusPeople)
			sw.styleCells(2, 2, st.text)
			sw.styleCells(3, 4, st.integer)
			sw.styleCells(5, 5, st.decimal)
			sw.styleCells(6, 7, st.integer)
		}
	}
	if sw.err != nil {
		return sw.err
	}
	if err := f.SetColWidth(sheet, "A", "A", 40); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "B", "G", 16)
}

// finite leaves out a figure that does not exist (NaN) instead of writing an error cell.
func finite(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// writeUnits streams one units sheet: no row limit, frozen header, auto filter, widths,
// number formats, codes as text, and status cells coloured with the label in them.
func writeUnits(f *excelize.File, sheet, lang string, rows []analytics.UnitRow, st xlsxStyles) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, c := range unitColumns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(unitColumns))
	for i, c := range unitColumns {
		header[i] = excelize.Cell{StyleID: st.header, Value: text(lang, c.key)}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	styles := map[kind]int{textCol: st.text, intCol: st.integer, decCol: st.decimal, ratioCol: st.ratio}
	values := make([]any, len(unitColumns))
	for r, u := range rows {
		for i, c := range unitColumns {
			style := styles[c.kind]
			if c.kind == statusCol {
				style = st.status[u.Status]
			}
			values[i] = excelize.Cell{StyleID: style, Value: c.value(lang, u)}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, values); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(unitColumns), len(rows)+1)
	return f.AutoFilter(sheet, "A1:"+last, nil)
}
