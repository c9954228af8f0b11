package dashboard

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/timbang/timbang/data/accounts"
)

func upload(t *testing.T, app interface {
	Test(*http.Request, ...int) (*http.Response, error)
}, name, content string) response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("files", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(part, content)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/import", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return do(t, app, req)
}

func do(t *testing.T, app interface {
	Test(*http.Request, ...int) (*http.Response, error)
}, req *http.Request) response {
	t.Helper()
	res, err := app.Test(req, 60_000)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(res.Body)
	if cerr := res.Body.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

// TestImportPage: upload a file, see the check, apply it, see it in the history and on the
// dashboard; a bad file shows its problems by row and changes nothing.
func TestImportPage(t *testing.T) {
	srv, store := testServer(t)
	app := logIn(t, srv.App(), store, accounts.RoleAdmin, accounts.Scope{})

	if r := get(t, app, "/import"); r.status != 200 || !strings.Contains(r.body, "Templat kosong") {
		t.Fatalf("import page: %d", r.status)
	}
	units := "Kode Unit;Nama Unit;Jenis;Kode Instansi;Kode Wilayah\nX1;SD Negeri Impor;sd;36.73-disdik;36.73.05.1001\n"
	bad := upload(t, app, "units.csv", units+"X2;SD Dua;sd;36.73-disdik;99.99.99.9999\n")
	if bad.status != 200 || !strings.Contains(bad.body, "units.csv baris 3 kolom region_code") || strings.Contains(bad.body, `name="token"`) {
		t.Fatalf("bad upload: %d %.2000s", bad.status, bad.body)
	}
	good := upload(t, app, "units.csv", units)
	m := regexp.MustCompile(`name="token" value="([0-9a-f]+)"`).FindStringSubmatch(good.body)
	if m == nil {
		t.Fatalf("no apply button after a clean check: %.2000s", good.body)
	}
	if r := get(t, app, "/unit/X1"); r.status != 404 {
		t.Fatalf("the check stored the unit: %d", r.status)
	}
	req := httptest.NewRequest(http.MethodPost, "/import/apply", strings.NewReader("token="+m[1]))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	applied := do(t, app, req)
	if applied.status != http.StatusSeeOther {
		t.Fatalf("apply: %d %s", applied.status, applied.body)
	}
	after := get(t, app, applied.header.Get("Location"))
	if !strings.Contains(after.body, "diterapkan: 1 ditambah") {
		t.Errorf("history after apply: %.3000s", after.body)
	}
	if r := get(t, app, "/unit/X1"); r.status != 200 || !strings.Contains(r.body, "SD Negeri Impor") {
		t.Errorf("imported unit page: %d", r.status)
	}
	// The token is spent.
	req = httptest.NewRequest(http.MethodPost, "/import/apply", strings.NewReader("token="+m[1]))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if r := do(t, app, req); r.status != 400 {
		t.Errorf("second apply: %d", r.status)
	}
}

func TestImportTemplateDownloads(t *testing.T) {
	app := testApp(t)
	r := get(t, app, "/import/template/staff.xlsx")
	if r.status != 200 || !strings.Contains(r.header.Get("Content-Disposition"), "timbang-staff.xlsx") {
		t.Fatalf("xlsx template: %d %v", r.status, r.header)
	}
	f, err := excelize.OpenReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("template does not open: %v", err)
	}
	defer func() { _ = f.Close() }()
	nip, err := f.GetCellValue(f.GetSheetName(0), "A2")
	if err != nil || nip != "198609262015051001" {
		t.Errorf("example NIP %q (%v)", nip, err)
	}
	if r := get(t, app, "/import/template/workload.csv"); r.status != 200 || !strings.HasPrefix(r.body, "\ufeff") {
		t.Errorf("csv template: %d %q", r.status, r.body[:min(40, len(r.body))])
	}
	if r := get(t, app, "/import/template/nothing.csv"); r.status != 404 {
		t.Errorf("unknown template: %d", r.status)
	}
}

// TestPlannerImportsTheirScope: a planner may import the units of their own district, gets a
// problem for a unit placed outside it and for reference data, and sees only their own runs.
func TestPlannerImportsTheirScope(t *testing.T) {
	srv, store := testServer(t)
	admin := logIn(t, srv.App(), store, accounts.RoleAdmin, accounts.Scope{})
	planner := logIn(t, srv.App(), store, accounts.RolePlanner, accounts.Scope{Regions: []string{"36.73.05"}})

	const header = "Kode Unit;Nama Unit;Jenis;Kode Instansi;Kode Wilayah\n"
	if r := upload(t, admin, "admin-units.csv", header+"A1;SD Admin;sd;36.73-disdik;36.73.05.1001\n"); !strings.Contains(r.body, `name="token"`) {
		t.Fatalf("admin check: %d %.2000s", r.status, r.body)
	}
	inside := upload(t, planner, "units.csv", header+"X1;SD Cipocok;sd;36.73-disdik;36.73.05.1001\n")
	if inside.status != 200 || !strings.Contains(inside.body, `name="token"`) {
		t.Fatalf("a unit inside the planner's district: %d %.2000s", inside.status, inside.body)
	}
	outside := upload(t, planner, "units.csv", header+"X2;SD Lain;sd;36.73-disdik;36.74.01.1001\n")
	if !strings.Contains(outside.body, "units.csv baris 2 kolom region_code") || !strings.Contains(outside.body, "di luar cakupan Anda (region:36.73.05)") ||
		strings.Contains(outside.body, `name="token"`) {
		t.Errorf("a unit outside the planner's district: %.3000s", outside.body)
	}
	regions := upload(t, planner, "regions.csv", "Kode Wilayah;Nama Wilayah\n36.73.05.9999;Kelurahan Baru\n")
	if !strings.Contains(regions.body, "hanya administrator yang dapat mengimpornya") {
		t.Errorf("reference data from a planner: %.3000s", regions.body)
	}
	history := get(t, planner, "/import")
	if strings.Contains(history.body, "admin-units.csv") || !strings.Contains(history.body, "regions.csv") {
		t.Errorf("the planner's history should list their runs only: %.4000s", history.body)
	}
	if r := get(t, admin, "/import"); !strings.Contains(r.body, "admin-units.csv") || !strings.Contains(r.body, "regions.csv") {
		t.Errorf("the admin's history should list every run")
	}
}
