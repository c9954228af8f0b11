package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/dashboard/report"
	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
)

func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("report", "report --db PATH --format xlsx|pdf|csv --out FILE [--region CODE] [--agency CODE] [--type CODE] [--cadre CODE] [--period YYYY-MM] [--lang id|en]", stdout)
	dbPath := fs.String("db", "timbang.duckdb", "database `file`")
	format := fs.String("format", "xlsx", "xlsx, pdf or csv")
	out := fs.String("out", "", "`file` to write (required)")
	region := fs.String("region", "", "Kemendagri region `code`, e.g. 36.73 (and everything under it)")
	agency := fs.String("agency", "", "agency `code`, e.g. 36.73-disdik")
	unitType := fs.String("type", "", "unit type `code`, e.g. sd")
	cadre := fs.String("cadre", "", "position family `code`, e.g. guru")
	period := fs.String("period", "", "month `YYYY-MM`; the latest when empty")
	lang := fs.String("lang", "id", "language: id or en")
	sep := fs.String("sep", ",", "CSV separator: , or ;")
	bom := fs.Bool("bom", false, "CSV: start with a byte-order mark (Excel in id-ID reads UTF-8 then)")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: --out is required", errUsage)
	}
	if *format != "xlsx" && *format != "pdf" && *format != "csv" {
		return fmt.Errorf("%w: --format %q: use xlsx, pdf or csv", errUsage, *format)
	}
	if *sep != "," && *sep != ";" {
		return fmt.Errorf("%w: --sep %q: use , or ;", errUsage, *sep)
	}
	f := analytics.Filter{Region: *region, Agency: *agency, UnitType: *unitType, Cadre: *cadre}
	if *period != "" {
		p, err := time.Parse("2006-01", *period)
		if err != nil {
			return fmt.Errorf("%w: --period %q: use YYYY-MM", errUsage, *period)
		}
		f.Period = p
	}
	store, err := data.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer closeStore(store, stderr)
	an := analytics.New(store)
	rd := an.For(analytics.Scope{}) // the command line is the database's owner: everything
	if err := checkReportFilter(ctx, rd, f, *lang); err != nil {
		return err
	}
	rep, err := report.Build(ctx, rd, report.Request{Filter: f, Lang: *lang, By: "cli", At: time.Now()})
	if err != nil {
		return err
	}
	if err := writeFileAtomically(*out, func(w io.Writer) error {
		switch *format {
		case "csv":
			return report.WriteCSV(w, rep, report.CSVOptions{Sep: rune((*sep)[0]), BOM: *bom})
		case "pdf":
			return report.WritePDF(w, rep)
		}
		return report.WriteXLSX(w, rep)
	}); err != nil {
		return err
	}
	if err := accounts.NewAudit(store).Record(ctx, accounts.Entry{At: time.Now(), Actor: "cli", Action: accounts.ActionExport,
		Scope: "all", Detail: fmt.Sprintf("%s report %s: %d units", *format, filepath.Base(*out), len(rep.Units)+len(rep.NoData))}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d units with data and %d without, %s\n", *out, len(rep.Units), len(rep.NoData), rep.Period.Format("2006-01"))
	return nil
}

// checkReportFilter refuses codes the database does not know, which would give an empty report.
func checkReportFilter(ctx context.Context, rd *analytics.Reader, f analytics.Filter, lang string) error {
	o, err := rd.Options(ctx, lang)
	if err != nil {
		return err
	}
	for _, c := range []struct {
		flag, value string
		list        []analytics.Option
	}{{"region", f.Region, o.Regions}, {"agency", f.Agency, o.Agencies}, {"type", f.UnitType, o.UnitTypes}, {"cadre", f.Cadre, o.Cadres}} {
		if c.value == "" {
			continue
		}
		found := false
		for _, op := range c.list {
			found = found || op.Code == c.value
		}
		if !found {
			return fmt.Errorf("%w: --%s %q: no such %s with data in this database", errUsage, c.flag, c.value, c.flag)
		}
	}
	return nil
}

// writeFileAtomically writes a file through a temporary one beside it, so a failed report
// never leaves half a file where the last good one was.
func writeFileAtomically(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".timbang-report-*")
	if err != nil {
		return err
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	if err := write(tmp); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
