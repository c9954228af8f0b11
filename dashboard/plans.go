package dashboard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/dashboard/report"
	"github.com/timbang/timbang/data/accounts"
	"github.com/timbang/timbang/data/plans"
)

// Transfer plans (rencana mutasi, issue 7). A plan is created for a region (and optionally an
// agency) and some cadres, generated at once, and regenerated after every choice the planner
// makes (lock a proposal, remove one, add a manual move, withdraw a choice), so the ratios on
// the page always follow the choices. The optimiser reads through the user's analytics.Reader;
// data/plans stores the plan and audits every change.

// plansPage is the data of the plans template: the plans the user may see and the form to
// start one.
type plansPage struct {
	Page
	Plans    []plans.Header
	Regions  []SelectOption
	Agencies []SelectOption
	Cadres   []SelectOption
	Names    map[string]string // region, agency and cadre names by code
}

// planPage is the data of the plan template.
type planPage struct {
	Page
	Plan      plans.Plan
	Result    analytics.PlanResult
	Generated bool
	Draft     bool
	Names     map[string]string
	Charts    []Chart
	Exports   map[string]string // format -> URL
	Targets   []SelectOption    // positions a manual move may go to
	UnitNames map[string]string // unit names by code, from the positions the plan touches
	Covered   int               // shortage places filled, all cadres
	Hiring    int               // places left for hiring, all cadres
}

// Index writes a balance's imbalance index, or a dash when it has none.
func (p planPage) Index(b analytics.Balance) string {
	if b.Imbalance == nil {
		return "–"
	}
	return p.L.Dec(*b.Imbalance, 3)
}

// Seconds is the solver's wall time in seconds.
func (p planPage) Seconds() float64 { return p.Result.Stats.Duration.Seconds() }

// visiblePlan reports whether the reader's scope covers the plan's region or its agency.
func visiblePlan(sc analytics.Scope, h plans.Header) bool {
	return sc.CoversRegion(h.Region) || (h.Agency != "" && slices.Contains(sc.Agencies, h.Agency))
}

// plan loads the plan the URL names, or 404, or 403 when it lies outside the user's scope.
func (s *Server) plan(c *fiber.Ctx) (plans.Plan, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return plans.Plan{}, notFound("no plan " + c.Params("id"))
	}
	p, err := s.plans.Get(c.UserContext(), id)
	if err != nil {
		return p, err
	}
	if !visiblePlan(s.reader(c.UserContext()).Scope(), p.Header) {
		return plans.Plan{}, fmt.Errorf("plan %d: %w", id, analytics.ErrForbidden)
	}
	return p, nil
}

// listPlans shows the plans of the user's scope and the form to start one.
func (s *Server) listPlans(c *fiber.Ctx) error {
	l, o, _, err := s.readRequest(c)
	if err != nil {
		return err
	}
	sc := s.reader(c.UserContext()).Scope()
	list, err := s.plans.List(c.UserContext(), func(h plans.Header) bool { return visiblePlan(sc, h) })
	if err != nil {
		return err
	}
	p := plansPage{Page: s.page(c, l, mustT(l, "plan.list_title")), Plans: list, Names: report.OptionNames(o)}
	p.Nav = "plans"
	p.Crumbs = []Crumb{{Name: mustT(l, "nav.overview"), URL: "/"}}
	for _, r := range o.Regions {
		// A plan covers a regency or a province: the units of a district are too few to balance.
		if r.Level <= 2 && sc.CoversRegion(r.Code) {
			p.Regions = append(p.Regions, SelectOption{Value: r.Code, Label: r.Name})
		}
	}
	for _, a := range o.Agencies {
		p.Agencies = append(p.Agencies, SelectOption{Value: a.Code, Label: a.Name})
	}
	for _, cd := range o.Cadres {
		p.Cadres = append(p.Cadres, SelectOption{Value: cd.Code, Label: cd.Name})
	}
	return s.render(c, "plans", p)
}

// createPlan starts a draft from the form and generates it.
func (s *Server) createPlan(c *fiber.Ctx) error {
	ctx := c.UserContext()
	l := s.locale(c)
	cadres := formValues(c, "cadre")
	region, agency := c.FormValue("region"), c.FormValue("agency")
	if region == "" || len(cadres) == 0 || strings.TrimSpace(c.FormValue("name")) == "" {
		return badRequest(mustT(l, "plan.form_incomplete"))
	}
	// The scope is checked before anything is stored: a plan of another region is refused.
	req := analytics.PlanRequest{Region: region, Agency: agency, Cadres: cadres, Rules: analytics.DefaultPlanRules(s.auth.now())}
	if _, err := s.reader(ctx).PlanProblem(ctx, req); err != nil {
		return planError(err)
	}
	periods, err := s.an.Periods(ctx)
	if err != nil || len(periods) == 0 {
		return badRequest(mustT(l, "plan.no_data"))
	}
	settings, err := json.Marshal(req.Rules)
	if err != nil {
		return err
	}
	id, err := s.plans.Create(ctx, actor(c), plans.NewPlan{Name: c.FormValue("name"), Region: region, Agency: agency,
		Cadres: cadres, Period: periods[len(periods)-1], Settings: settings}, s.auth.now())
	if err != nil {
		return planError(err)
	}
	p, err := s.plans.Get(ctx, id)
	if err != nil {
		return err
	}
	if err := s.generate(c, p, nil); err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/plans/%d", id), fiber.StatusSeeOther)
}

