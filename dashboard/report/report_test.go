package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data/datatest"
)

// testReader is a reader on the refreshed test demo (a slice of Kota Serang).
func testReader(t *testing.T, sc analytics.Scope) *analytics.Reader {
	t.Helper()
	store := datatest.DemoStore(t)
	an := analytics.New(store)
	if err := an.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return an.For(sc)
}

var generated = time.Date(2026, 11, 23, 2, 30, 0, 0, time.UTC)

func build(t *testing.T, rd *analytics.Reader, f analytics.Filter, lang string) Report {
	t.Helper()
	rep, err := Build(context.Background(), rd, Request{Filter: f, Lang: lang, By: "perencana", At: generated})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// allUnits reads the view's whole unit list the way the dashboard does, as the oracle.
func allUnits(t *testing.T, rd *analytics.Reader, f analytics.Filter) []analytics.UnitRow {
	t.Helper()
	page, err := rd.Units(context.Background(), f, analytics.SortRatio, 1_000_000, 0, "id")
	if err != nil {
		t.Fatal(err)
	}
	return page.Rows
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TestXLSXMatchesTheDashboard reads the workbook back with excelize and finds the dashboard's
// figures in it: every unit with the dashboard's numbers and status, the headline figures, the
// cover's filters, the frozen header and the auto filter.
func TestXLSXMatchesTheDashboard(t *testing.T) {
	rd := testReader(t, analytics.Scope{})
	f := analytics.Filter{Region: "36.73.05"}
	rep := build(t, rd, f, "id")
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, rep); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = wb.Close() }()
	if got := wb.GetSheetList(); strings.Join(got, ",") != "Sampul,Ringkasan,Unit,Tanpa data" {
		t.Fatalf("sheets %v", got)
	}
	f.Period = rep.Period
	want := allUnits(t, rd, f)
	withData, noData := map[string]analytics.UnitRow{}, map[string]analytics.UnitRow{}
	for _, u := range want {
		key := u.Code + "/" + u.CadreName
		if u.Status == analytics.NoData {
			noData[key] = u
		} else {
			withData[key] = u
		}
	}
	for sheet, rows := range map[string]map[string]analytics.UnitRow{"Unit": withData, "Tanpa data": noData} {
		got, err := wb.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got)-1 != len(rows) {
			t.Fatalf("%s: %d rows, want %d", sheet, len(got)-1, len(rows))
		}
		for _, row := range got[1:] {
			u, ok := rows[row[0]+"/"+row[7]]
			if !ok {
				t.Fatalf("%s: row %v is no unit of the view", sheet, row)
			}
			cell := func(i int) float64 {
				if i >= len(row) || row[i] == "" {
					return math.NaN()
				}
				v, err := strconv.ParseFloat(row[i], 64)
				if err != nil {
					t.Fatalf("%s column %d: %v", sheet, i, err)
				}
				return v
			}
			if cell(10) != float64(u.Actual) || row[15] != statusText("id", u.Status) ||
				cell(16) != float64(u.ShortagePeople) || cell(17) != float64(u.SurplusPeople) {
				t.Errorf("%s %s: row %v, dashboard %+v", sheet, u.Code, row, u)
			}
			if u.Required.Valid && !near(cell(11), u.Required.Float64) || u.Ratio.Valid && !near(cell(13), u.Ratio.Float64) {
				t.Errorf("%s %s: required %v ratio %v, dashboard %v %v", sheet, u.Code, row[11], row[13], u.Required, u.Ratio)
			}
		}
	}
	sum, err := rd.Summary(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	staff, _ := wb.GetCellValue("Ringkasan", "B4", excelize.Options{RawCellValue: true})
	short, _ := wb.GetCellValue("Ringkasan", "B6", excelize.Options{RawCellValue: true})
	if staff != strconv.Itoa(sum.Staff) || short != strconv.Itoa(sum.ShortagePeople) {
		t.Errorf("summary staff %s shortage %s, dashboard %d %d", staff, short, sum.Staff, sum.ShortagePeople)
	}
	cover, _ := wb.GetRows("Sampul")
	coverText := ""
	for _, r := range cover {
		coverText += strings.Join(r, " | ") + "\n"
	}
	for _, w := range []string{"Cipocok Jaya (36.73.05)", "perencana", "WIB", "Kekurangan berat", "PP 74/2008"} {
		if !strings.Contains(coverText, w) {
			t.Errorf("cover lacks %q:\n%s", w, coverText)
		}
	}
	panes, err := wb.GetPanes("Unit")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("units header not frozen: %+v %v", panes, err)
	}
	if len(rep.Units) > 0 {
		style, _ := wb.GetCellStyle("Unit", "P2")
		fill, _ := wb.GetStyle(style)
		if fill == nil || len(fill.Fill.Color) == 0 || fill.Fill.Color[0] != statusFills[rep.Units[0].Status] {
			t.Errorf("status cell P2 not coloured by band: %+v", fill)
		}
		codeStyle, _ := wb.GetCellStyle("Unit", "A2")
		cs, _ := wb.GetStyle(codeStyle)
		if cs == nil || cs.NumFmt != 49 {
			t.Error("unit codes are not text cells")
		}
	}
}

