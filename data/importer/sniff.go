package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"unicode/utf8"
)

// CSV sniffing: before a CSV file is staged, its first sniffBytes decide the delimiter and give
// the header cells. Indonesian Excel saves "CSV" with semicolons (the comma is the decimal
// separator there), English Excel with commas, and copy-paste gives tabs, so the delimiter is
// guessed rather than configured.

// sniffBytes is how much of a file sniffCSV and readHeader look at. The caller reads up to this
// many bytes; fewer means it has the whole file.
const sniffBytes = 64 << 10

// sniffRecords is how many records (the header and the lines after it) decide the delimiter.
const sniffRecords = 100

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// sniffDelimiters are the candidates, in order of preference when the counts cannot tell.
var sniffDelimiters = [...]byte{';', ',', '\t'}

// The cure for every encoding problem is the same Excel menu item, so every message names it.
const saveAsUTF8 = `save the file as "CSV UTF-8 (Comma delimited)" (Excel: File > Save As)`

// sniffCSV decides a CSV file's delimiter from head, the file's first sniffBytes bytes (or all of
// it when shorter): ';', ',' or '\t', whichever occurs outside quoted cells on the header row and
// occurs as often on most of the following rows, ties going to the larger count on the header
// and then to ';', ',', '\t' in that order. A UTF-8 BOM is skipped; UTF-16 and UTF-32 (BOM or NUL
// bytes) and invalid UTF-8 are refused with a message saying how to save the file. Lines end in
// LF or CRLF. The header must be on line 1: staging skips exactly one row, and row numbers in
// reports must match what the user sees.
func sniffCSV(head []byte) (rune, error) {
	text, err := csvText(head)
	if err != nil {
		return 0, err
	}
	records, err := headerAndRecords(text, len(head) >= sniffBytes, sniffRecords)
	if err != nil {
		return 0, err
	}
	header := records[0]
	best, bestScore := -1, -1
	for k := range sniffDelimiters {
		if header.counts[k] == 0 {
			continue
		}
		// Rows with as many delimiters as the header. Commas in unquoted decimal values ("88,5")
		// vary from row to row; the real delimiter does not.
		score := 0
		for _, r := range records[1:] {
			if r.complete && r.counts[k] == header.counts[k] {
				score++
			}
		}
		if best < 0 || score > bestScore || (score == bestScore && header.counts[k] > header.counts[best]) {
			best, bestScore = k, score
		}
	}
	if best < 0 {
		return 0, errors.New("the header row has no semicolon, comma or tab between column names: " +
			"want one column per field, with the names on the first row")
	}
	return rune(sniffDelimiters[best]), nil
}

// readHeader returns the header cells of a CSV file from head (as for sniffCSV) with the delimiter
// sniffCSV chose. encoding/csv reads the row, so quoted cells may hold delimiters, doubled
// quotes and line breaks; a quote anywhere else is an error, because DuckDB would misread the
// rest of the file. Cells come back as written (not trimmed), minus the BOM of the first.
func readHeader(head []byte, delim rune) ([]string, error) {
	text, err := csvText(head)
	if err != nil {
		return nil, err
	}
	if _, err := headerAndRecords(text, len(head) >= sniffBytes, 1); err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1 // only one row is read; the staging checks the others
	cells, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read the header row: %w", err)
	}
	return cells, nil
}

// csvText checks head's encoding and returns it without a UTF-8 BOM.
func csvText(head []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}):
		return nil, errors.New("the file is UTF-32 text: " + saveAsUTF8)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, errors.New(`the file is UTF-16 text (Excel's "Unicode Text"): ` + saveAsUTF8)
	}
	text := bytes.TrimPrefix(head, utf8BOM)
	if i := bytes.IndexByte(text, 0); i >= 0 {
		// UTF-16 without a BOM has a NUL in every other byte of ASCII text.
		return nil, fmt.Errorf("the file has NUL bytes (line %d), so it is UTF-16 or not text at all: %s",
			lineNumberAt(text, i), saveAsUTF8)
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size == 1 {
			// The head may end inside a character that the rest of the file completes.
			if len(head) >= sniffBytes && !utf8.FullRune(text[i:]) {
				return text[:i], nil
			}
			return nil, fmt.Errorf("the file is not UTF-8 text (line %d has byte %#x; Excel's plain "+
				`"CSV" saves Windows-1252): %s`, lineNumberAt(text, i), text[i], saveAsUTF8)
		}
		i += size
	}
	return text, nil
}

func lineNumberAt(text []byte, offset int) int { return bytes.Count(text[:offset], []byte{'\n'}) + 1 }

// sniffRecord is what the sniffer counts on one record.
type sniffRecord struct {
	counts   [len(sniffDelimiters)]int // of each candidate, outside quoted cells
	complete bool                      // ended by a line break, or by the end of the file
}

// headerAndRecords scans up to limit records and checks there is a header that ends within text.
func headerAndRecords(text []byte, truncated bool, limit int) ([]sniffRecord, error) {
	records := scanRecords(text, truncated, limit)
	switch {
	case len(records) == 0:
		return nil, errors.New("the file is empty: want a header row naming the columns")
	case isBlankLine(firstLine(text)):
		// encoding/csv would skip it, DuckDB's reader would take it for the header.
		return nil, errors.New("line 1 is empty: put the column names on the first line")
	case !records[0].complete && truncated:
		return nil, fmt.Errorf("the header row does not end within the first %d KiB: "+
			`is a quote (") left open?`, sniffBytes>>10)
	case !records[0].complete:
		return nil, errors.New(`the header row has a quote (") that is never closed`)
	}
	return records, nil
}

// scanRecords splits text into records the way encoding/csv does for well-formed files: a line
// break inside double quotes does not end a record, CRLF ends one like LF, and blank lines are
// skipped (headerAndRecords refuses one before the header). Every quote toggles "inside quotes", which is exact for well-formed CSV, where quotes
// open and close cells or come doubled inside them. truncated says text is only the start of the
// file, so an unfinished last record is cut, not complete.
func scanRecords(text []byte, truncated bool, limit int) []sniffRecord {
	var (
		out      []sniffRecord
		cur      sniffRecord
		inQuotes bool
		start    int // where cur began
	)
	for i := 0; i < len(text) && len(out) < limit; i++ {
		c := text[i]
		switch {
		case c == '"':
			inQuotes = !inQuotes
		case inQuotes:
		case c == '\n':
			if !isBlankLine(text[start:i]) {
				cur.complete = true
				out = append(out, cur)
			}
			cur, start = sniffRecord{}, i+1
		default:
			for k, d := range sniffDelimiters {
				if c == d {
					cur.counts[k]++
				}
			}
		}
	}
	if len(out) < limit && start < len(text) && !isBlankLine(text[start:]) {
		cur.complete = !truncated && !inQuotes
		out = append(out, cur)
	}
	return out
}

func firstLine(text []byte) []byte {
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		return text[:i]
	}
	return text
}

// isBlankLine reports a line encoding/csv skips: nothing before its LF, or only the CR of a CRLF.
func isBlankLine(line []byte) bool {
	return len(line) == 0 || (len(line) == 1 && line[0] == '\r')
}