// solve computes plan p with its stored choices plus extra, through the user's reader.
func (s *Server) solve(ctx context.Context, p plans.Plan, extra []plans.Choice) (analytics.PlanResult, error) {
	rules := analytics.DefaultPlanRules(s.auth.now())
	if err := json.Unmarshal(p.Settings, &rules); err != nil {
		return analytics.PlanResult{}, fmt.Errorf("plan %d settings: %w", p.ID, err)
	}
	rules.At = s.auth.now() // tenure and retirement count from the day the plan is computed
	req := analytics.PlanRequest{Region: p.Region, Agency: p.Agency, Cadres: p.Cadres, Period: p.Period, Rules: rules,
		Choices: append(slices.Clip(p.Choices), extra...)}
	return s.reader(ctx).Plan(ctx, req)
}

// generate recomputes plan p (with extra choices not stored yet) and stores the result; the
// caller stores extra only once this succeeded, so a choice the optimiser refuses (a manual
// move to a unit without that cadre) is reported and not kept.
func (s *Server) generate(c *fiber.Ctx, p plans.Plan, extra []plans.Choice) error {
	res, err := s.solve(c.UserContext(), p, extra)
	if err != nil {
		return planError(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	covered, hiring := 0, 0
	for _, cp := range res.Cadres {
		covered += cp.Covered
		hiring += cp.Hiring
	}
	summary := fmt.Sprintf("%d moves, %d shortage places filled, %d left for hiring, optimal %v", len(res.Moves), covered,
		hiring, res.Stats.Optimal)
	return s.plans.SetResult(c.UserContext(), actor(c), p.ID, b, summary, s.auth.now())
}

// showPlan shows a plan: the moves with their controls, before and after, hiring and training.
func (s *Server) showPlan(c *fiber.Ctx) error {
	l, o, _, err := s.readRequest(c)
	if err != nil {
		return err
	}
	p, err := s.plan(c)
	if err != nil {
		return err
	}
	page := planPage{Page: s.page(c, l, p.Name), Plan: p, Draft: p.Status == plans.Draft, Names: report.OptionNames(o),
		Exports: map[string]string{}}
	page.Nav = "plans"
	page.Crumbs = []Crumb{{Name: mustT(l, "nav.overview"), URL: "/"}, {Name: mustT(l, "plan.list_title"), URL: "/plans"}}
	if p.Result != nil {
		if err := json.Unmarshal(p.Result, &page.Result); err != nil {
			return fmt.Errorf("plan %d result: %w", p.ID, err)
		}
		page.Generated = true
		page.UnitNames = report.UnitNames(page.Result)
		for _, cp := range page.Result.Cadres {
			page.Covered += cp.Covered
			page.Hiring += cp.Hiring
		}
		if page.Charts, err = planCharts(page.Result, page.Names, l); err != nil {
			return err
		}
		for _, f := range []string{"xlsx", "pdf"} {
			page.Exports[f] = fmt.Sprintf("/plans/%d/export/%s", p.ID, f)
		}
		seen := map[string]bool{}
		for _, pc := range page.Result.Positions {
			if pc.After.Actual < analytics.RoundStaff(pc.Required) && !seen[pc.Code] {
				seen[pc.Code] = true
				page.Targets = append(page.Targets, SelectOption{Value: pc.Code, Label: pc.Name + " (" + pc.Code + ")"})
			}
		}
		for _, h := range page.Result.Hiring {
			if !seen[h.Unit] {
				seen[h.Unit] = true
				page.Targets = append(page.Targets, SelectOption{Value: h.Unit, Label: h.Name + " (" + h.Unit + ")"})
			}
		}
	}
	return s.render(c, "plan", page)
}

// choosePlan records a lock, removal or manual move and regenerates the plan around it.
func (s *Server) choosePlan(c *fiber.Ctx) error {
	p, err := s.plan(c)
	if err != nil {
		return err
	}
	if p.Status != plans.Draft {
		return planError(plans.ErrFrozen)
	}
	choice := plans.Choice{Kind: plans.ChoiceKind(c.FormValue("kind")), NIP: strings.TrimSpace(c.FormValue("nip")),
		ToUnit: strings.TrimSpace(c.FormValue("to"))}
	if choice.NIP == "" || choice.ToUnit == "" {
		return badRequest(mustT(s.locale(c), "plan.choice_incomplete"))
	}
	// Solve with the choice first: a move the optimiser cannot make is refused before it is kept.
	if _, err := s.solve(c.UserContext(), p, []plans.Choice{choice}); err != nil {
		return planError(err)
	}
	if err := s.plans.Choose(c.UserContext(), actor(c), p.ID, choice.Kind, choice.NIP, choice.ToUnit, s.auth.now()); err != nil {
		return planError(err)
	}
	return s.regenerate(c, p.ID)
}

// undoChoice withdraws one choice and regenerates.
func (s *Server) undoChoice(c *fiber.Ctx) error {
	p, err := s.plan(c)
	if err != nil {
		return err
	}
	choice, err := strconv.ParseInt(c.Params("choice"), 10, 64)
	if err != nil {
		return notFound("no choice " + c.Params("choice"))
	}
	if err := s.plans.Undo(c.UserContext(), actor(c), p.ID, choice, s.auth.now()); err != nil {
		return planError(err)
	}
	return s.regenerate(c, p.ID)
}

// rerunPlan regenerates a draft on the current data.
func (s *Server) rerunPlan(c *fiber.Ctx) error {
	p, err := s.plan(c)
	if err != nil {
		return err
	}
	return s.regenerate(c, p.ID)
}

func (s *Server) regenerate(c *fiber.Ctx, id int64) error {
	p, err := s.plans.Get(c.UserContext(), id)
	if err != nil {
		return err
	}
	if p.Status != plans.Draft {
		return planError(plans.ErrFrozen)
	}
	if err := s.generate(c, p, nil); err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/plans/%d", id), fiber.StatusSeeOther)
}

// approvePlan freezes a draft.
func (s *Server) approvePlan(c *fiber.Ctx) error {
	p, err := s.plan(c)
	if err != nil {
		return err
	}
	if err := s.plans.Approve(c.UserContext(), actor(c), p.ID, s.auth.now()); err != nil {
		return planError(err)
	}
	return c.Redirect(fmt.Sprintf("/plans/%d", p.ID), fiber.StatusSeeOther)
}

// planError gives the planner's mistakes their status: a frozen plan is a conflict, an invalid
// form or a move the optimiser cannot make a bad request; scope and missing plans pass through.
func planError(err error) error {
	switch {
	case errors.Is(err, plans.ErrFrozen):
		return &httpError{status: http.StatusConflict, msg: err.Error()}
	case errors.Is(err, accounts.ErrInvalid), errors.Is(err, analytics.ErrPlanInput):
		return badRequest(err.Error())
	}
	return err
}

// formValues returns every value of a repeated form field (checkboxes).
func formValues(c *fiber.Ctx, name string) []string {
	var out []string
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		if string(k) == name && len(v) > 0 {
			out = append(out, string(v))
		}
	})
	return out
}