// TestCSVMatchesTheDashboard reads the semicolon, BOM, decimal-comma CSV back and finds every
// unit of the view with the dashboard's numbers.
func TestCSVMatchesTheDashboard(t *testing.T) {
	rd := testReader(t, analytics.Scope{})
	f := analytics.Filter{Cadre: "guru"}
	rep := build(t, rd, f, "en")
	for _, opt := range []CSVOptions{{}, {Sep: ';', BOM: true}} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, rep, opt); err != nil {
			t.Fatal(err)
		}
		body := buf.String()
		if opt.BOM != strings.HasPrefix(body, "\ufeff") {
			t.Errorf("BOM %v: file starts %q", opt.BOM, body[:3])
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
		if opt.Sep != 0 {
			r.Comma = opt.Sep
		}
		records, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if records[0][0] != "Unit code" {
			t.Errorf("header %v", records[0])
		}
		f.Period = rep.Period
		want := allUnits(t, rd, f)
		if len(records)-1 != len(want) {
			t.Fatalf("%d rows, want %d", len(records)-1, len(want))
		}
		byKey := map[string]analytics.UnitRow{}
		for _, u := range want {
			byKey[u.Code+"/"+u.Cadre] = u
		}
		for _, rec := range records[1:] {
			u, ok := byKey[rec[0]+"/guru"]
			if !ok {
				t.Fatalf("row %v is no teacher row of the view", rec)
			}
			num := func(s string) float64 {
				v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
				if err != nil {
					t.Fatalf("%q: %v", s, err)
				}
				return v
			}
			if num(rec[10]) != float64(u.Actual) || rec[15] != statusText("en", u.Status) {
				t.Errorf("%v vs %+v", rec, u)
			}
			if u.Required.Valid && !near(num(rec[11]), u.Required.Float64) {
				t.Errorf("%s required %s, dashboard %v", u.Code, rec[11], u.Required.Float64)
			}
			if opt.Sep == ';' && u.Required.Valid && strings.Contains(rec[11], ".") {
				t.Errorf("decimal point in a semicolon file: %s", rec[11])
			}
		}
	}
}

// TestReportStaysInScope: an agency head's report lists only their agency's units.
func TestReportStaysInScope(t *testing.T) {
	rd := testReader(t, analytics.Scope{Agencies: []string{"36.73-dinkes"}})
	rep := build(t, rd, analytics.Filter{}, "id")
	if len(rep.Units)+len(rep.NoData) == 0 {
		t.Fatal("empty report")
	}
	for _, list := range [][]analytics.UnitRow{rep.Units, rep.NoData} {
		for _, u := range list {
			if u.Agency != "36.73-dinkes" {
				t.Errorf("report holds %s of %s", u.Code, u.Agency)
			}
		}
	}
	for _, g := range rep.ByAgency {
		if g.Code != "36.73-dinkes" {
			t.Errorf("agency breakdown holds %s", g.Code)
		}
	}
}

// pdfText extracts a PDF's text with pdftotext (poppler-utils, which make test installs): an
// extractor that is not ours, so the test reads what a person's PDF viewer would show.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := t.TempDir() + "/laporan.pdf"
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (apt-get install poppler-utils): %v", err)
	}
	return string(out)
}

// TestPDFMatchesTheDashboard reads the PDF back with pdftotext and finds, for every unit of the
// view, its code with the dashboard's staff, required staff and ratio as the page prints them,
// the headline figures, and "Halaman x dari y" on every page.
func TestPDFMatchesTheDashboard(t *testing.T) {
	rd := testReader(t, analytics.Scope{})
	f := analytics.Filter{Region: "36.73"}
	rep := build(t, rd, f, "id")
	var buf bytes.Buffer
	if err := WritePDF(&buf, rep); err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, buf.Bytes())
	pages := strings.Count(txt, "\f")
	if pages < 2 {
		t.Fatalf("%d pages", pages)
	}
	for p := 1; p <= pages; p++ {
		if !strings.Contains(txt, fmt.Sprintf("Halaman %d dari %d", p, pages)) {
			t.Errorf("no \"Halaman %d dari %d\"", p, pages)
		}
	}
	num := newNumbers("id")
	for _, line := range []string{num.format(rep.Summary.Staff, 0), num.format(rep.Summary.ShortagePeople, 0),
		"Kota Serang (36.73)", "Kekurangan berat"} {
		if !strings.Contains(txt, line) {
			t.Errorf("PDF lacks %q", line)
		}
	}
	f.Period = rep.Period
	lines := strings.Split(txt, "\n")
	for _, u := range allUnits(t, rd, f) {
		if u.Status == analytics.NoData {
			continue
		}
		want := []string{num.format(u.Actual, 0), num.format(u.Required.Float64, 2), num.format(u.Ratio.Float64, 2)}
		found := false
		for _, line := range lines {
			if !strings.HasPrefix(strings.TrimSpace(line), u.Code+" ") || !strings.Contains(line, statusText("id", u.Status)) {
				continue
			}
			ok := true
			for _, w := range want {
				ok = ok && strings.Contains(line, " "+w+" ")
			}
			if ok && strings.Contains(line, strings.Fields(u.CadreName)[0]) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no line for %s %s with %v", u.Code, u.CadreName, want)
		}
	}
}
