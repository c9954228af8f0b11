package importer

import (
	"math"
	"testing"
	"time"
)

// The case tables are shared: the tests below check the Go parsers against them, and the fuzz
// targets in parse_fuzz_test.go seed from them, so every case is also checked Go against SQL.

var blankCases = []struct {
	in   string
	want bool
}{
	{"", true},
	{" ", true},
	{"\u00a0", true},
	{"\ufeff", true},
	{"\t\r\n\v\f ", true},
	{"a", false},
	{" 0 ", false},
	{"\u2003", false}, // an em space is not in the trim set
	{"\u00a0-\u00a0", false},
}

var integerCases = []struct {
	in   string
	want int64
	st   ValueStatus
}{
	{"", 0, ValueEmpty},
	{" \u00a0\ufeff\t", 0, ValueEmpty},
	{"0", 0, ValueValid},
	{"480", 480, ValueValid},
	{" 480\r\n", 480, ValueValid},
	{"\u00a0480\ufeff", 480, ValueValid},
	{"+5", 5, ValueValid},
	{"-12", -12, ValueValid},
	{"-0", 0, ValueValid},
	{"007", 7, ValueValid},
	{"1.234.567", 1234567, ValueValid},
	{"1.000", 1000, ValueValid}, // thousands dots win over a zero fraction
	{"-1.234", -1234, ValueValid},
	{"480.0", 480, ValueValid},
	{"480,00", 480, ValueValid},
	{"-3,0", -3, ValueValid},
	{"1234.000", 1234, ValueValid}, // four digits before the dot: not thousands, a zero fraction
	{"1,000", 1, ValueValid},       // a comma is a decimal comma, as in ParseDecimal
	{"9223372036854775807", math.MaxInt64, ValueValid},
	{"-9223372036854775808", math.MinInt64, ValueValid},
	{"9.223.372.036.854.775.807", math.MaxInt64, ValueValid},
	{"00000000000000000000000000042", 42, ValueValid},
	{"9223372036854775808", 0, ValueInvalid},
	{"9.223.372.036.854.775.808", 0, ValueInvalid},
	{"1,5", 0, ValueInvalid},
	{"1.5", 0, ValueInvalid},
	{"1e3", 0, ValueInvalid},
	{"12a", 0, ValueInvalid},
	{"1 000", 0, ValueInvalid},
	{"1.23.456", 0, ValueInvalid},
	{"1234.567", 0, ValueInvalid},
	{"1.234,0", 0, ValueInvalid},
	{"480.0.0", 0, ValueInvalid},
	{".5", 0, ValueInvalid},
	{"5.", 0, ValueInvalid},
	{"+", 0, ValueInvalid},
	{"-", 0, ValueInvalid},
	{"--1", 0, ValueInvalid},
	{"+-1", 0, ValueInvalid},
	{"0x10", 0, ValueInvalid},
	{"1_000", 0, ValueInvalid},
	{"١٢", 0, ValueInvalid}, // Arabic-Indic digits
	{"１２", 0, ValueInvalid}, // full-width digits
	{"1\u20032", 0, ValueInvalid},
}

func TestParseInteger(t *testing.T) {
	for _, c := range integerCases {
		got, st := ParseInteger(c.in)
		if st != c.st || got != c.want {
			t.Errorf("ParseInteger(%q) = %d, %v; want %d, %v", c.in, got, st, c.want, c.st)
		}
	}
}

