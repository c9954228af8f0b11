package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/timbang/timbang/analytics"
)

// CSVOptions shape a CSV file: Excel in an Indonesian locale opens semicolon-separated files
// with decimal commas and wants a byte-order mark to read UTF-8.
type CSVOptions struct {
	Sep rune // ',' (default) or ';'
	BOM bool
}

// WriteCSV writes the report's units, every one of them, with and without data, one row per
// unit and cadre: the same columns as the XLSX units sheet. Numbers are plain, with all their
// digits: a decimal point, or a decimal comma when the separator is ';'.
func WriteCSV(w io.Writer, rep Report, opt CSVOptions) error {
	if opt.Sep == 0 {
		opt.Sep = ','
	}
	if opt.Sep != ',' && opt.Sep != ';' {
		return fmt.Errorf("csv separator %q: use ',' or ';'", opt.Sep)
	}
	if opt.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	cw.Comma = opt.Sep
	header := make([]string, len(unitColumns))
	for i, c := range unitColumns {
		header[i] = text(rep.Lang, c.key)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	record := make([]string, len(unitColumns))
	for _, list := range [][]analytics.UnitRow{rep.Units, rep.NoData} {
		for _, u := range list {
			for i, c := range unitColumns {
				record[i] = csvValue(c.value(rep.Lang, u), opt.Sep)
			}
			if err := cw.Write(record); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvValue(v any, sep rune) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if sep == ';' {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	}
	return fmt.Sprint(v)
}
