package importer

import (
	"math"
	"strconv"
	"strings"
)

// The value parsers. Imports run the same rules as the DuckDB macros in queries/parse_macros.sql
// over whole staged tables; these Go functions are for single values (XLSX cells, tests, error
// messages) and are the readable statement of the rules. parse_fuzz_test.go holds the two
// together, so a change on one side needs the same change on the other.
//
// They avoid regexp: XLSX cells go through them one by one, and the hand-written matchers below
// mirror the SQL regular expressions shape for shape.

// ValueStatus says what a parser made of one value.
type ValueStatus uint8

const (
	// ValueInvalid is the zero value, so a status nobody set never reads as valid.
	ValueInvalid ValueStatus = iota
	ValueValid
	// ValueEmpty: nothing but whitespace. The cell is missing, which is an error only for
	// required columns, and never "wrong format".
	ValueEmpty
)

func (s ValueStatus) String() string {
	switch s {
	case ValueValid:
		return "valid"
	case ValueEmpty:
		return "empty"
	default:
		return "invalid"
	}
}

// isTrimRune reports what spreadsheets and copy-paste leave around values: ASCII whitespace, the
// no-break space and the byte-order mark. tb_trim strips the same set.
func isTrimRune(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\ufeff':
		return true
	}
	return false
}

func trimValue(s string) string { return strings.TrimFunc(s, isTrimRune) }

// IsBlank reports whether s is a missing value: empty after trimming (tb_blank).
func IsBlank(s string) bool { return trimValue(s) == "" }

// ParseInteger reads a whole number (tb_int): an optional sign, then plain digits, digits grouped
// by thousands dots ("1.234.567"), or plain digits with a zero fraction ("480.0", "480,00", as
// float columns print whole numbers). The thousands reading wins, so "1.000" is 1000 (unlike
// ParseDecimal, where it is 1.0). Values outside int64 are invalid.
func ParseInteger(s string) (int64, ValueStatus) {
	t := trimValue(s)
	if t == "" {
		return 0, ValueEmpty
	}
	sign, body := splitSign(t)
	var digits string
	switch {
	case allDigits(body):
		digits = body
	case isGrouped(body, '.'):
		digits = strings.ReplaceAll(body, ".", "")
	default:
		i := strings.IndexAny(body, ".,")
		if i < 0 || !allDigits(body[:i]) || !allZeros(body[i+1:]) {
			return 0, ValueInvalid
		}
		digits = body[:i]
	}
	n, err := strconv.ParseInt(sign+digits, 10, 64)
	if err != nil {
		return 0, ValueInvalid
	}
	return n, ValueValid
}

// ParseDecimal reads a decimal number (tb_dec), accepting both Indonesian and English habits:
//   - one separator is the decimal separator: "88,5" and "88.5" are 88.5, "1,234" and "1.000"
//     are 1.234 and 1.0;
//   - two or more dots alone are thousands: "1.234.567" is 1234567;
//   - with both separators the last one is the decimal separator and the other groups thousands,
//     in groups of exactly three: "1.234,5" and "1,234.5" are 1234.5, "1.23,4" is invalid;
//   - scientific notation with a decimal point or comma: "1.5E+3", "2e-2", and "6,3E-05", which is
//     how an Indonesian Excel writes a number under 0.0001 (a home latitude on the equator) in a
//     cell formatted General.
//
// A separator needs digits on both sides (".5" and "5." are invalid: a lost digit is likelier
// than a deliberate abbreviation). NaN and infinities, including overflow, are invalid.
func ParseDecimal(s string) (float64, ValueStatus) {
	t := trimValue(s)
	if t == "" {
		return 0, ValueEmpty
	}
	sign, body := splitSign(t)
	norm, ok := decimalText(body)
	if !ok {
		return 0, ValueInvalid
	}
	// One canonical spelling read by strconv here and by DuckDB's cast in tb_dec: both round
	// correctly, so the two sides agree bit for bit.
	f, err := strconv.ParseFloat(sign+norm, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, ValueInvalid
	}
	return f, ValueValid
}