var decimalCases = []struct {
	in   string
	want float64
	st   ValueStatus
}{
	{"", 0, ValueEmpty},
	{"\u00a0", 0, ValueEmpty},
	{"88,5", 88.5, ValueValid},
	{"88.5", 88.5, ValueValid},
	{" 88,5 ", 88.5, ValueValid},
	{"1.234,5", 1234.5, ValueValid},
	{"1,234.5", 1234.5, ValueValid},
	{"12.345,67", 12345.67, ValueValid},
	{"1.234.567,89", 1234567.89, ValueValid},
	{"1,234,567.89", 1234567.89, ValueValid},
	{"1,234", 1.234, ValueValid},
	{"1.000", 1, ValueValid},
	{"1.234.567", 1234567, ValueValid},
	{"480", 480, ValueValid},
	{"-6,1234", -6.1234, ValueValid},
	{"106,1789", 106.1789, ValueValid},
	{"+3", 3, ValueValid},
	{"-0,5", -0.5, ValueValid},
	{"1.5E+3", 1500, ValueValid},
	{"2e-2", 0.02, ValueValid},
	{"-2.5e3", -2500, ValueValid},
	{"1e-400", 0, ValueValid}, // underflow rounds to zero on both sides; it is a tiny number
	{"0.1", 0.1, ValueValid},
	{"1.23,4", 0, ValueInvalid},
	{"1.2345,6", 0, ValueInvalid},
	{"1,234,567", 0, ValueInvalid},
	{"1,23.4", 0, ValueInvalid},
	{"1.234,5.6", 0, ValueInvalid},
	{"1.234,5,6", 0, ValueInvalid},
	{".5", 0, ValueInvalid},
	{"5.", 0, ValueInvalid},
	{",5", 0, ValueInvalid},
	{"5,", 0, ValueInvalid},
	{"1,5E3", 1500, ValueValid},
	{"6,3E-05", 0.000063, ValueValid}, // Indonesian Excel's General format for 0.000063
	{"-4,4e-05", -0.000044, ValueValid},
	{"1.234,5E3", 0, ValueInvalid},
	{"1,2,3E3", 0, ValueInvalid},
	{"1,E3", 0, ValueInvalid},
	{"1.5E", 0, ValueInvalid},
	{"E5", 0, ValueInvalid},
	{"1e400", 0, ValueInvalid},
	{"NaN", 0, ValueInvalid},
	{"Inf", 0, ValueInvalid},
	{"-Infinity", 0, ValueInvalid},
	{"1 000", 0, ValueInvalid},
	{"1_000", 0, ValueInvalid},
	{"0x1p3", 0, ValueInvalid},
	{"12%", 0, ValueInvalid},
	{"Rp 1.000", 0, ValueInvalid},
}

func TestParseDecimal(t *testing.T) {
	for _, c := range decimalCases {
		got, st := ParseDecimal(c.in)
		if st != c.st || got != c.want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v, %v", c.in, got, st, c.want, c.st)
		}
	}
}

