// Package importer loads agencies' files (CSV, XLSX, Parquet) into Timbang's database:
// validated first, applied all or nothing, idempotent on natural keys.
//
// Every file is first staged into a DuckDB table of text columns with the row number a person
// sees in Excel (the header is row 1). Parsing and validation then run as SQL over the staged
// rows, so a five-million-row file never becomes Go structs; the Go parsers in parse.go state
// the same rules and are fuzzed against the SQL ones.
package importer

import (
	"strings"
)

// ColumnType says how a staged text value is parsed and checked.
type ColumnType int

// Column types. Indonesian Excel habits are accepted: decimal commas, dd/mm/yyyy dates,
// thousands dots in whole numbers.
const (
	Text       ColumnType = iota // trimmed text
	Code                         // an identifier: trimmed, no inner spaces
	NIP                          // 18 digits, kept as text; never a float
	Integer                      // whole number; "1.234" is 1234
	Decimal                      // "88,5" and "88.5" are 88.5
	Date                         // dd/mm/yyyy, yyyy-mm-dd, or an Excel serial in XLSX files
	Month                        // a period: yyyy-mm, mm/yyyy, or any date in the month
	Latitude                     // decimal degrees inside Indonesia's bounding box
	Longitude                    // decimal degrees inside Indonesia's bounding box
	RegionCode                   // Kemendagri code PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD
)

// Column is one column of a kind's documented column set.
type Column struct {
	Name     string   // canonical name: the database column
	Headers  []string // accepted header names, Indonesian and English; Name is always accepted
	Type     ColumnType
	Required bool
	Key      bool     // part of the natural key the import upserts on
	Fold     bool     // a lower-case code (cadre, unit type, indicator...): matched case-insensitively
	Enum     []string // allowed values, matched case-insensitively and stored as spelled here
	Min, Max *float64 // numeric range, if restricted
	Default  string   // used when the column is absent from the file
	NoteID   string   // what goes in the column, for templates
	NoteEN   string
	Example  string
}

// Kind is one kind of file: the table it loads and its column set.
type Kind struct {
	Name    string // regions, agencies, units, staff, workload, norms, activities, transfers, preferences
	Table   string
	TitleID string
	TitleEN string
	Columns []Column
	// Reference kinds (regions, norms, activity standards) are shared by every region: only an
	// unrestricted batch may hold them (see scope.go).
	Reference bool
	// order in which kinds of one batch are applied, so references resolve
	order int
}

// Keys returns the natural-key columns.
func (k Kind) Keys() []Column {
	var out []Column
	for _, c := range k.Columns {
		if c.Key {
			out = append(out, c)
		}
	}
	return out
}

