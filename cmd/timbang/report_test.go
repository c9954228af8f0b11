package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReportCommand writes the report of a filtered view as XLSX and as an id-ID CSV, and
// refuses a region the database does not have.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.duckdb")
	if _, _, err := runCLI(t, "demo", "--db", db, "--scale", "test"); err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(dir, "laporan.xlsx")
	out, _, err := runCLI(t, "report", "--db", db, "--format", "xlsx", "--out", xlsx, "--region", "36.73.05", "--cadre", "guru")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	wb, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = wb.Close() }()
	rows, err := wb.GetRows("Unit")
	if err != nil || len(rows) < 2 || !strings.Contains(out, "units with data") {
		t.Fatalf("units sheet: %d rows, %v; %s", len(rows), err, out)
	}
	pdfPath := filepath.Join(dir, "laporan.pdf")
	if _, _, err := runCLI(t, "report", "--db", db, "--format", "pdf", "--out", pdfPath, "--agency", "36.73-dinkes"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(pdfPath); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("pdf: %v", err)
	}
	csvPath := filepath.Join(dir, "laporan.csv")
	if _, _, err := runCLI(t, "report", "--db", db, "--format", "csv", "--sep", ";", "--bom", "--out", csvPath, "--lang", "en"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(csvPath)
	if err != nil || !strings.HasPrefix(string(b), "\ufeffUnit code;Unit;") {
		t.Fatalf("csv starts %.40q: %v", b, err)
	}
	_, _, err = runCLI(t, "report", "--db", db, "--out", filepath.Join(dir, "x.xlsx"), "--region", "99.99")
	if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "99.99") {
		t.Errorf("unknown region: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.xlsx")); !os.IsNotExist(err) {
		t.Error("a refused report left a file")
	}
}