// dateCases hold dates as yyyy-mm-dd, "" when not valid.
var dateCases = []struct {
	in    string
	excel bool
	want  string
	st    ValueStatus
}{
	{"", false, "", ValueEmpty},
	{" \ufeff", true, "", ValueEmpty},
	{"26/09/1986", false, "1986-09-26", ValueValid},
	{"1/7/2019", false, "2019-07-01", ValueValid},
	{"01-07-2019", false, "2019-07-01", ValueValid},
	{"1.7.2019", false, "2019-07-01", ValueValid},
	{"2024-01-31", false, "2024-01-31", ValueValid},
	{"2024/01/31", false, "2024-01-31", ValueValid},
	{"2024-01-31 00:00:00", false, "2024-01-31", ValueValid},
	{"2024-01-31T08:00:00", false, "2024-01-31", ValueValid},
	{"2024-01-31 08:00", false, "2024-01-31", ValueValid},
	{"2024-01-31 08:00:00.123456", false, "2024-01-31", ValueValid},
	{"2024-01-31 23:59:59+07", false, "2024-01-31", ValueValid},
	{"2024-01-31T08:00:00Z", false, "2024-01-31", ValueValid},
	{"2024-01-31T08:00:00+07:00", false, "2024-01-31", ValueValid},
	{"2024-01-31 08:00:00-0530", false, "2024-01-31", ValueValid},
	{"29/02/2024", false, "2024-02-29", ValueValid},
	{"29/02/2000", false, "2000-02-29", ValueValid},
	{"01/01/1900", false, "1900-01-01", ValueValid},
	{"31/12/2100", false, "2100-12-31", ValueValid},
	{"26/09/1986", true, "1986-09-26", ValueValid},
	{"31/02/2024", false, "", ValueInvalid},
	{"29/02/2023", false, "", ValueInvalid},
	{"29/02/1900", false, "", ValueInvalid},
	{"31/04/2024", false, "", ValueInvalid},
	{"31/12/1899", false, "", ValueInvalid},
	{"01/01/2101", false, "", ValueInvalid},
	{"00/01/2024", false, "", ValueInvalid},
	{"01/00/2024", false, "", ValueInvalid},
	{"01/13/2024", false, "", ValueInvalid},
	{"12/31/2024", false, "", ValueInvalid}, // month first is not read
	{"1/2/24", false, "", ValueInvalid},
	{"1/2-2024", false, "", ValueInvalid},
	{"001/02/2024", false, "", ValueInvalid},
	{"2024-1-5", false, "", ValueInvalid},
	{"2024-13-01", false, "", ValueInvalid},
	{"2024-02-30", false, "", ValueInvalid},
	{"2024/01-31", false, "", ValueInvalid},
	{"2024-01-31 24:00:00", false, "", ValueInvalid},
	{"2024-01-31 08:60", false, "", ValueInvalid},
	{"2024-01-31 08:00:60", false, "", ValueInvalid},
	{"2024-01-31 08:00:00 +07", false, "", ValueInvalid},
	{"2024-01-31 08:00:00.1234567890", false, "", ValueInvalid},
	{"2024-01-31 08:00:00+07:", false, "", ValueInvalid},
	{"2024-01-31 8:00", false, "", ValueInvalid},
	{"2024/01/31 08:00", false, "", ValueInvalid},
	{"2024-01-31T", false, "", ValueInvalid},
	{"20240131", false, "", ValueInvalid},
	{"31 Januari 2024", false, "", ValueInvalid},
	{"45123", false, "", ValueInvalid},
	{"45123", true, "2023-07-16", ValueValid},
	{"45123.5", true, "2023-07-16", ValueValid},
	{" 45123.999 ", true, "2023-07-16", ValueValid},
	{"1", true, "1900-01-01", ValueValid},
	{"59", true, "1900-02-28", ValueValid},
	{"61", true, "1900-03-01", ValueValid},
	{"25569", true, "1970-01-01", ValueValid},
	{"73050", true, "2099-12-31", ValueValid},
	{"0045123", true, "2023-07-16", ValueValid},
	{"60", true, "", ValueInvalid}, // Excel's phantom 29 February 1900
	{"0", true, "", ValueInvalid},
	{"0.5", true, "", ValueInvalid},
	{"73051", true, "", ValueInvalid},
	{"-1", true, "", ValueInvalid},
	{"45123,5", true, "", ValueInvalid},
	{".5", true, "", ValueInvalid},
	{"45123.", true, "", ValueInvalid},
	{"4.5123E+4", true, "", ValueInvalid},
	{"99999999999999999999", true, "", ValueInvalid},
}

func TestParseDate(t *testing.T) {
	for _, c := range dateCases {
		got, st := ParseDate(c.in, c.excel)
		if st != c.st || dateString(got, st) != c.want {
			t.Errorf("ParseDate(%q, %v) = %s, %v; want %q, %v", c.in, c.excel, dateString(got, st), st, c.want, c.st)
		}
		if st == ValueValid && (got.Location() != time.UTC || got.Hour() != 0) {
			t.Errorf("ParseDate(%q) = %v, want UTC midnight", c.in, got)
		}
	}
}

func dateString(d time.Time, st ValueStatus) string {
	if st != ValueValid {
		return ""
	}
	return d.Format(time.DateOnly)
}

