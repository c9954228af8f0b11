package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/timbang/timbang/analytics"
)

// testPlan solves Kota Serang's teachers on the test demo and wraps the result as a document.
func testPlan(t *testing.T, lang string) Plan {
	t.Helper()
	rd := testReader(t, analytics.Scope{})
	res, err := rd.Plan(t.Context(), analytics.PlanRequest{Region: "36.73", Cadres: []string{"guru"},
		Rules: analytics.DefaultPlanRules(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Moves) < 5 {
		t.Fatalf("%d moves: too few to check a document", len(res.Moves))
	}
	names := map[string]string{}
	for _, pc := range res.Positions {
		names[pc.Code] = pc.Name
	}
	return Plan{Name: "Guru Kota Serang", Region: "Kota Serang", Cadres: []string{"Guru"}, Lang: lang, By: "sri",
		At: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), Period: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		Result: res, UnitNames: names, CadreNames: map[string]string{"guru": "Guru"}}
}

// TestPlanXLSXListsEveryMove reads the workbook back: every move in order with its NIP as text,
// its units and distance, every changed unit before and after, and the hiring need.
func TestPlanXLSXListsEveryMove(t *testing.T) {
	p := testPlan(t, "id")
	var buf bytes.Buffer
	if err := WritePlanXLSX(&buf, p); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); strings.Join(got, ",") != "Sampul,Daftar mutasi,Sebelum-sesudah,Formasi" {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows("Daftar mutasi")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(p.Result.Moves)+1 {
		t.Fatalf("%d move rows, want %d", len(rows)-1, len(p.Result.Moves))
	}
	for i, m := range p.Result.Moves {
		row := rows[i+1]
		cell, _ := excelize.CoordinatesToCellName(2, i+2)
		if typ, _ := f.GetCellType("Daftar mutasi", cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("NIP cell %s has type %v: a NIP must be text", cell, typ)
		}
		raw, _ := f.GetCellValue("Daftar mutasi", fmt.Sprintf("I%d", i+2), excelize.Options{RawCellValue: true})
		if row[1] != m.NIP || row[2] != m.Name || row[4] != m.From || row[5] != p.UnitNames[m.From] || row[6] != m.To ||
			(m.DistanceKnown && !near(parse(t, raw), m.DistanceKm)) {
			t.Errorf("row %d %v, move %+v", i+2, row, m)
		}
	}
	positions, _ := f.GetRows("Sebelum-sesudah")
	hiring, _ := f.GetRows("Formasi")
	if len(positions) != len(p.Result.Positions)+1 || len(hiring) != len(p.Result.Hiring)+1 {
		t.Errorf("%d position rows and %d hiring rows, want %d and %d", len(positions)-1, len(hiring)-1,
			len(p.Result.Positions), len(p.Result.Hiring))
	}
}

func parse(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

// TestPlanPDFListsEveryMove reads the PDF back with pdftotext: every move's NIP appears on a line
// with its destination's name (its first 12 characters: long names are cut to their column), and
// every page says "Halaman x dari y".
func TestPlanPDFListsEveryMove(t *testing.T) {
	p := testPlan(t, "id")
	var buf bytes.Buffer
	if err := WritePlanPDF(&buf, p); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	lines := strings.Split(text, "\n")
	for _, m := range p.Result.Moves {
		to := []rune(p.UnitNames[m.To])
		to = to[:min(12, len(to))]
		found := false
		for _, line := range lines {
			if strings.Contains(line, m.NIP) && strings.Contains(line, string(to)) {
				found = true
			}
		}
		if !found {
			t.Errorf("no line holds move %s -> %s", m.NIP, m.To)
		}
	}
	pages := strings.Count(text, "\f")
	for i := 1; i <= pages; i++ {
		if !strings.Contains(text, fmt.Sprintf("Halaman %d dari %d", i, pages)) {
			t.Errorf("page %d of %d is not numbered", i, pages)
		}
	}
}
