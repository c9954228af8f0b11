package demo

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// education is a staff member's highest qualification and the titles it gives the name.
type education struct {
	level, field  string // level: SMA, D3, D4, S1, S2, profesi
	before, after string // titles before and after the name
}

// Subjects teachers are trained in, by school type; SD classes are taught by PGSD graduates.
var (
	sdFields = []string{"PGSD", "PGSD", "PGSD", "PGSD", "PGSD", "PGSD", "PGSD", "PGSD", "Pendidikan Agama Islam",
		"Pendidikan Jasmani", "Pendidikan Bahasa Inggris"}
	secondaryFields = []string{"Pendidikan Matematika", "Pendidikan Bahasa Indonesia", "Pendidikan Bahasa Inggris",
		"Pendidikan Biologi", "Pendidikan Fisika", "Pendidikan Sejarah", "Pendidikan Jasmani", "Pendidikan Agama Islam",
		"Pendidikan Pancasila dan Kewarganegaraan", "Pendidikan Ekonomi", "Pendidikan Geografi", "Bimbingan dan Konseling"}
	smaFields = []string{"Pendidikan Kimia", "Pendidikan Sosiologi", "Pendidikan Seni Budaya"}
	smkFields = []string{"Teknik Mesin", "Pendidikan Teknik Mesin", "Pendidikan Teknik Otomotif", "Akuntansi",
		"Teknik Informatika", "Pendidikan Tata Boga", "Teknik Elektro", "Pendidikan Administrasi Perkantoran"}
	clerkS1Fields = []string{"Administrasi Publik", "Ilmu Pemerintahan", "Manajemen", "Hukum", "Akuntansi",
		"Sistem Informasi", "Administrasi Publik", "Ilmu Pemerintahan"}
	clerkD3Fields = []string{"Administrasi Perkantoran", "Manajemen Informatika", "Akuntansi"}
	diplomaTitle  = map[string]string{"Administrasi Perkantoran": "A.Md.", "Manajemen Informatika": "A.Md.Kom.", "Akuntansi": "A.Md.Ak."}
)

// degreeTitle is the bachelor's title a field gives.
var degreeTitle = map[string]string{
	"Pendidikan Agama Islam": "S.Pd.I.", "Pendidikan Agama Kristen": "S.Pd.K.", "Teknik Mesin": "S.T.",
	"Teknik Elektro": "S.T.", "Teknik Informatika": "S.Kom.", "Akuntansi": "S.E.", "Administrasi Publik": "S.AP.",
	"Ilmu Pemerintahan": "S.IP.", "Manajemen": "S.E.", "Hukum": "S.H.", "Sistem Informasi": "S.Kom.",
}

func bachelorTitle(field string) string {
	if t, ok := degreeTitle[field]; ok {
		return t
	}
	return "S.Pd."
}