var monthCases = []struct {
	in    string
	excel bool
	want  string
	st    ValueStatus
}{
	{"", false, "", ValueEmpty},
	{"2024-01", false, "2024-01-01", ValueValid},
	{"2024/01", false, "2024-01-01", ValueValid},
	{"01/2024", false, "2024-01-01", ValueValid},
	{"1/2024", false, "2024-01-01", ValueValid},
	{"01-2024", false, "2024-01-01", ValueValid},
	{"1-2024", false, "2024-01-01", ValueValid},
	{"202401", false, "2024-01-01", ValueValid},
	{" 2026-10 ", false, "2026-10-01", ValueValid},
	{"210012", false, "2100-12-01", ValueValid},
	{"15/03/2024", false, "2024-03-01", ValueValid},
	{"2024-03-15 10:00:00", false, "2024-03-01", ValueValid},
	{"45123", true, "2023-07-01", ValueValid},
	{"2024", true, "1905-07-01", ValueValid}, // a bare number in an XLSX cell is a serial
	{"202401", true, "2024-01-01", ValueValid},
	{"202413", false, "", ValueInvalid},
	{"202413", true, "", ValueInvalid}, // six digits are yyyymm, never a serial
	{"202400", false, "", ValueInvalid},
	{"045123", true, "", ValueInvalid},
	{"2024-13", false, "", ValueInvalid},
	{"2024-00", false, "", ValueInvalid},
	{"13/2024", false, "", ValueInvalid},
	{"0/2024", false, "", ValueInvalid},
	{"2024-1", false, "", ValueInvalid},
	{"189912", false, "", ValueInvalid},
	{"210101", false, "", ValueInvalid},
	{"2024", false, "", ValueInvalid},
	{"45123", false, "", ValueInvalid},
	{"31/02/2024", false, "", ValueInvalid},
	{"Jan 2024", false, "", ValueInvalid},
	{"2024.01", false, "", ValueInvalid},
}

func TestParseMonth(t *testing.T) {
	for _, c := range monthCases {
		got, st := ParseMonth(c.in, c.excel)
		if st != c.st || dateString(got, st) != c.want {
			t.Errorf("ParseMonth(%q, %v) = %s, %v; want %q, %v", c.in, c.excel, dateString(got, st), st, c.want, c.st)
		}
	}
}

