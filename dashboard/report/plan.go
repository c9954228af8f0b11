package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"github.com/timbang/timbang/analytics"
)

// Plan is a transfer plan as its documents show it: a list of moves ready to draft the decree
// (SK mutasi) from, the units before and after, and what is left for hiring.
type Plan struct {
	Name     string
	Approved bool
	Region   string   // names, as the page shows them
	Agency   string   // "" for every agency
	Cadres   []string // names
	Period   time.Time
	Lang     string
	By       string
	At       time.Time
	Result   analytics.PlanResult
	// Names of units and cadres by code; a code without a name is printed as it is.
	UnitNames, CadreNames map[string]string
}

// OptionNames maps the codes of the regions, agencies and cadres of a filter menu to their
// names, for documents and pages that name what a plan covers.
func OptionNames(o analytics.Options) map[string]string {
	names := map[string]string{}
	for _, list := range [][]analytics.Option{o.Regions, o.Agencies, o.Cadres} {
		for _, op := range list {
			names[op.Code] = op.Name
		}
	}
	return names
}

// UnitNames maps the codes of the units a plan touches or leaves short to their names.
func UnitNames(res analytics.PlanResult) map[string]string {
	names := map[string]string{}
	for _, pc := range res.Positions {
		names[pc.Code] = pc.Name
	}
	for _, h := range res.Hiring {
		names[h.Unit] = h.Name
	}
	return names
}

func (p Plan) unit(code string) string {
	if n := p.UnitNames[code]; n != "" {
		return n
	}
	return code
}

func (p Plan) cadre(code string) string {
	if n := p.CadreNames[code]; n != "" {
		return n
	}
	return code
}

func (p Plan) state() string {
	if p.Approved {
		return text(p.Lang, "plan.approved")
	}
	return text(p.Lang, "plan.draft")
}

// scopeLine is the plan's region, agency, cadres and period on one line.
func (p Plan) scopeLine() string {
	parts := []string{p.Region}
	if p.Agency != "" {
		parts = append(parts, p.Agency)
	}
	return strings.Join(append(parts, strings.Join(p.Cadres, ", "), periodText(p.Lang, p.Period)), " · ")
}

// moveRow is one move as both documents list it.
func (p Plan) moveRow(i int, m analytics.Move) []any {
	l := p.Lang
	reason := text(l, "plan.reason_"+string(m.Reason))
	if m.Preference > 0 {
		reason += fmt.Sprintf(text(l, "plan.preference"), m.Preference)
	}
	training := ""
	if m.Training {
		training = text(l, "plan.yes")
	}
	var km any
	if m.DistanceKnown {
		km = m.DistanceKm
	}
	return []any{i + 1, m.NIP, m.Name, p.cadre(m.Cadre), m.From, p.unit(m.From), m.To, p.unit(m.To), km, reason, training}
}

var moveHeaders = []string{"plan.no", "plan.nip", "col.name", "col.cadre", "plan.from_code", "plan.from", "plan.to_code",
	"plan.to", "plan.km", "plan.reason", "plan.training"}

