package importer

import (
	"fmt"
	"strings"
)

// Problem is one reason a batch cannot be applied, located as a person would look for it:
// file, spreadsheet row, column, the value found and why it is wrong.
type Problem struct {
	File   string
	Row    int64  // spreadsheet row: the header is 1; 0 when the problem is the whole file
	Column string // canonical column name, or the header cell for header problems
	Value  string
	Code   string // what is wrong; see problemTexts
	Param  string // detail the message needs (allowed values, the first duplicate, ...)
}

// problemTexts words each problem code in Indonesian and English; %[1]s is Param.
var problemTexts = map[string][2]string{
	"required":             {"wajib diisi", "is required"},
	"invalid_text":         {"teks tidak valid", "is not valid text"},
	"invalid_code":         {"kode tidak boleh berisi spasi", "a code may not contain spaces"},
	"invalid_integer":      {"bukan bilangan bulat (contoh: 480 atau 1.234)", "is not a whole number (e.g. 480 or 1.234)"},
	"invalid_decimal":      {"bukan angka (contoh: 88,5)", "is not a number (e.g. 88,5)"},
	"invalid_date":         {"bukan tanggal yang ada (dd/mm/yyyy)", "is not a date that exists (dd/mm/yyyy)"},
	"invalid_month":        {"bukan bulan (yyyy-mm atau mm/yyyy)", "is not a month (yyyy-mm or mm/yyyy)"},
	"invalid_latitude":     {"bukan lintang dalam derajat desimal", "is not a latitude in decimal degrees"},
	"invalid_longitude":    {"bukan bujur dalam derajat desimal", "is not a longitude in decimal degrees"},
	"invalid_region":       {"bukan kode wilayah Kemendagri (PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD)", "is not a Kemendagri region code (PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD)"},
	"invalid_enum":         {"harus salah satu dari: %[1]s", "must be one of: %[1]s"},
	"nip_float":            {"NIP terbaca sebagai angka dan digitnya hilang; format kolom NIP sebagai Teks di Excel lalu ketik ulang", "the NIP arrived as a number and lost digits; format the NIP column as Text in Excel and type it again"},
	"nip_length":           {"NIP harus 18 digit, ada %[1]s", "a NIP has 18 digits, this has %[1]s"},
	"nip_birth_date":       {"8 digit awal NIP bukan tanggal lahir yang valid", "the NIP's first 8 digits are not a valid birth date"},
	"nip_appointment":      {"digit 9-14 NIP bukan bulan pengangkatan yang valid", "the NIP's digits 9-14 are not a valid appointment month"},
	"nip_sex":              {"digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)", "the NIP's 15th digit must be 1 (male) or 2 (female)"},
	"nip_birth_mismatch":   {"tanggal lahir tidak sama dengan NIP (%[1]s)", "the birth date does not match the NIP (%[1]s)"},
	"min":                  {"tidak boleh kurang dari %[1]s", "may not be below %[1]s"},
	"max":                  {"tidak boleh lebih dari %[1]s", "may not be above %[1]s"},
	"outside_indonesia":    {"di luar wilayah Indonesia", "is outside Indonesia"},
	"duplicate":            {"kunci yang sama sudah ada di %[1]s", "the same key already appears at %[1]s"},
	"unknown_region":       {"kode wilayah tidak dikenal (tidak ada di berkas maupun di basis data)", "unknown region code (neither in the files nor in the database)"},
	"unknown_parent":       {"wilayah induk %[1]s tidak dikenal", "parent region %[1]s is unknown"},
	"unknown_agency":       {"instansi tidak dikenal (tidak ada di berkas maupun di basis data)", "unknown agency (neither in the files nor in the database)"},
	"unknown_unit":         {"unit kerja tidak dikenal (tidak ada di berkas maupun di basis data)", "unknown work unit (neither in the files nor in the database)"},
	"unknown_staff":        {"NIP tidak dikenal (tidak ada di berkas pegawai maupun di basis data)", "unknown NIP (neither in the staff files nor in the database)"},
	"unknown_unit_type":    {"jenis unit tidak dikenal", "unknown unit type"},
	"unknown_cadre":        {"rumpun jabatan tidak dikenal", "unknown position family"},
	"unknown_indicator":    {"indikator tidak dikenal", "unknown indicator"},
	"ratio_needs":          {"metode ratio memerlukan indikator dan beban per pegawai", "the ratio method needs an indicator and a workload per person"},
	"date_order":           {"%[1]s", "%[1]s"},
	"csv_line":             {"baris CSV rusak (%[1]s): jumlah kolom tidak sama dengan judul kolom atau tanda kutip tidak ditutup", "malformed CSV line (%[1]s): a different number of fields than the header, or an unclosed quote"},
	"missing_column":       {"kolom wajib tidak ada di judul kolom", "a required column is missing from the header"},
	"duplicate_column":     {"kolom muncul dua kali di judul kolom", "the column appears twice in the header"},
	"unknown_kind":         {"tidak dapat mengenali jenis data dari judul kolom; gunakan templat", "cannot tell what this file holds from its header; use a template"},
	"reference_kind":       {"berkas jenis %[1]s berisi data acuan untuk semua wilayah; hanya administrator yang dapat mengimpornya", "a %[1]s file holds reference data shared by every region; only an administrator can import it"},
	"outside_scope":        {"di luar cakupan Anda (%[1]s)", "is outside your scope (%[1]s)"},
	"outside_scope_stored": {"sudah tercatat di luar cakupan Anda (%[1]s)", "is already stored outside your scope (%[1]s)"},
	"empty_file":           {"berkas tidak berisi baris data", "the file holds no data rows"},
}

// Message words the problem in lang ("id" or "en").
func (p Problem) Message(lang string) string {
	t, ok := problemTexts[p.Code]
	if !ok {
		return p.Code + " " + p.Param
	}
	text := t[0]
	if lang == "en" {
		text = t[1]
	}
	if strings.Contains(text, "%[1]s") {
		return fmt.Sprintf(text, p.Param)
	}
	return text
}

// String is the problem in one line of English, as in an error message.
func (p Problem) String() string { return p.Format("en") }

// Format writes "staff.csv row 14 column nip (value "1.98E+17"): reason" in lang.
func (p Problem) Format(lang string) string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Row > 0 {
		if lang == "en" {
			fmt.Fprintf(&b, " row %d", p.Row)
		} else {
			fmt.Fprintf(&b, " baris %d", p.Row)
		}
	}
	if p.Column != "" {
		if lang == "en" {
			fmt.Fprintf(&b, " column %s", p.Column)
		} else {
			fmt.Fprintf(&b, " kolom %s", p.Column)
		}
	}
	if p.Value != "" {
		if lang == "en" {
			fmt.Fprintf(&b, " (value %q)", p.Value)
		} else {
			fmt.Fprintf(&b, " (nilai %q)", p.Value)
		}
	}
	b.WriteString(": ")
	b.WriteString(p.Message(lang))
	return b.String()
}
