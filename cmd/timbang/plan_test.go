package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestPlanCommand writes Kota Serang's teacher plan as XLSX and PDF, says what it did, and
// refuses a missing flag, an unknown cadre and a file name without a known extension.
func TestPlanCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	if _, _, err := runCLI(t, "demo", "--db", db, "--scale", "test"); err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(dir, "rencana.xlsx")
	out, _, err := runCLI(t, "plan", "--db", db, "--region", "36.73", "--cadre", "guru", "--out", xlsx)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "moves fill") || !strings.Contains(out, "optimal true") {
		t.Errorf("summary: %s", out)
	}
	wb, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = wb.Close() }()
	rows, err := wb.GetRows("Daftar mutasi")
	if err != nil || len(rows) < 2 || rows[0][1] != "NIP" || len(rows[1][1]) != 18 {
		t.Fatalf("moves sheet: %d rows, %v", len(rows), err)
	}
	pdf := filepath.Join(dir, "rencana.pdf")
	if _, _, err := runCLI(t, "plan", "--db", db, "--region", "36.73", "--cadre", "guru,bidan", "--out", pdf, "--lang", "en"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("pdf: %v", err)
	}
	for _, args := range [][]string{
		{"--region", "36.73", "--out", filepath.Join(dir, "a.xlsx")},
		{"--region", "36.73", "--cadre", "astronot", "--out", filepath.Join(dir, "b.xlsx")},
		{"--region", "36.73", "--cadre", "guru", "--out", filepath.Join(dir, "c.docx")},
	} {
		_, _, err := runCLI(t, append([]string{"plan", "--db", db}, args...)...)
		if !errors.Is(err, errUsage) {
			t.Errorf("plan %v: %v, want a usage error", args, err)
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "[abc].*")); len(matches) > 0 {
		t.Errorf("refused plans left files: %v", matches)
	}
}