// WritePlanXLSX writes the plan as a workbook: a cover with the figures before and after, the
// moves (NIPs as text), the units before and after, and the hiring need.
func WritePlanXLSX(w io.Writer, p Plan) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	l := p.Lang
	cover := text(l, "sheet.cover")
	if err := f.SetSheetName("Sheet1", cover); err != nil {
		return err
	}
	sw := &sheetWriter{f: f, sheet: cover}
	sw.put(st.title, text(l, "plan.title")+": "+p.Name)
	sw.put(0, text(l, "plan.state"), p.state())
	sw.put(0, text(l, "plan.scope"), p.scopeLine())
	sw.put(0, text(l, "cover.generated"), timeText(l, p.At))
	sw.put(0, text(l, "cover.by"), p.By)
	sw.row++
	sw.put(st.header, "", text(l, "plan.before"), text(l, "plan.after"))
	t := p.Result.Total
	sw.put(0, text(l, "sum.shortage"), t.Before.ShortagePeople, t.After.ShortagePeople)
	sw.put(0, text(l, "sum.surplus"), t.Before.SurplusPeople, t.After.SurplusPeople)
	sw.put(st.ratio, text(l, "sum.gini"), imbalance(t.Before), imbalance(t.After))
	sw.put(0, text(l, "plan.moves"), len(p.Result.Moves))
	sw.put(0, text(l, "plan.hiring"), hiringTotal(p.Result))
	sw.put(0, text(l, "plan.training"), len(p.Result.Training))
	if sw.err != nil {
		return sw.err
	}
	_ = f.SetColWidth(cover, "A", "A", 34)
	_ = f.SetColWidth(cover, "B", "C", 16)

	moves := text(l, "sheet.moves")
	if _, err := f.NewSheet(moves); err != nil {
		return err
	}
	sw = &sheetWriter{f: f, sheet: moves}
	sw.put(st.header, headerTexts(l, moveHeaders)...)
	for i, m := range p.Result.Moves {
		sw.put(0, p.moveRow(i, m)...)
		sw.styleCells(2, 2, st.text)
		sw.styleCells(9, 9, st.decimal)
	}
	if err := finishTable(f, moves, sw, len(moveHeaders), []float64{5, 21, 30, 14, 12, 30, 12, 30, 10, 24, 10}); err != nil {
		return err
	}

	units := text(l, "sheet.positions")
	if _, err := f.NewSheet(units); err != nil {
		return err
	}
	sw = &sheetWriter{f: f, sheet: units}
	sw.put(st.header, headerTexts(l, []string{"col.code", "col.unit", "col.cadre", "col.required", "plan.staff_before",
		"plan.ratio_before", "plan.status_before", "plan.staff_after", "plan.ratio_after", "plan.status_after"})...)
	for _, pc := range p.Result.Positions {
		sw.put(0, pc.Code, pc.Name, p.cadre(pc.Cadre), pc.Required, pc.Before.Actual, pc.Before.Ratio,
			statusText(l, pc.Before.Status), pc.After.Actual, pc.After.Ratio, statusText(l, pc.After.Status))
		sw.styleCells(1, 1, st.text)
		sw.styleCells(4, 4, st.decimal)
		sw.styleCells(6, 6, st.ratio)
		sw.styleCells(9, 9, st.ratio)
		sw.styleCells(7, 7, st.status[pc.Before.Status])
		sw.styleCells(10, 10, st.status[pc.After.Status])
	}
	if err := finishTable(f, units, sw, 10, []float64{14, 34, 14, 11, 10, 10, 18, 10, 10, 18}); err != nil {
		return err
	}

	hiring := text(l, "sheet.hiring")
	if _, err := f.NewSheet(hiring); err != nil {
		return err
	}
	sw = &sheetWriter{f: f, sheet: hiring}
	sw.put(st.header, headerTexts(l, []string{"col.code", "col.unit", "col.cadre", "plan.people"})...)
	for _, h := range p.Result.Hiring {
		sw.put(0, h.Unit, h.Name, p.cadre(h.Cadre), h.People)
		sw.styleCells(1, 1, st.text)
	}
	if err := finishTable(f, hiring, sw, 4, []float64{14, 34, 14, 12}); err != nil {
		return err
	}
	f.SetActiveSheet(1)
	_, err = f.WriteTo(w)
	return err
}

// finishTable freezes a table's header row, filters it and sets its column widths.
func finishTable(f *excelize.File, sheet string, sw *sheetWriter, cols int, widths []float64) error {
	if sw.err != nil {
		return sw.err
	}
	last, _ := excelize.CoordinatesToCellName(cols, max(sw.row, 2))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return nil
}

func headerTexts(lang string, keys []string) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = text(lang, k)
	}
	return out
}

func imbalance(b analytics.Balance) any {
	if b.Imbalance == nil {
		return nil
	}
	return *b.Imbalance
}

func hiringTotal(res analytics.PlanResult) int {
	n := 0
	for _, h := range res.Hiring {
		n += h.People
	}
	return n
}

// WritePlanPDF writes the plan on A4 landscape pages: the figures before and after, the moves
// (the list to draft the decree from) and the hiring need, every page headed by the plan's name
// and scope and numbered "Halaman x dari y".
func WritePlanPDF(w io.Writer, p Plan) error {
	return twoPass(w, func(w io.Writer, total int) (int, error) { return renderPlanPDF(w, p, total) })
}

