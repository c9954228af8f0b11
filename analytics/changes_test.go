package analytics

import (
	"context"
	"reflect"
	"testing"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/importer"
)

// TestReadsFollowDataChanges: a Service that has answered the page reads answers them again
// with the new data after imports and after a refresh, as a Service made afresh on the same
// store does, with names and codes intact. A guard for anything a Service keeps between reads
// (the data version, the units seen in a scope, statements: see Service.db). The fixture is too
// small for DuckDB to choose the plan that went wrong with kept statements (it passes with
// them); TestRollupsAfterImportsOnCityDemo, whose own queries go through s.db, is the one that
// catches that.
func TestReadsFollowDataChanges(t *testing.T) {
	s := fixtureService(t)
	ctx := context.Background()
	rd := s.For(Scope{})
	type reads struct {
		Summary  Summary
		Units    UnitPage
		Spread   Spread
		Agencies []Group
		Bins     []Bin
		Trend    []TrendPoint
		History  []CadreHistory
		// the staff in post of SMK 1 and SD 3 as the unit page explains them, counted in Go
		// from each person's moves
		ExplainedK1, ExplainedS3 int
	}
	read := func(rd *Reader) reads {
		t.Helper()
		var r reads
		var err error
		f := Filter{Period: jan, Region: "36.73"}
		if r.Summary, err = rd.Summary(ctx, Filter{Period: jan, Region: "36.73.05", Cadre: "guru"}); err != nil {
			t.Fatal(err)
		}
		if r.Units, err = rd.Units(ctx, f, SortName, 100, 0, "id"); err != nil {
			t.Fatal(err)
		}
		if r.Spread, err = rd.Spread(ctx, f, 10, "id"); err != nil {
			t.Fatal(err)
		}
		if r.Agencies, err = rd.Breakdown(ctx, f, ByAgency, 0, "id"); err != nil {
			t.Fatal(err)
		}
		if r.Bins, err = rd.Distribution(ctx, f); err != nil {
			t.Fatal(err)
		}
		if r.Trend, err = rd.Trend(ctx, Filter{Region: "36.73.05"}); err != nil {
			t.Fatal(err)
		}
		if r.History, err = rd.UnitHistory(ctx, "K1"); err != nil {
			t.Fatal(err)
		}
		for unit, n := range map[string]*int{"K1": &r.ExplainedK1, "S3": &r.ExplainedS3} {
			e, err := rd.Explain(ctx, unit, "guru", jan)
			if err != nil {
				t.Fatal(err)
			}
			*n = e.Actual
		}
		return r
	}
	actual := func(r reads, unit string) int {
		for _, row := range r.Units.Rows {
			if row.Code == unit && row.Cadre == "guru" {
				return row.Actual
			}
		}
		t.Fatalf("no guru row of %s in %+v", unit, r.Units.Rows)
		return 0
	}
	// Every read twice: whatever a Service keeps from one read is used by the second.
	read(rd)
	before := read(rd)
	if k1, s3 := actual(before, "K1"), actual(before, "S3"); k1 != 25 || s3 != 10 {
		t.Fatalf("January before the import: K1 %d, S3 %d teachers; want 25, 10", k1, s3)
	}
	check := func(step string, wantK1, wantS3 int) {
		t.Helper()
		got := read(rd)
		want := read(New(s.store).For(Scope{}))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the Service's reads differ from a new Service's:\n got %+v\nwant %+v", step, got, want)
		}
		if k1, s3 := actual(got, "K1"), actual(got, "S3"); k1 != wantK1 || s3 != wantS3 {
			t.Errorf("%s: January K1 %d, S3 %d teachers; want %d, %d", step, k1, s3, wantK1, wantS3)
		}
		if got.ExplainedK1 != wantK1 || got.ExplainedS3 != wantS3 {
			t.Errorf("%s: January K1 %d, S3 %d teachers as explained; want %d, %d", step, got.ExplainedK1, got.ExplainedS3, wantK1, wantS3)
		}
		for _, row := range got.Units.Rows {
			if row.Code == "K1" && (row.Name != "SMK Negeri 1 Kota Serang" || row.AgencyName != "Dinas Pendidikan Provinsi Banten") {
				t.Errorf("%s: K1 named %q of %q", step, row.Name, row.AgencyName)
			}
		}
	}

	// An import as the dashboard runs it: a teacher of SD 3 came from the SMK on 10 February
	// 2026, so in January the SMK has one teacher more and SD 3 one fewer.
	importCSV(t, s.store, "mutasi.csv", "NIP;Tanggal;Unit Asal;Unit Tujuan;Alasan\n198201012007012001;10/02/2026;K1;S3;rotasi\n")
	s.DataChanged()
	check("import", 26, 9)

	// A new school whose code and name are longer than any stored before, with two teachers
	// and a month of pupils: DuckDB sizes some copies of strings by the longest one stored.
	importBatch(t, s.store, map[string]string{
		"unit.csv": "Kode Unit;Nama Unit;Jenis Unit;Kode Instansi;Kode Wilayah\n" +
			"20612345678901;SD Negeri 12 Cipocok Jaya Kampung Baru Ujung Timur;sd;36.73-disdik;36.73.05.1002\n",
		"pegawai.csv": "NIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan\n" +
			"199001012015011001;Guru Baru Satu;guru;20612345678901;01/01/1990;01/07/2020\n" +
			"199001012015011002;Guru Baru Dua;guru;20612345678901;01/01/1990;01/07/2020\n",
		"beban.csv": "Unit Kerja;Periode;Indikator;Nilai\n20612345678901;2026-01;siswa;200\n",
	})
	s.DataChanged()
	check("new unit", 26, 9)
	var found bool
	for _, row := range read(rd).Units.Rows {
		if row.Code == "20612345678901" {
			found = row.Name == "SD Negeri 12 Cipocok Jaya Kampung Baru Ujung Timur" && row.Actual == 2
		}
	}
	if !found {
		t.Error("new unit: not listed as imported")
	}

	// A refresh after a change written straight to the tables (as `timbang serve` refreshes on
	// start): two SMK teachers retire.
	if _, err := s.db.ExecContext(ctx, `UPDATE staff SET status = 'pensiun'
		WHERE nip IN ('198101012006012001', '198101012006011002')`); err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	check("refresh", 24, 9)
}

// importBatch imports files (name to content) in one batch, as the dashboard's import page does.
func importBatch(t *testing.T, store *data.Store, files map[string]string) {
	t.Helper()
	var nameContent []string
	for name, content := range files {
		nameContent = append(nameContent, name, content)
	}
	importFiles(t, store, importer.Options{Actor: "test", AfterApply: RefreshAfterImport}, nameContent...)
}
