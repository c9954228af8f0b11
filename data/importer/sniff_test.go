package importer

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

var sniffCases = []struct {
	name   string
	in     string
	delim  rune
	header []string
}{
	{"comma", "kode,nama\n36,Banten\n", ',', []string{"kode", "nama"}},
	{"semicolon with decimal commas", "kode;nama;luas\n36.73;Kota Serang;266,71\n36.01;Kab. Serang;1734,28\n",
		';', []string{"kode", "nama", "luas"}},
	{"tab", "kode\tnama\n36\tBanten\n", '\t', []string{"kode", "nama"}},
	{"BOM", "\ufeffkode;nama\n36;Banten\n", ';', []string{"kode", "nama"}},
	{"CRLF", "kode;nama\r\n36;Banten\r\n", ';', []string{"kode", "nama"}},
	{"no final newline", "kode,nama", ',', []string{"kode", "nama"}},
	{"CR before EOF", "kode,nama\r", ',', []string{"kode", "nama"}},
	{"quoted semicolon", "\"kode;wilayah\",nama\n\"36;1\",x\n", ',', []string{"kode;wilayah", "nama"}},
	{"quoted doubled quotes", "\"nama \"\"lengkap\"\"\";nip\nSiti;1\n", ';', []string{`nama "lengkap"`, "nip"}},
	{"quoted line break", "\"tgl\nlahir\";nip\n1;2\n", ';', []string{"tgl\nlahir", "nip"}},
	{"quoted CRLF", "\"tgl\r\nlahir\",nip\r\n1,2\r\n", ',', []string{"tgl\nlahir", "nip"}},
	{"empty cells", ";kode;;\n", ';', []string{"", "kode", "", ""}},
	{"blank lines between rows", "kode;nama\n\n36;Banten\n\r\n36.73;Kota Serang\n", ';', []string{"kode", "nama"}},
	{"more semicolons than commas", "a;b;c,d\n", ';', []string{"a", "b", "c,d"}},
	{"consistency beats preference", "a,b;c\n1,2\n3,4;x\n5,6\n", ',', []string{"a", "b;c"}},
	{"consistency picks semicolon", "a;b,c\n1;2,5\n3;4\n5;6,7\n", ';', []string{"a", "b,c"}},
	{"tie goes to semicolon", "a,b;c\n1,2;3\n", ';', []string{"a,b", "c"}},
	{"non-ASCII", "kode;nama\n11.01;Kab. Simeulue — Pidië\n", ';', []string{"kode", "nama"}},
}

func TestSniffCSV(t *testing.T) {
	for _, c := range sniffCases {
		t.Run(c.name, func(t *testing.T) {
			delim, err := sniffCSV([]byte(c.in))
			if err != nil || delim != c.delim {
				t.Fatalf("sniffCSV = %q, %v; want %q", delim, err, c.delim)
			}
			header, err := readHeader([]byte(c.in), delim)
			if err != nil || !slices.Equal(header, c.header) {
				t.Fatalf("readHeader = %q, %v; want %q", header, err, c.header)
			}
		})
	}
}

func TestSniffCSVRefuses(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
	}{
		{"empty", "", "empty"},
		{"blank lines only", "\n\r\n\n", "empty"},
		{"blank first line", "\nkode;nama\n36;Banten\n", "line 1 is empty"},
		{"blank first line after BOM", "\ufeff\r\nkode;nama\n", "line 1 is empty"},
		{"UTF-16LE", "\xff\xfek\x00o\x00d\x00e\x00;\x00", "UTF-16"},
		{"UTF-16BE", "\xfe\xff\x00k\x00o\x00d\x00e", "UTF-16"},
		{"UTF-32LE", "\xff\xfe\x00\x00k\x00\x00\x00", "UTF-32"},
		{"UTF-32BE", "\x00\x00\xfe\xff\x00\x00\x00k", "UTF-32"},
		{"UTF-16 without BOM", "k\x00o\x00d\x00e\x00;\x00n\x00", "NUL"},
		{"Windows-1252", "kode;nama\n11.01;Pidi\xeb\n", "line 2"},
		{"no delimiter", "kode\n36\n", "no semicolon, comma or tab"},
		{"pipe", "kode|nama\n36|Banten\n", "no semicolon, comma or tab"},
		{"unclosed quote", "\"kode;nama\n1;2\n", "never closed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := sniffCSV([]byte(c.in))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("sniffCSV(%q) = %v, want an error about %q", c.in, err, c.want)
			}
			if strings.Contains(c.want, "UTF") || c.want == "NUL" || c.want == "line 2" {
				if !strings.Contains(err.Error(), "CSV UTF-8") {
					t.Errorf("%v: does not say how to save the file", err)
				}
			}
		})
	}
}

