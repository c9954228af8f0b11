package dashboard

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/analytics"
	"github.com/timbang/timbang/data/accounts"
	"github.com/timbang/timbang/data/importer"
)

// An upload is checked first (a dry run) and applied only when the person confirms; the
// files wait on disk in between, named by a random token, for at most pendingTTL.
const pendingTTL = 30 * time.Minute

type pendingUpload struct {
	dir     string
	sources []importer.Source
	created time.Time
}

type uploads struct {
	mu      sync.Mutex
	pending map[string]*pendingUpload
}

func (u *uploads) put(p *pendingUpload) (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := hex.EncodeToString(b)
	u.mu.Lock()
	defer u.mu.Unlock()
	u.expire()
	u.pending[token] = p
	return token, nil
}

// take removes and returns the upload of token.
func (u *uploads) take(token string) (*pendingUpload, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.expire()
	p, ok := u.pending[token]
	delete(u.pending, token)
	return p, ok
}

// expire forgets uploads nobody confirmed in time and deletes their files; callers hold mu.
func (u *uploads) expire() {
	for token, p := range u.pending {
		if time.Since(p.created) > pendingTTL {
			_ = os.RemoveAll(p.dir)
			delete(u.pending, token)
		}
	}
}

// importPage is the data of the import template.
type importPage struct {
	Page
	Kinds   []importer.Kind
	Runs    []importer.Run
	Report  *importReport
	Applied *importer.Run
	MaxMB   int64
}

// importReport is a checked upload: what it holds, what it would change, its problems.
type importReport struct {
	Result   importer.Result
	Token    string // set when the upload can be applied
	Problems []string
}

func (s *Server) importPage(c *fiber.Ctx, l Locale, report *importReport) error {
	// Administrators see every import; a planner sees their own.
	sess, _ := session(c)
	only := sess.User.Username
	if sess.User.Role == accounts.RoleAdmin {
		only = ""
	}
	runs, err := importer.History(c.UserContext(), s.store, 20, only)
	if err != nil {
		return err
	}
	p := importPage{Page: s.page(c, l, mustT(l, "import.title")), Kinds: importer.Kinds, Runs: runs, Report: report,
		MaxMB: s.maxUpload >> 20}
	p.Nav = "import"
	p.Crumbs = []Crumb{{Name: mustT(l, "nav.overview"), URL: "/"}}
	if id := c.QueryInt("run"); id > 0 {
		for i := range runs {
			if runs[i].ID == int64(id) {
				p.Applied = &runs[i]
			}
		}
	}
	return s.render(c, "import", p)
}

// showImport lists recent imports and offers the upload form and the templates.
func (s *Server) showImport(c *fiber.Ctx) error {
	return s.importPage(c, s.locale(c), nil)
}

// checkImport saves the uploaded files and dry-runs them.
func (s *Server) checkImport(c *fiber.Ctx) error {
	l := s.locale(c)
	form, err := c.MultipartForm()
	if err != nil {
		return badRequest("upload: " + err.Error())
	}
	files := form.File["files"]
	if len(files) == 0 {
		return badRequest(mustT(l, "import.no_files"))
	}
	dir, err := os.MkdirTemp("", "timbang-upload-")
	if err != nil {
		return err
	}
	p := &pendingUpload{dir: dir, created: time.Now()}
	for i, fh := range files {
		name := filepath.Base(fh.Filename)
		path := filepath.Join(dir, fmt.Sprintf("%02d-%s", i, name))
		if err := c.SaveFile(fh, path); err != nil {
			_ = os.RemoveAll(dir)
			return err
		}
		p.sources = append(p.sources, importer.Source{Name: name, Path: path})
	}
	res, err := importer.Import(c.UserContext(), s.store, p.sources, s.importOptions(c, importer.Options{DryRun: true, Actor: actor(c).Name}))
	report := &importReport{Result: res}
	for _, pr := range res.Problems {
		report.Problems = append(report.Problems, pr.Format(string(l.Lang)))
	}
	switch {
	case errors.Is(err, importer.ErrRejected):
		_ = os.RemoveAll(dir)
	case err != nil:
		_ = os.RemoveAll(dir)
		return badRequest(err.Error())
	default:
		if report.Token, err = s.uploads.put(p); err != nil {
			_ = os.RemoveAll(dir)
			return err
		}
	}
	return s.importPage(c, l, report)
}

// applyImport applies a checked upload and shows the history with its run.
func (s *Server) applyImport(c *fiber.Ctx) error {
	p, ok := s.uploads.take(c.FormValue("token"))
	if !ok {
		return badRequest(mustT(s.locale(c), "import.expired"))
	}
	defer func() { _ = os.RemoveAll(p.dir) }()
	who := actor(c)
	res, err := importer.Import(c.UserContext(), s.store, p.sources, s.importOptions(c, importer.Options{Actor: who.Name,
		AfterApply: analytics.RefreshAfterImport}))
	s.an.DataChanged() // the import's refresh bumped the data version: pages cached before it are old
	if err != nil && !errors.Is(err, importer.ErrRejected) {
		return err
	}
	var files []string
	for _, f := range res.Files {
		files = append(files, f.Name)
	}
	if err := s.auth.audit.Record(c.UserContext(), accounts.Entry{At: s.auth.now(), Actor: who.Name, Action: accounts.ActionImport,
		Scope: accounts.Scope(s.reader(c.UserContext()).Scope()).String(), Remote: who.Remote, Detail: fmt.Sprintf("run %d, applied %v, %d inserted, %d updated, %d problems: %s",
			res.RunID, res.Applied, res.Total.Inserted, res.Total.Updated, res.ProblemCount, strings.Join(files, ", "))}); err != nil {
		return err
	}
	// The data changed: the next page view rebuilds the filter menus.
	return c.Redirect(fmt.Sprintf("/import?run=%d", res.RunID), fiber.StatusSeeOther)
}

// importTemplate downloads a blank template.
func (s *Server) importTemplate(c *fiber.Ctx) error {
	kind, ok := importer.KindByName(c.Params("kind"))
	format := c.Params("format")
	if !ok || (format != importer.TemplateCSV && format != importer.TemplateXLSX) {
		return notFound("no template " + c.Params("kind") + "." + format)
	}
	c.Attachment(importer.TemplateFileName(kind, format))
	if format == importer.TemplateCSV {
		c.Type("csv", "utf-8")
	} else {
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	return importer.WriteTemplate(c.Response().BodyWriter(), kind, format, string(s.locale(c).Lang))
}

// importOptions completes opt with the upload limit and what the signed-in user may import: a
// planner's batch is limited to their scope and holds no reference data; an administrator's is
// not limited.
func (s *Server) importOptions(c *fiber.Ctx, opt importer.Options) importer.Options {
	sess, _ := session(c)
	opt.Limits = s.importLimits()
	opt.Scope = accounts.Scope(s.reader(c.UserContext()).Scope())
	opt.NoReference = !sess.User.Role.Can(accounts.ImportReference)
	return opt
}

func (s *Server) importLimits() importer.Limits {
	lim := importer.DefaultLimits
	lim.MaxFileBytes = s.maxUpload
	return lim
}