// drawEducation picks a qualification for a cadre at a unit type. christian marks provinces
// where religion teachers more often teach Pendidikan Agama Kristen.
func drawEducation(rng *rand.Rand, cadre, unitType string, christian bool) education {
	switch cadre {
	case "guru":
		var fields []string
		switch unitType {
		case "sd":
			fields = sdFields
		case "sma":
			fields = slices.Concat(secondaryFields, smaFields)
		case "smk":
			fields = slices.Concat(secondaryFields, smkFields)
		default:
			fields = secondaryFields
		}
		field := oneOf(rng, fields)
		if field == "Pendidikan Agama Islam" && christian && rng.Float64() < 0.6 {
			field = "Pendidikan Agama Kristen"
		}
		if rng.Float64() < 0.10 {
			if rng.Float64() < 0.5 {
				field = "Manajemen Pendidikan"
			}
			return education{level: "S2", field: field, after: bachelorTitle(field) + ", M.Pd."}
		}
		return education{level: "S1", field: field, after: bachelorTitle(field)}
	case "dokter":
		e := education{level: "profesi", field: "Profesi Dokter", before: "dr."}
		if rng.Float64() < 0.1 {
			e.after = "M.Kes."
		}
		return e
	case "perawat":
		if rng.Float64() < 0.6 {
			return education{level: "D3", field: "Keperawatan", after: "A.Md.Kep."}
		}
		return education{level: "profesi", field: "Keperawatan", after: "S.Kep., Ns."}
	case "bidan":
		if rng.Float64() < 0.65 {
			return education{level: "D3", field: "Kebidanan", after: "A.Md.Keb."}
		}
		return education{level: "D4", field: "Kebidanan", after: "S.Tr.Keb."}
	}
	// pelaksana
	switch x := rng.Float64(); {
	case x < 0.30:
		return education{level: "SMA", field: oneOf(rng, []string{"IPS", "IPA"})}
	case x < 0.50:
		field := oneOf(rng, clerkD3Fields)
		return education{level: "D3", field: field, after: diplomaTitle[field]}
	case x < 0.95:
		field := oneOf(rng, clerkS1Fields)
		return education{level: "S1", field: field, after: bachelorTitle(field)}
	}
	field := oneOf(rng, []string{"Administrasi Publik", "Ilmu Pemerintahan"})
	return education{level: "S2", field: field, after: bachelorTitle(field) + ", M.Si."}
}

// entryAge is the youngest age at which a qualification can be appointed.
func entryAge(e education) int {
	switch e.level {
	case "SMA":
		return 20
	case "D3":
		return 21
	case "S2":
		return 25
	case "profesi":
		if e.field == "Profesi Dokter" {
			return 25
		}
	}
	return 23
}

// golongan lists PNS ranks (golongan/ruang) from I/a to IV/e.
var golongan = []string{"I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
	"III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"}

// startRank is the golongan index a PNS enters with: II/a with SMA, II/c with D3, III/a with a
// bachelor's degree or Ners, III/b with a master's or as a doctor.
func startRank(e education) int {
	switch {
	case e.level == "SMA":
		return 4
	case e.level == "D3":
		return 6
	case e.level == "S2", e.field == "Profesi Dokter":
		return 9
	}
	return 8
}

// maxRank caps careers: functional staff reach IV/b in the demo, D3 health staff III/d,
// clerks stop at III/b (SMA), III/c (D3) or IV/a.
func maxRank(cadre string, e education) int {
	switch {
	case cadre == "pelaksana" && e.level == "SMA":
		return 9
	case cadre == "pelaksana" && e.level == "D3":
		return 10
	case cadre == "pelaksana":
		return 12
	case e.level == "D3":
		return 11
	}
	return 13
}

// rankFor is the golongan after years of service: regular promotion every four to five years for
// clerks, faster for functional posts that earn credit points, and a long wait at IV/a, since
// IV/b needs published work that few teachers and health workers produce.
func rankFor(rng *rand.Rand, cadre string, e education, yearsOfService float64) string {
	interval := between(rng, 3, 4.5)
	if cadre == "pelaksana" {
		interval = between(rng, 4, 5)
	}
	idx, left := startRank(e), yearsOfService-1 // the first year is CPNS probation
	for top := maxRank(cadre, e); idx < top; idx++ {
		need := interval
		if idx >= 12 {
			need *= 2.5
		}
		if left < need {
			break
		}
		left -= need
	}
	return golongan[idx]
}

// pppkGrade is the PPPK salary grade a qualification is hired at (PP 98/2020 grades I-XVII).
func pppkGrade(e education) string {
	switch {
	case e.level == "SMA":
		return "V"
	case e.level == "D3":
		return "VII"
	case e.field == "Profesi Dokter":
		return "XI"
	case e.level == "S2":
		return "X"
	}
	return "IX"
}

// christianProvince marks provinces with Christian majorities, for religion teachers' subjects.
func christianProvince(provCode string) bool {
	return strings.HasPrefix(provCode, "9") || provCode == "53" || provCode == "71" || provCode == "81"
}