// decimalText rewrites an unsigned decimal to digits, '.' and an optional exponent. The cases
// are in the order of tb__dec_text's branches.
func decimalText(body string) (string, bool) {
	switch {
	case isScientific(body):
		return strings.Replace(body, ",", ".", 1), true
	case isDigitsFraction(body, ".,"):
		return strings.Replace(body, ",", ".", 1), true
	case isGrouped(body, '.'):
		return strings.ReplaceAll(body, ".", ""), true
	}
	if i := strings.LastIndexByte(body, ','); i >= 0 && isGrouped(body[:i], '.') && allDigits(body[i+1:]) {
		return strings.ReplaceAll(body[:i], ".", "") + "." + body[i+1:], true
	}
	if i := strings.LastIndexByte(body, '.'); i >= 0 && isGrouped(body[:i], ',') && allDigits(body[i+1:]) {
		return strings.ReplaceAll(body[:i], ",", "") + "." + body[i+1:], true
	}
	return "", false
}

// ParseNIP reads a NIP (tb_nip): 18 ASCII digits once every trim character is removed, inside
// as well as around, since decrees print it in groups ("19860926 201505 1 001").
func ParseNIP(s string) (string, ValueStatus) {
	if IsBlank(s) {
		return "", ValueEmpty
	}
	nip := strings.Map(func(r rune) rune {
		if isTrimRune(r) {
			return -1
		}
		return r
	}, s)
	if len(nip) != 18 || !allDigits(nip) {
		return "", ValueInvalid
	}
	return nip, ValueValid
}

// What NIPStructure and tb_nip_problem say is wrong with a NIP.
const (
	NIPFormat      = "format"      // not 18 digits
	NIPBirthDate   = "birth_date"  // digits 1-8: no real date in 1940..2010
	NIPAppointment = "appointment" // digits 9-14: see NIPStructure
	NIPSex         = "sex"         // digit 15: not 1 (male) or 2 (female)
)

// NIPStructure returns why an 18-digit NIP cannot be real, the first failing part first, or ""
// when it can. The birth date (digits 1-8) must exist with a year in 1940..2010. Digits 9-12 are
// the appointment year, 1960..2100 and at least 15 years after the birth year; digits 13-14 are
// the appointment month for a PNS, but an NI PPPK carries a two-digit contract code there instead
// (21 on current numbers), so 21..29 pass as well. Digit 15 is the sex, 1 or 2. Anything that is
// not 18 digits is NIPFormat.
func NIPStructure(nip string) string {
	if len(nip) != 18 || !allDigits(nip) {
		return NIPFormat
	}
	birthYear := digitsValue(nip[:4])
	if _, ok := calendarDate(birthYear, digitsValue(nip[4:6]), digitsValue(nip[6:8])); !ok || birthYear < 1940 || birthYear > 2010 {
		return NIPBirthDate
	}
	year, month := digitsValue(nip[8:12]), digitsValue(nip[12:14])
	monthOK := (month >= 1 && month <= 12) || (month >= 21 && month <= 29)
	if !monthOK || year < 1960 || year > 2100 || year-birthYear < 15 {
		return NIPAppointment
	}
	if nip[14] != '1' && nip[14] != '2' {
		return NIPSex
	}
	return ""
}

// LooksLikeFloatNIP reports whether a value that is no NIP looks like one a spreadsheet stored as
// a number (tb_nip_float): anything ParseDecimal reads that is not plain digits ("1.98609E+17",
// "198609262015051000.0", "198.609.262.015.051.000"), or scientific notation with a decimal
// comma as Indonesian Excel shows it ("1,98609E+17"). The report can then say "format the column
// as Text" rather than only "wrong length": the digits Excel dropped cannot be recovered.
func LooksLikeFloatNIP(s string) bool {
	t := trimValue(s)
	_, body := splitSign(t)
	if _, st := ParseDecimal(t); st == ValueValid {
		return !allDigits(body)
	}
	i := strings.IndexAny(body, "eE")
	if i < 0 {
		return false
	}
	mantissa, exponent := body[:i], body[i+1:]
	_, exponent = splitSign(exponent)
	c := strings.IndexByte(mantissa, ',')
	return c >= 0 && allDigits(mantissa[:c]) && allDigits(mantissa[c+1:]) && allDigits(exponent)
}

// ParseRegionCode reads a Kemendagri region code (tb_region): PP, PP.KK, PP.KK.CC or
// PP.KK.CC.DDDD, or the same digits without dots (2, 4, 6 or 10 of them, as a numeric cell gives
// them), which get their dots back: "3673051001" is "36.73.05.1001".
func ParseRegionCode(s string) (string, ValueStatus) {
	t := trimValue(s)
	if t == "" {
		return "", ValueEmpty
	}
	if isDottedRegion(t) {
		return t, ValueValid
	}
	if !allDigits(t) {
		return "", ValueInvalid
	}
	switch len(t) {
	case 2:
		return t, ValueValid
	case 4:
		return t[:2] + "." + t[2:], ValueValid
	case 6:
		return t[:2] + "." + t[2:4] + "." + t[4:], ValueValid
	case 10:
		return t[:2] + "." + t[2:4] + "." + t[4:6] + "." + t[6:], ValueValid
	}
	return "", ValueInvalid
}

