package dashboard

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data/accounts"
	"github.com/timbang/timbang/data/plans"
)

// TestPlannerBuildsAPlan is issue 7's "done means" on the test demo: a planner picks Kota Serang
// teachers, gets a plan, locks one move, removes another, adds a manual move, sees the ratios
// recomputed after each, saves, approves and exports it; every change is audited, a bad manual
// move is refused with nothing kept, and a planner of another city cannot see the plan.
func TestPlannerBuildsAPlan(t *testing.T) {
	srv, store := testServer(t)
	app := srv.App()
	planner := logIn(t, app, store, accounts.RolePlanner, accounts.Scope{Regions: []string{"36.73"}})
	post := func(target string, form url.Values) response {
		req := httptest.NewRequest("POST", target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return do(t, planner, req)
	}
	stored := func(id int64) (plans.Plan, analytics.PlanResult) {
		t.Helper()
		p, err := plans.New(store).Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		var res analytics.PlanResult
		if err := json.Unmarshal(p.Result, &res); err != nil {
			t.Fatal(err)
		}
		return p, res
	}

	if r := get(t, planner, "/plans"); r.status != 200 || !strings.Contains(r.body, `value="36.73"`) {
		t.Fatalf("plans page: %d %.2000s", r.status, r.body)
	}
	created := post("/plans", url.Values{"name": {"Guru Kota Serang 2027"}, "region": {"36.73"}, "cadre": {"guru"}})
	m := regexp.MustCompile(`^/plans/(\d+)$`).FindStringSubmatch(created.header.Get("Location"))
	if created.status != 303 || m == nil {
		t.Fatalf("create: %d %s %.1000s", created.status, created.header.Get("Location"), created.body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	path := "/plans/" + m[1]
	_, res := stored(id)
	if len(res.Moves) < 3 || !res.Stats.Optimal {
		t.Fatalf("generated plan: %d moves, optimal %v", len(res.Moves), res.Stats.Optimal)
	}
	page := get(t, planner, path)
	for _, want := range []string{res.Moves[0].NIP, "plan-people", "plan-status", "Kebutuhan formasi baru"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("plan page lacks %q", want)
		}
	}
	keep, drop := res.Moves[0], res.Moves[1]
	if r := post(path+"/choices", url.Values{"kind": {"lock"}, "nip": {keep.NIP}, "to": {keep.To}}); r.status != 303 {
		t.Fatalf("lock: %d %s", r.status, r.body)
	}
	if r := post(path+"/choices", url.Values{"kind": {"remove"}, "nip": {drop.NIP}, "to": {drop.To}}); r.status != 303 {
		t.Fatalf("remove: %d %s", r.status, r.body)
	}
	_, res = stored(id)
	var target string
	for _, h := range res.Hiring {
		if h.Cadre == "guru" && h.Unit != drop.To {
			target = h.Unit
		}
	}
	if target == "" {
		t.Fatal("no shortage left to move a teacher into by hand")
	}
	if r := post(path+"/choices", url.Values{"kind": {"manual"}, "nip": {"199901012020011999"}, "to": {target}}); r.status != 400 {
		t.Errorf("a manual move of someone outside the plan: %d, want 400", r.status)
	}
	if r := post(path+"/choices", url.Values{"kind": {"manual"}, "nip": {drop.NIP}, "to": {target}}); r.status != 303 {
		t.Fatalf("manual move: %d %s", r.status, r.body)
	}
	p, res := stored(id)
	if len(p.Choices) != 3 {
		t.Errorf("%d choices stored, want 3 (the refused manual move is not kept): %+v", len(p.Choices), p.Choices)
	}
	var locked, manual bool
	for _, mv := range res.Moves {
		locked = locked || (mv.NIP == keep.NIP && mv.To == keep.To && mv.Locked)
		manual = manual || (mv.NIP == drop.NIP && mv.To == target && mv.Manual)
		if mv.NIP == drop.NIP && mv.To == drop.To {
			t.Errorf("the removed move is back: %+v", mv)
		}
	}
	if !locked || !manual {
		t.Errorf("after the choices: locked move kept %v, manual move in %v", locked, manual)
	}
	// The page recomputed: the manual move's unit is one teacher closer to its need.
	for _, pc := range res.Positions {
		if pc.Code == target && pc.After.Actual != pc.Before.Actual+pc.Arrivals-pc.Departures {
			t.Errorf("position %s: %d before, %d after, %d in, %d out", pc.Code, pc.Before.Actual, pc.After.Actual, pc.Arrivals, pc.Departures)
		}
	}

	if r := post(path+"/approve", url.Values{}); r.status != 303 {
		t.Fatalf("approve: %d", r.status)
	}
	if r := post(path+"/choices", url.Values{"kind": {"lock"}, "nip": {keep.NIP}, "to": {keep.To}}); r.status != 409 {
		t.Errorf("a choice on an approved plan: %d, want 409", r.status)
	}
	if r := get(t, planner, path); !strings.Contains(r.body, "Disetujui") || strings.Contains(r.body, path+"/choices") {
		t.Error("the approved plan still offers changes")
	}

	xlsx := get(t, planner, path+"/export/xlsx")
	if xlsx.status != 200 || !strings.Contains(xlsx.header.Get("Content-Disposition"), "timbang-rencana-mutasi-") {
		t.Fatalf("export: %d %s", xlsx.status, xlsx.header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(xlsx.body)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Daftar mutasi")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(res.Moves)+1 {
		t.Errorf("the workbook lists %d moves, the plan %d", len(rows)-1, len(res.Moves))
	}
	for i, mv := range res.Moves {
		if i+1 < len(rows) && (rows[i+1][1] != mv.NIP || rows[i+1][4] != mv.From || rows[i+1][6] != mv.To) {
			t.Errorf("workbook row %d %v, plan move %+v", i+2, rows[i+1], mv)
		}
	}

	entries, err := accounts.NewAudit(store).List(context.Background(), accounts.Filter{Action: accounts.ActionPlanChange})
	if err != nil {
		t.Fatal(err)
	}
	// create, generate, then lock, remove and manual each with its re-run, and the approval
	if len(entries) != 9 {
		t.Errorf("%d plan changes audited, want 9", len(entries))
	}

	other := logIn(t, app, store, accounts.RolePlanner, accounts.Scope{Regions: []string{"36.74"}})
	if r := get(t, other, "/plans"); strings.Contains(r.body, "Guru Kota Serang 2027") {
		t.Error("another city's planner sees the plan in the list")
	}
	if r := get(t, other, path); r.status != 403 {
		t.Errorf("another city's planner opens the plan: %d", r.status)
	}
	if r := get(t, other, path+"/export/pdf"); r.status != 403 {
		t.Errorf("another city's planner exports the plan: %d", r.status)
	}
}