func TestReadHeaderRefuses(t *testing.T) {
	for _, in := range []string{
		"ko\"de;nama\n",           // a bare quote
		"\"kode\"x;nama\n",        // text after a closing quote
		"\"kode;nama\n1;2\n",      // never closed
		"\xff\xfek\x00o\x00d\x00", // UTF-16
		"\nkode;nama\n",           // blank first line
	} {
		if cells, err := readHeader([]byte(in), ';'); err == nil {
			t.Errorf("readHeader(%q) = %q, want an error", in, cells)
		}
	}
}

func TestSniffCSVHead(t *testing.T) {
	row := "36.73;Kota Serang;266,71\n"
	body := "kode;nama;luas\n" + strings.Repeat(row, sniffBytes/len(row)+1)
	t.Run("cut inside a character", func(t *testing.T) {
		// A full head that ends in the middle of "ë" (two bytes) is not invalid UTF-8.
		head := []byte(body[:sniffBytes-1] + "ë")[:sniffBytes]
		if delim, err := sniffCSV(head); err != nil || delim != ';' {
			t.Fatalf("sniffCSV = %q, %v", delim, err)
		}
	})
	t.Run("short file cut inside a character", func(t *testing.T) {
		if _, err := sniffCSV([]byte("kode;nama\n36;Pidi\xc3")); err == nil {
			t.Fatal("a whole file ending in half a character was accepted")
		}
	})
	t.Run("header longer than the head", func(t *testing.T) {
		head := []byte(strings.Repeat("kolom;", sniffBytes/6+1))[:sniffBytes]
		if _, err := sniffCSV(head); err == nil || !strings.Contains(err.Error(), "64 KiB") {
			t.Fatalf("sniffCSV = %v, want an error about the header's length", err)
		}
		if _, err := readHeader(head, ';'); err == nil {
			t.Fatal("readHeader accepted a header cut off by the head")
		}
	})
	t.Run("last row cut", func(t *testing.T) {
		head := []byte(body)[:sniffBytes]
		header, err := readHeader(head, ';')
		if err != nil || !slices.Equal(header, []string{"kode", "nama", "luas"}) {
			t.Fatalf("readHeader = %q, %v", header, err)
		}
	})
}

// FuzzSniffCSV: sniffing never panics, and whenever encoding/csv reads the first record with the
// chosen delimiter, readHeader returns that record and the sniffer counted the same cells.
func FuzzSniffCSV(f *testing.F) {
	for _, c := range sniffCases {
		f.Add([]byte(c.in))
	}
	f.Add([]byte("\xff\xfek\x00o\x00"))
	f.Add([]byte("a;\"b\nc\";d\r\n1;2;3\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		head := data
		if len(head) > sniffBytes {
			head = head[:sniffBytes]
		}
		delim, err := sniffCSV(head)
		if err != nil {
			return
		}
		header, headerErr := readHeader(head, delim)
		text, err := csvText(head)
		if err != nil {
			t.Fatalf("sniffCSV accepted what csvText refuses: %v", err)
		}
		r := csv.NewReader(bytes.NewReader(text))
		r.Comma = delim
		r.FieldsPerRecord = -1
		want, csvErr := r.Read()
		if csvErr != nil {
			if headerErr == nil {
				t.Fatalf("readHeader = %q, but encoding/csv: %v", header, csvErr)
			}
			return
		}
		if headerErr != nil {
			t.Fatalf("readHeader: %v, but encoding/csv read %q", headerErr, want)
		}
		if !slices.Equal(header, want) {
			t.Fatalf("readHeader = %q, encoding/csv = %q", header, want)
		}
		k := slices.Index(sniffDelimiters[:], byte(delim))
		if counted := scanRecords(text, len(head) >= sniffBytes, 1)[0].counts[k] + 1; counted != len(want) {
			t.Fatalf("the sniffer counted %d cells, encoding/csv read %d: %q", counted, len(want), want)
		}
	})
}