func renderPlanPDF(w io.Writer, p Plan, total int) (int, error) {
	l := p.Lang
	num := newNumbers(l)
	pdf, err := newPDF("L", text(l, "plan.title")+": "+p.Name, fmt.Sprintf("%s · %s · %s: %s", p.state(), p.scopeLine(),
		text(l, "cover.generated"), timeText(l, p.At)), l, p.By, p.At, total)
	if err != nil {
		return 0, err
	}
	pdf.AddPage()
	t := p.Result.Total
	pdf.SetFont(pdfFont, "", 9.5)
	lines := []string{
		fmt.Sprintf("%s: %s → %s", text(l, "sum.shortage"), num.format(t.Before.ShortagePeople, 0), num.format(t.After.ShortagePeople, 0)),
		fmt.Sprintf("%s: %s → %s", text(l, "sum.surplus"), num.format(t.Before.SurplusPeople, 0), num.format(t.After.SurplusPeople, 0)),
		fmt.Sprintf("%s: %s · %s: %s · %s: %s", text(l, "plan.moves"), num.format(len(p.Result.Moves), 0),
			text(l, "plan.hiring"), num.format(hiringTotal(p.Result), 0), text(l, "plan.training"), num.format(len(p.Result.Training), 0)),
		text(l, "plan.km_note"),
	}
	for _, line := range lines {
		pdf.CellFormat(0, 5.5, line, "", 1, "L", false, 0, "")
	}
	pdf.Ln(3)

	pdf.SetFont(pdfFont, "B", 10)
	pdf.CellFormat(0, 6, text(l, "sheet.moves"), "", 1, "L", false, 0, "")
	widths := []float64{9, 31, 42, 18, 0, 54, 0, 54, 28, 37, 0}
	var rows [][]string
	for i, m := range p.Result.Moves {
		row := p.moveRow(i, m)
		cells := make([]string, len(row))
		for j, v := range row {
			switch v := v.(type) {
			case nil:
				cells[j] = "–"
			case float64:
				cells[j] = num.format(v, 1)
			case int:
				cells[j] = num.format(v, 0)
			default:
				cells[j] = fmt.Sprint(v)
			}
		}
		if m.Training {
			cells[9] += " · " + text(l, "plan.needs_training")
		}
		rows = append(rows, cells)
	}
	drawTable(pdf, headerStrings(l, moveHeaders), widths, "RLLLLLLLRLL", rows)

	if len(p.Result.Hiring) > 0 {
		pdf.Ln(4)
		pdf.SetFont(pdfFont, "B", 10)
		pdf.CellFormat(0, 6, text(l, "sheet.hiring"), "", 1, "L", false, 0, "")
		rows = rows[:0]
		for _, h := range p.Result.Hiring {
			rows = append(rows, []string{h.Unit, h.Name, p.cadre(h.Cadre), num.format(h.People, 0)})
		}
		drawTable(pdf, headerStrings(l, []string{"col.code", "col.unit", "col.cadre", "plan.people"}),
			[]float64{30, 90, 30, 25}, "LLLR", rows)
	}
	return finishPDF(pdf, w)
}

func headerStrings(lang string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = text(lang, k)
	}
	return out
}

// drawTable prints rows under a header that repeats at the top of every page. A column of width
// 0 is left out; aligns holds one letter (L, R, C) per column.
func drawTable(pdf *fpdf.Fpdf, headers []string, widths []float64, aligns string, rows [][]string) {
	const rowH = 5.0
	_, pageH := pdf.GetPageSize()
	_, _, _, bottom := pdf.GetMargins()
	header := func() {
		pdf.SetFont(pdfFont, "B", 7.5)
		pdf.SetFillColor(0xE8, 0xE8, 0xE8)
		for i, h := range headers {
			if widths[i] > 0 {
				pdf.CellFormat(widths[i], 7, fit(pdf, h, widths[i]-1), "1", 0, "C", true, 0, "")
			}
		}
		pdf.Ln(-1)
		pdf.SetFont(pdfFont, "", 7.5)
	}
	header()
	for _, row := range rows {
		if pdf.GetY()+rowH > pageH-bottom-4 {
			pdf.AddPage()
			header()
		}
		for i, cell := range row {
			if widths[i] > 0 {
				pdf.CellFormat(widths[i], rowH, fit(pdf, cell, widths[i]-1.5), "1", 0, string(aligns[i]), false, 0, "")
			}
		}
		pdf.Ln(-1)
	}
}