// Column returns the column named name.
func (k Kind) Column(name string) (Column, bool) {
	for _, c := range k.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

func ptr(v float64) *float64 { return &v }

// Kinds lists every importable kind in the order a batch applies them.
var Kinds = []Kind{
	{
		Name: "regions", Table: "regions", order: 1, Reference: true,
		TitleID: "Wilayah (kode Kemendagri)", TitleEN: "Regions (Kemendagri codes)",
		Columns: []Column{
			{Name: "code", Headers: []string{"kode", "kode wilayah", "kode_wilayah", "region_code"}, Type: RegionCode, Required: true, Key: true,
				NoteID: "Kode Kemendagri: PP, PP.KK, PP.KK.CC atau PP.KK.CC.DDDD", NoteEN: "Kemendagri code: PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD", Example: "36.73.05"},
			{Name: "name", Headers: []string{"nama", "nama wilayah", "nama_wilayah", "region_name"}, Type: Text, Required: true,
				NoteID: "Nama wilayah", NoteEN: "Region name", Example: "Cipocok Jaya"},
			{Name: "population", Headers: []string{"penduduk", "jumlah penduduk", "jumlah_penduduk"}, Type: Integer, Min: ptr(0),
				NoteID: "Jumlah penduduk (boleh kosong)", NoteEN: "Population (optional)", Example: ""},
			{Name: "area_km2", Headers: []string{"luas", "luas km2", "luas_km2", "area"}, Type: Decimal, Min: ptr(0),
				NoteID: "Luas dalam km² (boleh kosong)", NoteEN: "Area in km² (optional)", Example: ""},
		},
	},
	{
		Name: "agencies", Table: "agencies", order: 2,
		TitleID: "Instansi", TitleEN: "Agencies",
		Columns: []Column{
			{Name: "code", Headers: []string{"kode", "kode instansi", "kode_instansi", "agency_code"}, Type: Code, Required: true, Key: true,
				NoteID: "Kode instansi yang unik", NoteEN: "Unique agency code", Example: "36.73-disdik"},
			{Name: "name", Headers: []string{"nama", "nama instansi", "nama_instansi", "agency_name"}, Type: Text, Required: true,
				NoteID: "Nama instansi", NoteEN: "Agency name", Example: "Dinas Pendidikan Kota Serang"},
			{Name: "region_code", Headers: []string{"kode wilayah", "kode_wilayah", "wilayah", "region"}, Type: RegionCode, Required: true,
				NoteID: "Kode provinsi atau kabupaten/kota pemilik instansi", NoteEN: "Code of the province or regency/city that owns it", Example: "36.73"},
			{Name: "sector", Headers: []string{"sektor", "bidang"}, Type: Code, Fold: true, Required: true,
				Enum:   []string{"pendidikan", "kesehatan", "pemerintahan", "lainnya"},
				NoteID: "pendidikan, kesehatan, pemerintahan atau lainnya", NoteEN: "pendidikan, kesehatan, pemerintahan or lainnya", Example: "pendidikan"},
		},
	},
	{
		Name: "units", Table: "units", order: 3,
		TitleID: "Unit kerja", TitleEN: "Work units",
		Columns: []Column{
			{Name: "code", Headers: []string{"kode unit", "kode_unit", "unit_code", "npsn", "kode unit kerja"}, Type: Code, Required: true, Key: true,
				NoteID: "Kode unit yang unik (NPSN untuk sekolah)", NoteEN: "Unique unit code (NPSN for schools)", Example: "20600001"},
			{Name: "name", Headers: []string{"nama", "nama unit", "nama_unit", "unit_name", "nama unit kerja"}, Type: Text, Required: true,
				NoteID: "Nama unit kerja", NoteEN: "Unit name", Example: "SD Negeri 1 Cipocok Jaya"},
			{Name: "unit_type", Headers: []string{"jenis", "jenis unit", "jenis_unit", "type"}, Type: Code, Fold: true, Required: true,
				NoteID: "Jenis unit: sd, smp, sma, smk, puskesmas, kelurahan", NoteEN: "Unit type: sd, smp, sma, smk, puskesmas, kelurahan", Example: "sd"},
			{Name: "agency_code", Headers: []string{"kode instansi", "kode_instansi", "instansi", "agency"}, Type: Code, Required: true,
				NoteID: "Kode instansi induk", NoteEN: "Code of the owning agency", Example: "36.73-disdik"},
			{Name: "region_code", Headers: []string{"kode wilayah", "kode_wilayah", "wilayah", "kode kelurahan", "region"}, Type: RegionCode, Required: true,
				NoteID: "Kode kelurahan/desa atau kecamatan tempat unit berada", NoteEN: "Code of the village or district the unit stands in", Example: "36.73.05.1001"},
			{Name: "lat", Headers: []string{"lintang", "latitude"}, Type: Latitude,
				NoteID: "Lintang (derajat desimal, boleh kosong)", NoteEN: "Latitude (decimal degrees, optional)", Example: "-6,1234"},
			{Name: "lon", Headers: []string{"bujur", "longitude", "lng"}, Type: Longitude,
				NoteID: "Bujur (derajat desimal, boleh kosong)", NoteEN: "Longitude (decimal degrees, optional)", Example: "106,1789"},
		},
	},
	{
		Name: "staff", Table: "staff", order: 4,
		TitleID: "Pegawai (ASN)", TitleEN: "Staff (ASN)",
		Columns: []Column{
			{Name: "nip", Headers: []string{"nip", "nip baru"}, Type: NIP, Required: true, Key: true,
				NoteID: "NIP 18 digit, diketik sebagai teks (bukan angka)", NoteEN: "18-digit NIP, typed as text (not a number)", Example: "198609262015051001"},
			{Name: "name", Headers: []string{"nama", "nama pegawai", "nama_pegawai", "nama lengkap"}, Type: Text, Required: true,
				NoteID: "Nama lengkap dengan gelar", NoteEN: "Full name with titles", Example: "Siti Rahmawati, S.Pd."},
			{Name: "cadre_code", Headers: []string{"rumpun jabatan", "rumpun_jabatan", "rumpun", "jabatan", "cadre"}, Type: Code, Fold: true, Required: true,
				NoteID: "Kode rumpun jabatan: guru, dokter, perawat, bidan, pelaksana", NoteEN: "Position family code: guru, dokter, perawat, bidan, pelaksana", Example: "guru"},
			{Name: "unit_code", Headers: []string{"unit kerja", "unit_kerja", "kode unit", "kode_unit", "unit"}, Type: Code, Required: true,
				NoteID: "Kode unit kerja", NoteEN: "Work unit code", Example: "20600001"},
			{Name: "employment", Headers: []string{"jenis pegawai", "jenis_pegawai", "status kepegawaian", "status_kepegawaian"}, Type: Code, Default: "PNS",
				Enum:   []string{"PNS", "PPPK"},
				NoteID: "PNS atau PPPK (kosong = PNS)", NoteEN: "PNS or PPPK (empty = PNS)", Example: "PNS"},
			{Name: "education_level", Headers: []string{"pendidikan", "jenjang pendidikan", "jenjang_pendidikan", "tingkat pendidikan"}, Type: Text,
				NoteID: "Jenjang: SMA, D3, D4, S1, S2, S3, profesi", NoteEN: "Level: SMA, D3, D4, S1, S2, S3, profesi", Example: "S1"},
			{Name: "education_field", Headers: []string{"jurusan", "bidang pendidikan", "bidang_pendidikan", "program studi"}, Type: Text,
				NoteID: "Jurusan atau program studi", NoteEN: "Field of study", Example: "Pendidikan Matematika"},
			{Name: "rank", Headers: []string{"golongan", "gol", "pangkat/golongan", "gol/ruang"}, Type: Text,
				NoteID: "Golongan/ruang, misalnya III/b", NoteEN: "Rank, e.g. III/b", Example: "III/b"},
			{Name: "birth_date", Headers: []string{"tanggal lahir", "tanggal_lahir", "tgl lahir", "tgl_lahir"}, Type: Date, Required: true,
				NoteID: "Tanggal lahir dd/mm/yyyy; harus sama dengan 8 digit awal NIP", NoteEN: "Birth date dd/mm/yyyy; must match the NIP's first 8 digits", Example: "26/09/1986"},
			{Name: "post_start", Headers: []string{"tmt jabatan", "tmt_jabatan", "tanggal masuk jabatan", "mulai jabatan"}, Type: Date, Required: true,
				NoteID: "Tanggal mulai di jabatan/unit sekarang (TMT), dd/mm/yyyy", NoteEN: "Date into the current post (TMT), dd/mm/yyyy", Example: "01/07/2019"},
			{Name: "home_lat", Headers: []string{"lintang rumah", "lintang_rumah"}, Type: Latitude,
				NoteID: "Lintang tempat tinggal (boleh kosong)", NoteEN: "Home latitude (optional)", Example: "-6,1301"},
			{Name: "home_lon", Headers: []string{"bujur rumah", "bujur_rumah"}, Type: Longitude,
				NoteID: "Bujur tempat tinggal (boleh kosong)", NoteEN: "Home longitude (optional)", Example: "106,1702"},
			{Name: "performance", Headers: []string{"kinerja", "predikat kinerja", "predikat skp", "skp"}, Type: Text,
				Enum:   []string{"Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"},
				NoteID: "Predikat SKP: Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang", NoteEN: "SKP rating: Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang", Example: "Baik"},
			{Name: "status", Headers: []string{"status", "status pegawai", "status_pegawai"}, Type: Code, Fold: true, Default: "aktif",
				Enum:   []string{"aktif", "cuti", "tugas_belajar", "diberhentikan_sementara", "pensiun"},
				NoteID: "aktif, cuti, tugas_belajar, diberhentikan_sementara, pensiun (kosong = aktif)", NoteEN: "aktif, cuti, tugas_belajar, diberhentikan_sementara, pensiun (empty = aktif)", Example: "aktif"},
		},
	},
	{
		Name: "workload", Table: "workload", order: 5,
		TitleID: "Beban kerja bulanan", TitleEN: "Monthly workload",
		Columns: []Column{
			{Name: "unit_code", Headers: []string{"unit kerja", "unit_kerja", "kode unit", "kode_unit", "unit"}, Type: Code, Required: true, Key: true,
				NoteID: "Kode unit kerja", NoteEN: "Work unit code", Example: "20600001"},
			{Name: "period", Headers: []string{"periode", "bulan", "month"}, Type: Month, Required: true, Key: true,
				NoteID: "Bulan: yyyy-mm atau mm/yyyy", NoteEN: "Month: yyyy-mm or mm/yyyy", Example: "2026-10"},
			{Name: "indicator", Headers: []string{"indikator", "kode indikator"}, Type: Code, Fold: true, Required: true, Key: true,
				NoteID: "Kode indikator: siswa, kunjungan, anc, persalinan, kb, penduduk, layanan_adm", NoteEN: "Indicator code: siswa, kunjungan, anc, persalinan, kb, penduduk, layanan_adm", Example: "siswa"},
			{Name: "value", Headers: []string{"nilai", "jumlah", "volume"}, Type: Decimal, Required: true, Min: ptr(0),
				NoteID: "Nilai bulan itu (tidak boleh negatif)", NoteEN: "The month's value (not negative)", Example: "480"},
		},
	},
	{
		Name: "norms", Table: "staffing_norms", order: 6, Reference: true,
		TitleID: "Norma kebutuhan pegawai", TitleEN: "Staffing norms",
		Columns: []Column{
			{Name: "unit_type", Headers: []string{"jenis unit", "jenis_unit", "jenis"}, Type: Code, Fold: true, Required: true, Key: true,
				NoteID: "Jenis unit", NoteEN: "Unit type", Example: "sd"},
			{Name: "cadre_code", Headers: []string{"rumpun jabatan", "rumpun_jabatan", "rumpun", "cadre"}, Type: Code, Fold: true, Required: true, Key: true,
				NoteID: "Kode rumpun jabatan", NoteEN: "Position family code", Example: "guru"},
			{Name: "method", Headers: []string{"metode"}, Type: Code, Fold: true, Required: true, Enum: []string{"ratio", "wisn", "abk"},
				NoteID: "ratio, wisn atau abk", NoteEN: "ratio, wisn or abk", Example: "ratio"},
			{Name: "indicator", Headers: []string{"indikator"}, Type: Code, Fold: true,
				NoteID: "Indikator untuk metode ratio", NoteEN: "Indicator, for the ratio method", Example: "siswa"},
			{Name: "per_staff", Headers: []string{"beban per pegawai", "beban_per_pegawai", "rasio"}, Type: Decimal, Min: ptr(0),
				NoteID: "Beban yang dipikul satu pegawai, untuk metode ratio (mis. 20 siswa)", NoteEN: "Workload one person carries, for the ratio method (e.g. 20 students)", Example: "20"},
			{Name: "support_pct", Headers: []string{"faktor penunjang", "faktor_penunjang", "ftp"}, Type: Decimal, Default: "0", Min: ptr(0), Max: ptr(0.99),
				NoteID: "Bagian tugas penunjang ABK Kes (0 sampai <1)", NoteEN: "ABK Kes support-task share (0 to <1)", Example: "0"},
			{Name: "source", Headers: []string{"sumber", "dasar hukum"}, Type: Text, Required: true,
				NoteID: "Sumber atau dasar hukum norma", NoteEN: "Source or regulation", Example: "PP 74/2008 ps. 17"},
		},
	},
	{
		Name: "activities", Table: "activity_standards", order: 7, Reference: true,
		TitleID: "Standar kegiatan (WISN/ABK)", TitleEN: "Activity standards (WISN/ABK)",
		Columns: []Column{
			{Name: "unit_type", Headers: []string{"jenis unit", "jenis_unit", "jenis"}, Type: Code, Fold: true, Required: true, Key: true,
				NoteID: "Jenis unit", NoteEN: "Unit type", Example: "puskesmas"},
			{Name: "cadre_code", Headers: []string{"rumpun jabatan", "rumpun_jabatan", "rumpun", "cadre"}, Type: Code, Fold: true, Required: true, Key: true,
				NoteID: "Kode rumpun jabatan", NoteEN: "Position family code", Example: "bidan"},
			{Name: "activity", Headers: []string{"kegiatan", "kode kegiatan", "kode_kegiatan"}, Type: Code, Fold: true, Required: true, Key: true,
				NoteID: "Kode kegiatan yang singkat", NoteEN: "Short activity code", Example: "anc"},
			{Name: "name_id", Headers: []string{"nama kegiatan", "nama_kegiatan", "nama"}, Type: Text, Required: true,
				NoteID: "Nama kegiatan (Bahasa Indonesia)", NoteEN: "Activity name (Indonesian)", Example: "Pemeriksaan kehamilan"},
			{Name: "name_en", Headers: []string{"activity name", "nama inggris"}, Type: Text,
				NoteID: "Nama kegiatan (Inggris, boleh kosong)", NoteEN: "Activity name (English, optional)", Example: "Antenatal examination"},
			{Name: "indicator", Headers: []string{"indikator"}, Type: Code, Fold: true, Required: true,
				NoteID: "Indikator yang mengukur volumenya", NoteEN: "Indicator that measures its volume", Example: "anc"},
			{Name: "minutes", Headers: []string{"menit", "norma waktu", "norma_waktu", "standar waktu"}, Type: Decimal, Required: true, Min: ptr(0.0001),
				NoteID: "Menit per satuan volume", NoteEN: "Minutes per unit of volume", Example: "20"},
		},
	},
	{
		Name: "transfers", Table: "transfers", order: 8,
		TitleID: "Riwayat mutasi", TitleEN: "Transfer history",
		Columns: []Column{
			{Name: "nip", Headers: []string{"nip"}, Type: NIP, Required: true, Key: true,
				NoteID: "NIP 18 digit", NoteEN: "18-digit NIP", Example: "198609262015051001"},
			{Name: "moved_on", Headers: []string{"tanggal", "tmt mutasi", "tmt_mutasi", "tanggal mutasi", "date"}, Type: Date, Required: true, Key: true,
				NoteID: "Tanggal berlaku mutasi, dd/mm/yyyy", NoteEN: "Date the transfer took effect, dd/mm/yyyy", Example: "01/07/2025"},
			{Name: "from_unit", Headers: []string{"unit asal", "unit_asal", "dari unit", "from"}, Type: Code, Required: true,
				NoteID: "Kode unit asal", NoteEN: "Code of the unit left", Example: "20600002"},
			{Name: "to_unit", Headers: []string{"unit tujuan", "unit_tujuan", "ke unit", "to"}, Type: Code, Required: true,
				NoteID: "Kode unit tujuan", NoteEN: "Code of the unit joined", Example: "20600001"},
			{Name: "reason", Headers: []string{"alasan", "keterangan"}, Type: Text,
				NoteID: "Alasan mutasi", NoteEN: "Why", Example: "Pemerataan beban kerja"},
			{Name: "decree", Headers: []string{"nomor sk", "nomor_sk", "no sk", "sk"}, Type: Text,
				NoteID: "Nomor SK mutasi", NoteEN: "Decree number", Example: "821.2/123-BKPSDM/2025"},
		},
	},
	{
		Name: "preferences", Table: "staff_preferences", order: 9,
		TitleID: "Pilihan unit pegawai", TitleEN: "Staff unit preferences",
		Columns: []Column{
			{Name: "nip", Headers: []string{"nip"}, Type: NIP, Required: true, Key: true,
				NoteID: "NIP 18 digit pegawai", NoteEN: "The person's 18-digit NIP", Example: "198609262015051001"},
			{Name: "unit_code", Headers: []string{"unit pilihan", "unit_pilihan", "kode unit", "kode_unit", "unit"}, Type: Code, Required: true, Key: true,
				NoteID: "Kode unit yang diminati", NoteEN: "Code of the unit the person would like to work at", Example: "20600001"},
			{Name: "rank", Headers: []string{"urutan", "pilihan ke", "pilihan_ke", "peringkat"}, Type: Integer, Required: true, Min: ptr(1), Max: ptr(3),
				NoteID: "Urutan pilihan: 1, 2 atau 3 (1 = paling diinginkan)", NoteEN: "Choice: 1, 2 or 3 (1 = most wanted)", Example: "1"},
		},
	},
}

// KindByName returns the kind called name.
func KindByName(name string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

// normalizeHeader folds a header cell for matching: lower case, trimmed, with runs of spaces,
// underscores and dots folded to one space ("Tgl_Lahir", "TGL. LAHIR" and "tgl lahir" match).
func normalizeHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	var b strings.Builder
	space := false
	for _, r := range h {
		if r == ' ' || r == '_' || r == '.' || r == '\t' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// matchHeaders maps a file's header cells to the kind's columns: for each header index, the
// column name it fills or "" when unknown. Duplicates are reported by the caller.
func (k Kind) matchHeaders(headers []string) []string {
	lookup := map[string]string{}
	for _, c := range k.Columns {
		lookup[normalizeHeader(c.Name)] = c.Name
		for _, h := range c.Headers {
			lookup[normalizeHeader(h)] = c.Name
		}
	}
	out := make([]string, len(headers))
	for i, h := range headers {
		out[i] = lookup[normalizeHeader(h)]
	}
	return out
}
