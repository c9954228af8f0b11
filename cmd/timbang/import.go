package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/importer"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", "import [--db PATH] [--dry-run] [--lang id|en] FILE...", stdout)
	dbPath := fs.String("db", "timbang.duckdb", "database `file`")
	dryRun := fs.Bool("dry-run", false, "check the files and show what would change, without writing")
	lang := fs.String("lang", "id", "language of the report: id or en")
	maxMB := fs.Int64("max-mb", importer.DefaultLimits.MaxFileBytes>>20, "largest file accepted, in MB")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: name at least one file to import", errUsage)
	}
	var sources []importer.Source
	for _, path := range fs.Args() {
		sources = append(sources, importer.Source{Name: filepath.Base(path), Path: path})
	}
	store, err := data.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer closeStore(store, stderr)
	limits := importer.DefaultLimits
	limits.MaxFileBytes = *maxMB << 20
	start := time.Now()
	res, err := importer.Import(ctx, store, sources, importer.Options{
		DryRun:     *dryRun,
		Actor:      "cli",
		Limits:     limits,
		Progress:   progressPrinter(stderr),
		AfterApply: analytics.RefreshAfterImport,
	})
	printImportReport(stdout, res, *lang, *dryRun, time.Since(start))
	return err
}

// progressPrinter redraws one status line on a terminal and stays quiet otherwise, so logs
// and pipes get only the summary.
func progressPrinter(w io.Writer) func(importer.Progress) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	start := time.Now()
	return func(p importer.Progress) {
		if p.Stage == "done" {
			fmt.Fprint(w, "\r\033[K")
			return
		}
		fmt.Fprintf(w, "\r\033[K%6.1fs  %-8s %s %s", time.Since(start).Seconds(), p.Stage, p.File, rowsText(p.Rows))
	}
}

func rowsText(n int64) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("(%d rows)", n)
}

func printImportReport(w io.Writer, res importer.Result, lang string, dryRun bool, took time.Duration) {
	for _, f := range res.Files {
		fmt.Fprintf(w, "%s: %s, %d rows\n", f.Name, f.Kind, f.Rows)
		if len(f.Unknown) > 0 {
			if lang == "en" {
				fmt.Fprintf(w, "  columns not loaded (unknown): %s\n", strings.Join(f.Unknown, ", "))
			} else {
				fmt.Fprintf(w, "  kolom tidak dimuat (tidak dikenal): %s\n", strings.Join(f.Unknown, ", "))
			}
		}
	}
	if res.ProblemCount > 0 {
		if lang == "en" {
			fmt.Fprintf(w, "%d problems; nothing was written:\n", res.ProblemCount)
		} else {
			fmt.Fprintf(w, "%d masalah; tidak ada yang disimpan:\n", res.ProblemCount)
		}
		for _, p := range res.Problems {
			fmt.Fprintln(w, "  "+p.Format(lang))
		}
		if int64(len(res.Problems)) < res.ProblemCount {
			fmt.Fprintf(w, "  … %d more\n", res.ProblemCount-int64(len(res.Problems)))
		}
		return
	}
	verb := map[bool]string{true: "would be", false: "were"}[dryRun]
	if lang != "en" {
		verb = map[bool]string{true: "akan", false: "telah"}[dryRun]
	}
	for _, k := range importer.Kinds {
		c, ok := res.Counts[k.Name]
		if !ok {
			continue
		}
		if lang == "en" {
			fmt.Fprintf(w, "%s: %d %s inserted, %d %s updated, %d unchanged\n", k.Name, c.Inserted, verb, c.Updated, verb, c.Unchanged)
		} else {
			fmt.Fprintf(w, "%s: %d %s ditambahkan, %d %s diperbarui, %d tidak berubah\n", k.Name, c.Inserted, verb, c.Updated, verb, c.Unchanged)
		}
	}
	if res.Applied {
		fmt.Fprintf(w, "import %d applied in %s; rollups refreshed\n", res.RunID, took.Round(time.Millisecond))
	} else if dryRun {
		fmt.Fprintf(w, "dry run %d: nothing was written (%s)\n", res.RunID, took.Round(time.Millisecond))
	}
}

func runTemplate(_ context.Context, args []string, stdout, _ io.Writer) error {
	fs := newFlags("template", "template KIND [--format csv|xlsx] [--lang id|en] [--out FILE]", stdout)
	format := fs.String("format", "xlsx", "csv or xlsx")
	lang := fs.String("lang", "id", "header language: id or en")
	out := fs.String("out", "", "file to write; default timbang-KIND.FORMAT in this folder")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if help, err := parseFlags(fs, args); help || err != nil {
			return err
		}
		return fmt.Errorf("%w: name a kind: %s", errUsage, kindNames())
	}
	kind, ok := importer.KindByName(args[0])
	if !ok {
		return fmt.Errorf("%w: unknown kind %q: want one of %s", errUsage, args[0], kindNames())
	}
	if help, err := parseFlags(fs, args[1:]); help || err != nil {
		return err
	}
	if *format != "csv" && *format != "xlsx" {
		return fmt.Errorf("%w: --format %q: want csv or xlsx", errUsage, *format)
	}
	path := *out
	if path == "" {
		path = importer.TemplateFileName(kind, *format)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := importer.WriteTemplate(f, kind, *format, *lang); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return nil
}

func kindNames() string {
	var names []string
	for _, k := range importer.Kinds {
		names = append(names, k.Name)
	}
	return strings.Join(names, ", ")
}
