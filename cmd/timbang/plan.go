package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/dashboard/report"
	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
)

// runPlan computes a transfer plan for a region's cadres with the default rules (or the flags')
// and writes it as XLSX or PDF, the format taken from the file name. It does not store a plan:
// drafts, choices and approval live on the web page.
func runPlan(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("plan", "plan --db PATH --region CODE [--agency CODE] --cadre CODE[,CODE] --out FILE.xlsx|FILE.pdf", stdout)
	dbPath := fs.String("db", "timbang.duckdb", "database `file`")
	region := fs.String("region", "", "Kemendagri region `code` to plan, e.g. 36.73 (required)")
	agency := fs.String("agency", "", "only this agency's units, by `code`")
	cadres := fs.String("cadre", "", "position family `codes`, comma-separated, e.g. guru (required)")
	out := fs.String("out", "", "`file` to write, ending .xlsx or .pdf (required)")
	name := fs.String("name", "", "the plan's title; default: the region and position families")
	lang := fs.String("lang", "id", "language: id or en")
	minYears := fs.Int("min-years", 2, "`years` a person must have spent in the post (PP 11/2017)")
	retireMonths := fs.Int("retire-months", 12, "people retiring within this many `months` do not move")
	maxKm := fs.Float64("max-km", 0, "longest move from home in `km`; 0: no limit")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	switch {
	case *region == "" || *cadres == "" || *out == "":
		return fmt.Errorf("%w: --region, --cadre and --out are required", errUsage)
	case format != "xlsx" && format != "pdf":
		return fmt.Errorf("%w: --out %q: the file must end in .xlsx or .pdf", errUsage, *out)
	}
	store, err := data.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer closeStore(store, stderr)
	rd := analytics.New(store).For(analytics.Scope{}) // the command line is the database's owner
	o, err := rd.Options(ctx, *lang)
	if err != nil {
		return err
	}
	names := report.OptionNames(o)
	list := strings.Split(*cadres, ",")
	for _, code := range append([]string{*region, *agency}, list...) {
		if _, ok := names[code]; code != "" && !ok {
			return fmt.Errorf("%w: %q: no region, agency or position family with data has this code", errUsage, code)
		}
	}
	now := time.Now()
	rules := analytics.DefaultPlanRules(now)
	rules.MinYearsInPost, rules.RetireWithinMonths, rules.MaxDistanceKm = *minYears, *retireMonths, *maxKm
	res, err := rd.Plan(ctx, analytics.PlanRequest{Region: *region, Agency: *agency, Cadres: list, Rules: rules})
	if err != nil {
		return err
	}
	doc := report.Plan{Name: *name, Region: names[*region], Agency: names[*agency], Period: o.Periods[len(o.Periods)-1],
		Lang: *lang, By: "cli", At: now, Result: res, UnitNames: report.UnitNames(res), CadreNames: names}
	for _, c := range list {
		doc.Cadres = append(doc.Cadres, names[c])
	}
	if doc.Name == "" {
		doc.Name = names[*region] + " · " + strings.Join(doc.Cadres, ", ")
	}
	if err := writeFileAtomically(*out, func(w io.Writer) error {
		if format == "pdf" {
			return report.WritePlanPDF(w, doc)
		}
		return report.WritePlanXLSX(w, doc)
	}); err != nil {
		return err
	}
	covered, hiring := 0, 0
	for _, cp := range res.Cadres {
		covered += cp.Covered
		hiring += cp.Hiring
	}
	if err := accounts.NewAudit(store).Record(ctx, accounts.Entry{At: now, Actor: "cli", Action: accounts.ActionExport,
		Scope:  accounts.Scope{Regions: []string{*region}}.String(),
		Detail: fmt.Sprintf("%s plan %s: %d moves", format, filepath.Base(*out), len(res.Moves))}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d moves fill %d shortage places; shortage %d -> %d people, %d left for hiring, %d need training; optimal %v (%s)\n",
		*out, len(res.Moves), covered, res.Total.Before.ShortagePeople, res.Total.After.ShortagePeople, hiring,
		len(res.Training), res.Stats.Optimal, res.Stats.Duration.Round(time.Millisecond))
	return nil
}