var nipCases = []struct {
	in    string
	want  string
	st    ValueStatus
	float bool // LooksLikeFloatNIP
}{
	{"", "", ValueEmpty, false},
	{" \u00a0 ", "", ValueEmpty, false},
	{"198609262015051001", "198609262015051001", ValueValid, false},
	{"19860926 201505 1 001", "198609262015051001", ValueValid, false},
	{"\u00a0198609262015051001\ufeff", "198609262015051001", ValueValid, false},
	{"19860926\u00a0201505\u00a01\u00a0001", "198609262015051001", ValueValid, false},
	{"19860926\t201505 1 001\r\n", "198609262015051001", ValueValid, false},
	{"19860926201505100", "", ValueInvalid, false},
	{"1986092620150510011", "", ValueInvalid, false},
	{"19860926-201505-1-001", "", ValueInvalid, false},
	{"1.98609E+17", "", ValueInvalid, true},
	{"1,98609E+17", "", ValueInvalid, true},
	{"1.98609262015051E+17", "", ValueInvalid, true},
	{"198609262015051000.0", "", ValueInvalid, true},
	{"198609262015051000,00", "", ValueInvalid, true},
	{"198.609.262.015.051.000", "", ValueInvalid, true},
	{"198,609,262,015,051,000.00", "", ValueInvalid, true},
	{"NIP 198609262015051001", "", ValueInvalid, false},
	{"1.98609E", "", ValueInvalid, false},
	{"1,98609E+", "", ValueInvalid, false},
	{"١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "", ValueInvalid, false},
}

func TestParseNIP(t *testing.T) {
	for _, c := range nipCases {
		got, st := ParseNIP(c.in)
		if st != c.st || got != c.want {
			t.Errorf("ParseNIP(%q) = %q, %v; want %q, %v", c.in, got, st, c.want, c.st)
		}
		if f := LooksLikeFloatNIP(c.in); f != c.float {
			t.Errorf("LooksLikeFloatNIP(%q) = %v, want %v", c.in, f, c.float)
		}
	}
}

var nipStructureCases = []struct {
	nip  string
	want string
}{
	{"198609262015051001", ""},
	{"199001012023211001", ""}, // NI PPPK: appointment year 2023, contract code 21
	{"198609262001051001", ""}, // appointed at exactly 15 birth years
	{"194001012010122999", ""},
	{"201012312100121001", ""},
	{"198602302015051001", NIPBirthDate},
	{"193912312015051001", NIPBirthDate},
	{"201101012030011001", NIPBirthDate},
	{"198613012015051001", NIPBirthDate},
	{"198609002015051001", NIPBirthDate},
	{"198609262015131001", NIPAppointment},
	{"198609262015001001", NIPAppointment},
	{"198609262015301001", NIPAppointment},
	{"198609262015201001", NIPAppointment},
	{"198609262000051001", NIPAppointment}, // 14 years old
	{"195001011959011001", NIPAppointment},
	{"198609262101051001", NIPAppointment},
	{"198609262015053001", NIPSex},
	{"198609262015050001", NIPSex},
	{"19860926201505100", NIPFormat},
	{"19860926 201505 1 001", NIPFormat},
	{"", NIPFormat},
}

func TestNIPStructure(t *testing.T) {
	for _, c := range nipStructureCases {
		if got := NIPStructure(c.nip); got != c.want {
			t.Errorf("NIPStructure(%q) = %q, want %q", c.nip, got, c.want)
		}
	}
}

var regionCases = []struct {
	in   string
	want string
	st   ValueStatus
}{
	{"", "", ValueEmpty},
	{"36", "36", ValueValid},
	{"36.73", "36.73", ValueValid},
	{"36.73.05", "36.73.05", ValueValid},
	{"36.73.05.1001", "36.73.05.1001", ValueValid},
	{" 36.73\u00a0", "36.73", ValueValid},
	{"3673", "36.73", ValueValid},
	{"367305", "36.73.05", ValueValid},
	{"3673051001", "36.73.05.1001", ValueValid},
	{"3", "", ValueInvalid},
	{"367", "", ValueInvalid},
	{"367305100", "", ValueInvalid},
	{"36.7", "", ValueInvalid},
	{"36.73.5", "", ValueInvalid},
	{"36.73.05.101", "", ValueInvalid},
	{"36.73.05.10011", "", ValueInvalid},
	{"36.73.05.1001.1", "", ValueInvalid},
	{"36.7305", "", ValueInvalid},
	{"36,73", "", ValueInvalid},
	{"36 73", "", ValueInvalid},
	{"36.", "", ValueInvalid},
	{".36", "", ValueInvalid},
	{"36..73", "", ValueInvalid},
	{"ab.cd", "", ValueInvalid},
}

func TestParseRegionCode(t *testing.T) {
	for _, c := range regionCases {
		got, st := ParseRegionCode(c.in)
		if st != c.st || got != c.want {
			t.Errorf("ParseRegionCode(%q) = %q, %v; want %q, %v", c.in, got, st, c.want, c.st)
		}
	}
}

var codeCases = []struct {
	in   string
	want string
	st   ValueStatus
}{
	{"", "", ValueEmpty},
	{"\u00a0\t", "", ValueEmpty},
	{"SD", "sd", ValueValid},
	{" Pendidikan ", "pendidikan", ValueValid},
	{"36.73-DISDIK", "36.73-disdik", ValueValid},
	{"tugas_belajar", "tugas_belajar", ValueValid},
	{"PPPK", "pppk", ValueValid},
	{"20600001", "20600001", ValueValid},
	{"ÜMIT", "ümit", ValueValid},
	{"pend idikan", "", ValueInvalid},
	{"a\u00a0b", "", ValueInvalid},
	{"a\u200bb", "", ValueInvalid},
	{"a\u3000b", "", ValueInvalid},
	{"a\tb", "", ValueInvalid},
	{"a\ufeffb", "", ValueInvalid},
}

func TestNormalizeCode(t *testing.T) {
	for _, c := range codeCases {
		got, st := NormalizeCode(c.in)
		if st != c.st || got != c.want {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q, %v", c.in, got, st, c.want, c.st)
		}
	}
}

func TestIsBlank(t *testing.T) {
	for _, c := range blankCases {
		if got := IsBlank(c.in); got != c.want {
			t.Errorf("IsBlank(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
