package importer

import (
	"errors"
	"fmt"
	"testing"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
	"github.com/timbang/timbang/data/datatest"
)

// scopeFixture is two schools of the test demo in different districts of Kota Serang, a person
// stored in the second, and the agency of the first.
type scopeFixture struct {
	inside, outside         string // unit codes
	insideDistrict          string // the district of inside: the planner's scope
	insideAgency            string
	outsideAgency           string
	outsideNIP, outsideName string
	otherNIP                string // a second person of outside, whom no case moves
}

func newScopeFixture(t *testing.T, s *data.Store) scopeFixture {
	t.Helper()
	var f scopeFixture
	err := s.DB().QueryRow(`
		SELECT a.code, left(a.region_code, 8), a.agency_code, b.code, b.agency_code
		FROM units a, units b
		WHERE a.unit_type = 'sd' AND b.unit_type = 'sd' AND left(a.region_code, 8) <> left(b.region_code, 8)
		  AND a.agency_code = b.agency_code
		ORDER BY a.code, b.code LIMIT 1`).Scan(&f.inside, &f.insideDistrict, &f.insideAgency, &f.outside, &f.outsideAgency)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRow(`SELECT nip, name FROM staff WHERE unit_code = ? ORDER BY nip LIMIT 1`, f.outside).
		Scan(&f.outsideNIP, &f.outsideName); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRow(`SELECT max(nip) FROM staff WHERE unit_code = ?`, f.outside).Scan(&f.otherNIP); err != nil || f.otherNIP == f.outsideNIP {
		t.Fatalf("a second person at %s: %v", f.outside, err)
	}
	return f
}

// TestScopedImport: a planner's batch is refused, with a problem on the row and column at fault,
// when it touches anything outside their scope or holds reference data; inside it, it applies.
func TestScopedImport(t *testing.T) {
	s := datatest.DemoStore(t)
	f := newScopeFixture(t, s)
	district := accounts.Scope{Regions: []string{f.insideDistrict}}
	label := district.String()
	staffHeader := "NIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan\n"
	newPerson := "198609262015051001;Ani;guru;%s;26/09/1986;01/07/2019\n"
	tests := []struct {
		name  string
		scope accounts.Scope
		file  Source
		want  *Problem // nil: the batch applies
	}{
		{"a new person in a school of the district", district,
			writeFile(t, "staff.csv", staffHeader+fmt.Sprintf(newPerson, f.inside)), nil},
		{"a new person in a school of another district", district,
			writeFile(t, "staff.csv", staffHeader+fmt.Sprintf(newPerson, f.outside)),
			&Problem{File: "staff.csv", Row: 2, Column: "unit_code", Value: f.outside, Code: "outside_scope", Param: label}},
		{"pulling a person stored in another district into the district", district,
			writeFile(t, "staff.csv", staffHeader+f.outsideNIP+";"+f.outsideName+";guru;"+f.inside+";"+
				birthOf(f.outsideNIP)+";01/07/2019\n"),
			&Problem{File: "staff.csv", Row: 2, Column: "nip", Value: f.outsideNIP, Code: "outside_scope_stored", Param: f.outside}},
		{"the same person for an agency scope that covers both schools", accounts.Scope{Agencies: []string{f.insideAgency}},
			writeFile(t, "staff.csv", staffHeader+f.outsideNIP+";"+f.outsideName+";guru;"+f.inside+";"+
				birthOf(f.outsideNIP)+";01/07/2019\n"), nil},
		{"workload of a school in another district", district,
			writeFile(t, "workload.csv", "Unit Kerja;Periode;Indikator;Nilai\n"+f.outside+";2026-10;siswa;300\n"),
			&Problem{File: "workload.csv", Row: 2, Column: "unit_code", Value: f.outside, Code: "outside_scope", Param: label}},
		{"a new unit placed in another district", district,
			writeFile(t, "units.csv", "Kode Unit;Nama;Jenis;Kode Instansi;Kode Wilayah\nX-1;SD Baru;sd;"+f.insideAgency+";36.74.01.1001\n"),
			&Problem{File: "units.csv", Row: 2, Column: "region_code", Value: "36.74.01.1001", Code: "outside_scope", Param: label}},
		{"moving a stored school into the district", district,
			writeFile(t, "units.csv", "Kode Unit;Nama;Jenis;Kode Instansi;Kode Wilayah\n"+f.outside+";SD Pindah;sd;"+f.insideAgency+";"+f.insideDistrict+".1001\n"),
			&Problem{File: "units.csv", Row: 2, Column: "code", Value: f.outside, Code: "outside_scope_stored"}},
		{"a transfer in from another district", district,
			writeFile(t, "transfers.csv", "NIP;Tanggal;Unit Asal;Unit Tujuan\n"+f.outsideNIP+";01/01/2026;"+f.outside+";"+f.inside+"\n"),
			&Problem{File: "transfers.csv", Row: 2, Column: "from_unit", Value: f.outside, Code: "outside_scope", Param: label}},
		{"the wishes of a person of another district", district,
			writeFile(t, "pilihan.csv", "NIP;Unit Pilihan;Urutan\n"+f.otherNIP+";"+f.inside+";1\n"),
			&Problem{File: "pilihan.csv", Row: 2, Column: "nip", Value: f.otherNIP, Code: "outside_scope", Param: label}},
		{"region codes are reference data", district,
			writeFile(t, "regions.csv", "Kode Wilayah;Nama Wilayah\n36.73.05.9999;Kelurahan Baru\n"),
			&Problem{File: "regions.csv", Row: 1, Code: "reference_kind", Param: "regions"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := count(t, s, `SELECT count(*) FROM import_runs WHERE outcome = 'applied'`)
			res, err := importFiles(t, s, Options{Scope: tt.scope, NoReference: true}, tt.file)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("err %v, problems %v", err, res.Problems)
				}
				if n := count(t, s, `SELECT count(*) FROM import_runs WHERE outcome = 'applied'`); n != before+1 {
					t.Errorf("%d applied runs, want %d", n, before+1)
				}
				return
			}
			if !errors.Is(err, ErrRejected) {
				t.Fatalf("err %v, want ErrRejected; problems %v", err, res.Problems)
			}
			want := *tt.want
			if want.Code == "outside_scope_stored" && want.Param == "" {
				want.Param = regionOf(t, s, f.outside)
			}
			if len(res.Problems) != 1 || res.Problems[0] != want {
				t.Errorf("problems %+v\nwant exactly %+v", res.Problems, want)
			}
		})
	}
	if err := s.CheckIntegrity(t.Context()); err != nil {
		t.Error(err)
	}
}

func regionOf(t *testing.T, s *data.Store, unit string) string {
	t.Helper()
	var code string
	if err := s.DB().QueryRow(`SELECT region_code FROM units WHERE code = ?`, unit).Scan(&code); err != nil {
		t.Fatal(err)
	}
	return code
}

// birthOf writes the birth date a NIP begins with as dd/mm/yyyy.
func birthOf(nip string) string { return nip[6:8] + "/" + nip[4:6] + "/" + nip[:4] }