// isDottedRegion matches \d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?.
func isDottedRegion(t string) bool {
	widths := [...]int{2, 2, 2, 4}
	for i, w := range widths {
		if len(t) < w || !allDigits(t[:w]) {
			return false
		}
		t = t[w:]
		if t == "" {
			return true
		}
		if i == len(widths)-1 || t[0] != '.' {
			return false
		}
		t = t[1:]
	}
	return false
}

// ParseText reads free text (tb_text): trimmed, empty when nothing is left.
func ParseText(s string) (string, ValueStatus) {
	t := trimValue(s)
	if t == "" {
		return "", ValueEmpty
	}
	return t, ValueValid
}

// ParseCode reads an identifier whose case is kept, such as a unit or agency code (tb_code):
// trimmed, and invalid with whitespace inside, since "2060 0001" would otherwise become a second
// code.
func ParseCode(s string) (string, ValueStatus) {
	t, st := ParseText(s)
	if st == ValueValid && strings.ContainsFunc(t, isCodeSpace) {
		return "", ValueInvalid
	}
	return t, st
}

// NormalizeCode reads an identifier that compares lower-cased (tb_lower_code), so "SD" and "sd"
// are one unit type; otherwise as ParseCode.
func NormalizeCode(s string) (string, ValueStatus) {
	t, st := ParseCode(s)
	return strings.ToLower(t), st
}

// isCodeSpace is Unicode White_Space plus the zero-width space and the BOM, which are invisible
// in a cell; tb__code lists the same characters.
func isCodeSpace(r rune) bool {
	switch {
	case r == ' ', r >= '\t' && r <= '\r', r == '\u0085', r == '\u00a0', r == '\u1680',
		r >= '\u2000' && r <= '\u200b', r == '\u2028', r == '\u2029', r == '\u202f',
		r == '\u205f', r == '\u3000', r == '\ufeff':
		return true
	}
	return false
}

// splitSign splits an optional leading '+' or '-' off s.
func splitSign(s string) (sign, body string) {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return s[:1], s[1:]
	}
	return "", s
}

func isASCIIDigit(b byte) bool { return '0' <= b && b <= '9' }

// allDigits reports whether s is one or more ASCII digits (\d+ in RE2, which is ASCII only).
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return true
}

// allZeros reports whether s is one or more '0'.
func allZeros(s string) bool {
	return s != "" && strings.Trim(s, "0") == ""
}

// isGrouped matches \d{1,3}(sep\d{3})+: digits grouped by thousands with at least one separator.
func isGrouped(s string, sep byte) bool {
	first := strings.IndexByte(s, sep)
	if first < 1 || first > 3 || !allDigits(s[:first]) {
		return false
	}
	for rest := s[first:]; rest != ""; rest = rest[4:] {
		if len(rest) < 4 || rest[0] != sep || !allDigits(rest[1:4]) {
			return false
		}
	}
	return true
}

// isDigitsFraction matches \d+([seps]\d+)?: digits with at most one fraction.
func isDigitsFraction(s, seps string) bool {
	i := strings.IndexAny(s, seps)
	if i < 0 {
		return allDigits(s)
	}
	return allDigits(s[:i]) && allDigits(s[i+1:])
}

// isScientific matches \d+([.,]\d+)?[eE][+-]?\d+.
func isScientific(s string) bool {
	i := strings.IndexAny(s, "eE")
	if i < 0 || !isDigitsFraction(s[:i], ".,") {
		return false
	}
	_, exp := splitSign(s[i+1:])
	return allDigits(exp)
}

// leadingDigits reads min..max digits from the front of s. Reading greedily matches the regular
// expressions here, because a digit run is always followed by a non-digit in the patterns.
func leadingDigits(s string, minDigits, maxDigits int) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < maxDigits && isASCIIDigit(s[i]) {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i < minDigits {
		return 0, s, false
	}
	return n, s[i:], true
}

// digitsValue converts a short run of ASCII digits the caller has already checked.
func digitsValue(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