// exportPlan downloads a generated plan as XLSX or PDF and records the download.
func (s *Server) exportPlan(c *fiber.Ctx) error {
	format := c.Params("format")
	if format != "xlsx" && format != "pdf" {
		return notFound("no plan format " + format)
	}
	l, o, _, err := s.readRequest(c)
	if err != nil {
		return err
	}
	p, err := s.plan(c)
	if err != nil {
		return err
	}
	if p.Result == nil {
		return notFound(fmt.Sprintf("plan %d has not been generated", p.ID))
	}
	who := actor(c)
	doc, err := planDocument(p, report.OptionNames(o), string(l.Lang), who.Name, s.auth.now())
	if err != nil {
		return err
	}
	name := fmt.Sprintf("timbang-rencana-mutasi-%d.%s", p.ID, format)
	c.Attachment(name)
	w := c.Response().BodyWriter()
	if format == "pdf" {
		c.Type("pdf")
		err = report.WritePlanPDF(w, doc)
	} else {
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		err = report.WritePlanXLSX(w, doc)
	}
	if err != nil {
		return err
	}
	return s.auth.audit.Record(c.UserContext(), accounts.Entry{At: s.auth.now(), Actor: who.Name, Action: accounts.ActionExport,
		Scope: accounts.Scope{Regions: []string{p.Region}}.String(), Remote: who.Remote,
		Detail: fmt.Sprintf("%s %s: plan %d %q, %d moves", format, name, p.ID, p.Name, len(doc.Result.Moves))})
}

// planDocument is plan p as the report writers take it, names looked up in names.
func planDocument(p plans.Plan, names map[string]string, lang, by string, at time.Time) (report.Plan, error) {
	doc := report.Plan{Name: p.Name, Approved: p.Status == plans.Approved, Region: nameOr(names, p.Region),
		Period: p.Period, Lang: lang, By: by, At: at, CadreNames: names}
	if p.Agency != "" {
		doc.Agency = nameOr(names, p.Agency)
	}
	for _, cd := range p.Cadres {
		doc.Cadres = append(doc.Cadres, nameOr(names, cd))
	}
	if err := json.Unmarshal(p.Result, &doc.Result); err != nil {
		return doc, fmt.Errorf("plan %d result: %w", p.ID, err)
	}
	doc.UnitNames = report.UnitNames(doc.Result)
	return doc, nil
}

func nameOr(names map[string]string, code string) string {
	if n := names[code]; n != "" {
		return n
	}
	return code
}
