package importer

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
)

// Options steer one import batch.
type Options struct {
	DryRun bool   // validate and count, write nothing but the history line
	Actor  string // who imports: "cli" or a user name
	Limits Limits
	// Progress, if set, hears what the import is doing.
	Progress func(Progress)
	// AfterApply runs inside the import's transaction (tx, begun on conn) after the data is
	// written; Timbang rebuilds its rollups there, so pages never show new data with old totals.
	// changes says what the batch wrote, so it can rebuild no more than that needs.
	AfterApply func(ctx context.Context, conn *sql.Conn, tx *sql.Tx, changes Changes) error
	// Scope limits the batch to a planner's regions and agencies (see scope.go); the zero Scope
	// is everything.
	Scope accounts.Scope
	// NoReference refuses reference kinds (Kind.Reference), which only an administrator (or
	// the CLI, run by whoever holds the database file) may import.
	NoReference bool
	// Now is the clock (tests inject it).
	Now func() time.Time
}

// Progress is one step of an import, for a progress display.
type Progress struct {
	Stage string // "read", "check", "apply", "refresh", "done"
	File  string
	Rows  int64
}

// FileReport says what one file held.
type FileReport struct {
	Name    string
	Kind    string
	Rows    int64
	Unknown []string // header cells that match no column of the kind: reported, not loaded
}

// Counts are rows per outcome.
type Counts struct{ Inserted, Updated, Unchanged int64 }

func (c *Counts) add(o Counts) {
	c.Inserted += o.Inserted
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
}

// Changes is what an applied batch wrote, for AfterApply.
type Changes struct {
	Counts map[string]Counts // per kind the batch held, as in Result
	// WorkloadPeriods are the periods of the workload rows the batch inserted or updated,
	// oldest first.
	WorkloadPeriods []time.Time
}

// OnlyWorkload reports whether the batch changed no rows but workload figures: every other
// kind it held is unchanged (all of it, when WorkloadPeriods is empty too).
func (c Changes) OnlyWorkload() bool {
	for kind, n := range c.Counts {
		if kind != "workload" && n.Inserted+n.Updated > 0 {
			return false
		}
	}
	return true
}

// Result is what an import did or, in a dry run or when rejected, would have done.
type Result struct {
	RunID        int64
	Files        []FileReport
	Counts       map[string]Counts // per kind
	Total        Counts
	Problems     []Problem // the first MaxProblems, by file and row
	ProblemCount int64
	Applied      bool
}

// MaxProblems is how many problems a result lists; the count covers all of them.
const MaxProblems = 1000

// ErrRejected is returned with the result when a batch has problems and nothing was written.
var ErrRejected = errors.New("import rejected: nothing was written")

// Import validates the files of one batch and, unless it is a dry run or a problem was found,
// applies them in one transaction: all of the batch or none of it. It returns ErrRejected
// (with the result holding the problems) when the batch was refused.
func Import(ctx context.Context, store *data.Store, sources []Source, opt Options) (Result, error) {
	// One import at a time: each inserts the keys it does not find stored.
	defer store.LockWrites()()
	// A serving process reads on few DuckDB threads; an import wants every core.
	restore, err := store.BulkThreads(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("import: %w", err)
	}
	res, err := importLocked(ctx, store, sources, opt)
	if rerr := restore(); rerr != nil {
		err = errors.Join(err, rerr)
	}
	return res, err
}

// importLocked is Import once it holds the store's writes and threads.
func importLocked(ctx context.Context, store *data.Store, sources []Source, opt Options) (Result, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Limits == (Limits{}) {
		opt.Limits = DefaultLimits
	}
	if opt.Actor == "" {
		opt.Actor = "cli"
	}
	started := opt.Now()
	res := Result{Counts: map[string]Counts{}}
	conn, err := store.DB().Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	// Temporary tables live on this one connection and vanish with it.
	defer dropTemp(conn)

	b := &batch{conn: conn, opt: opt, res: &res, present: map[string]map[string]int{}, files: map[string][]fileTable{}}
	err = b.load(ctx, sources)
	if err == nil {
		err = b.check(ctx)
	}
	if err == nil && res.ProblemCount == 0 && opt.DryRun {
		err = b.count(ctx) // an applied batch counts its rows as it writes them
	}
	outcome := "rejected"
	switch {
	case err != nil:
		outcome = "failed"
	case res.ProblemCount == 0 && opt.DryRun:
		outcome = "dry_run"
	case res.ProblemCount == 0:
		outcome = "applied"
		err = b.apply(ctx, started)
		if err != nil {
			outcome = "failed"
			res.Counts, res.Total = map[string]Counts{}, Counts{} // rolled back: nothing written
		}
	}
	if outcome != "applied" {
		// Applied runs are recorded inside their transaction; the rest are recorded here.
		if rerr := b.record(ctx, conn, started, outcome, errorText(err)); rerr != nil && err == nil {
			err = rerr
		}
	}
	b.progress("done", "", res.Total.Inserted+res.Total.Updated+res.Total.Unchanged)
	if err == nil && outcome == "rejected" {
		err = ErrRejected
	}
	return res, err
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// batch is the state of one import on its connection.
type batch struct {
	conn    *sql.Conn
	opt     Options
	res     *Result
	present map[string]map[string]int // kind -> column -> files of the kind that carry it
	files   map[string][]fileTable    // kind -> its parsed files
}

func (b *batch) progress(stage, file string, rows int64) {
	if b.opt.Progress != nil {
		b.opt.Progress(Progress{Stage: stage, File: file, Rows: rows})
	}
}

func (b *batch) problem(p Problem) {
	b.res.ProblemCount++
	if len(b.res.Problems) < MaxProblems {
		b.res.Problems = append(b.res.Problems, p)
	}
}

// load stages every file, recognises its kind and parses it into a table of its own.
func (b *batch) load(ctx context.Context, sources []Source) error {
	if _, err := b.conn.ExecContext(ctx, query("parse_macros")); err != nil {
		return fmt.Errorf("create parse macros: %w", err)
	}
	for i, src := range sources {
		if src.Name == "" {
			src.Name = filepath.Base(src.Path)
		}
		info, err := os.Stat(src.Path)
		if err != nil {
			return fmt.Errorf("%s: %w", src.Name, err)
		}
		if info.Size() > b.opt.Limits.MaxFileBytes {
			return fmt.Errorf("%s: %d bytes is over the import limit of %d bytes", src.Name, info.Size(), b.opt.Limits.MaxFileBytes)
		}
		b.progress("read", src.Name, 0)
		st, err := stage(ctx, b.conn, src, fmt.Sprintf("stage_%d", i+1), b.opt.Limits)
		if err != nil {
			return err
		}
		if err := b.parse(ctx, src, st, fmt.Sprintf("file_%d", i+1)); err != nil {
			return err
		}
	}
	return nil
}

// parse recognises a staged file's kind from its header, reports header problems and parses
// its rows into table.
func (b *batch) parse(ctx context.Context, src Source, st staged, table string) error {
	kind, ok := detectKind(src.Name, st.headers)
	if !ok {
		b.problem(Problem{File: src.Name, Row: 1, Code: "unknown_kind"})
		return nil
	}
	if b.refuseKind(src.Name, kind) {
		return nil
	}
	b.res.Files = append(b.res.Files, FileReport{Name: src.Name, Kind: kind.Name, Rows: st.rows})
	report := &b.res.Files[len(b.res.Files)-1]
	mapping := kind.matchHeaders(st.headers)
	seen := map[string]bool{}
	headerOK := true
	for i, name := range mapping {
		switch {
		case name == "" && strings.TrimSpace(st.headers[i]) != "":
			report.Unknown = append(report.Unknown, st.headers[i])
		case name != "" && seen[name]:
			b.problem(Problem{File: src.Name, Row: 1, Column: st.headers[i], Code: "duplicate_column"})
			headerOK = false
		}
		seen[name] = true
	}
	for _, c := range kind.Columns {
		if c.Required && c.Default == "" && !seen[c.Name] {
			b.problem(Problem{File: src.Name, Row: 1, Column: c.Name, Code: "missing_column"})
			headerOK = false
		}
	}
	// A header without its required columns gives nothing to check: report it and stop with
	// this file.
	if !headerOK {
		return nil
	}
	if _, err := b.conn.ExecContext(ctx, parseFileSQL(kind, st, table, mapping), st.args...); err != nil {
		return fmt.Errorf("%s: read rows: %w", src.Name, err)
	}
	if !st.numbered {
		if err := b.conn.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&st.rows); err != nil {
			return err
		}
		report.Rows = st.rows
	}
	b.progress("read", src.Name, st.rows)
	rejects, err := csvRejects(ctx, b.conn, src, st)
	if err != nil {
		return err
	}
	for _, p := range rejects {
		b.problem(p)
	}
	// Row numbers after a malformed line cannot be trusted: report the lines and stop here.
	if len(rejects) > 0 {
		return nil
	}
	if st.rows == 0 {
		b.problem(Problem{File: src.Name, Code: "empty_file"})
		return nil
	}
	if b.present[kind.Name] == nil {
		b.present[kind.Name] = map[string]int{}
	}
	b.files[kind.Name] = append(b.files[kind.Name], fileTable{table: table, name: src.Name, st: st, mapping: mapping})
	for name := range seen {
		if name != "" {
			b.present[kind.Name][name]++
		}
	}
	for _, c := range kind.Columns {
		if c.Default != "" && !seen[c.Name] {
			b.present[kind.Name][c.Name]++ // filled with its default, so it counts as carried
		}
	}
	return nil
}

// check runs every column check and every kind's reference checks over the whole batch.
func (b *batch) check(ctx context.Context) error {
	var parts []string
	for _, k := range Kinds {
		files := b.files[k.Name]
		q := emptyBatchSQL(k)
		if len(files) > 0 {
			q = batchViewSQL(k, files)
		}
		if _, err := b.conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("batch %s: %w", k.Name, err)
		}
		if len(files) > 0 {
			b.progress("check", k.Name, 0)
			parts = append(parts, columnChecksSQL(k), query("checks_"+k.Name))
		}
	}
	scoped, err := b.scopeChecksSQL(ctx)
	if err != nil {
		return err
	}
	if scoped != "" {
		parts = append(parts, scoped)
	}
	if len(parts) == 0 {
		return nil
	}
	q := "CREATE OR REPLACE TEMP TABLE batch_problems AS\n" + strings.Join(parts, "\nUNION ALL\n")
	if _, err := b.conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("check batch: %w", err)
	}
	var n int64
	if err := b.conn.QueryRowContext(ctx, `SELECT count(*) FROM batch_problems`).Scan(&n); err != nil {
		return err
	}
	listed, err := b.listProblems(ctx)
	if err != nil {
		return err
	}
	if err := b.cellValues(ctx, listed); err != nil {
		return err
	}
	for _, p := range listed {
		b.problem(p)
	}
	b.res.ProblemCount += n - int64(len(listed))
	return nil
}

// listProblems returns the first MaxProblems problems the checks found, by file, row and column.
func (b *batch) listProblems(ctx context.Context) ([]Problem, error) {
	rows, err := b.conn.QueryContext(ctx, `SELECT * FROM batch_problems ORDER BY 1, 2, 3 LIMIT `+fmt.Sprint(MaxProblems))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var p Problem
		if err := rows.Scan(&p.File, &p.Row, &p.Column, &p.Code, &p.Param); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// cellValues fills in each problem's value: the cell as the file has it. The batch tables keep
// parsed values only, so the cells are read again from the staged file, which costs a second
// read of a file only when it has problems.
func (b *batch) cellValues(ctx context.Context, problems []Problem) error {
	byFile := map[string][]*Problem{}
	for i := range problems {
		byFile[problems[i].File] = append(byFile[problems[i].File], &problems[i])
	}
	for _, files := range b.files {
		for _, f := range files {
			if list := byFile[f.name]; len(list) > 0 {
				if err := b.fileCells(ctx, f, list); err != nil {
					return fmt.Errorf("%s: %w", f.name, err)
				}
				delete(byFile, f.name)
			}
		}
	}
	return nil
}

// fileCells looks up the cells of one file's problems.
func (b *batch) fileCells(ctx context.Context, f fileTable, problems []*Problem) error {
	staged := map[string]string{} // canonical column -> staged column
	for i, name := range f.mapping {
		if name != "" {
			staged[name] = fmt.Sprintf("c%d", i+1)
		}
	}
	var cols []string
	index := map[string]int{}
	rowSet := map[int64]bool{}
	for _, p := range problems {
		if c, ok := staged[p.Column]; ok {
			if _, seen := index[c]; !seen {
				index[c] = len(cols)
				cols = append(cols, c)
			}
			rowSet[p.Row] = true
		}
	}
	if len(cols) == 0 {
		return nil
	}
	var rowList []string
	for r := range rowSet {
		rowList = append(rowList, fmt.Sprint(r))
	}
	from, row := f.st.from, "_row"
	if !f.st.numbered {
		// The reader numbers nothing: copy the file's needed columns in order and count.
		from, row = f.table+"_cells", "rowid + 2"
		q := fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s AS SELECT %s FROM %s", from, strings.Join(cols, ", "), f.st.from)
		if _, err := b.conn.ExecContext(ctx, q, f.st.args...); err != nil {
			return err
		}
	}
	rows, err := b.conn.QueryContext(ctx, fmt.Sprintf("SELECT %s, %s FROM %s WHERE %s IN (%s)",
		row, strings.Join(cols, ", "), from, row, strings.Join(rowList, ", ")))
	if err != nil {
		return err
	}
	defer rows.Close()
	cells := map[int64][]sql.NullString{}
	for rows.Next() {
		var r int64
		vals := make([]sql.NullString, len(cols))
		dest := []any{&r}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		cells[r] = vals
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range problems {
		if i, ok := index[staged[p.Column]]; ok {
			if vals, ok := cells[p.Row]; ok {
				p.Value = vals[i].String
			}
		}
	}
	return nil
}

// presentColumns are the columns every file of the kind carries: only those overwrite stored
// values on update.
func (b *batch) presentColumns(k Kind) []string {
	var out []string
	for name, n := range b.present[k.Name] {
		if n == len(b.files[k.Name]) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// count works out how many rows each kind would insert, update and leave unchanged.
func (b *batch) count(ctx context.Context) error {
	for _, k := range Kinds {
		if len(b.files[k.Name]) == 0 {
			continue
		}
		var c Counts
		if err := b.conn.QueryRowContext(ctx, countSQL(k, b.presentColumns(k))).Scan(&c.Inserted, &c.Updated, &c.Unchanged); err != nil {
			return fmt.Errorf("count %s: %w", k.Name, err)
		}
		b.res.Counts[k.Name] = c
		b.res.Total.add(c)
	}
	return nil
}

// apply writes the batch in one transaction, runs AfterApply and records the run in it.
func (b *batch) apply(ctx context.Context, started time.Time) error {
	tx, err := b.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	var changes Changes
	for _, k := range Kinds {
		if len(b.files[k.Name]) == 0 {
			continue
		}
		var rows int64
		for _, f := range b.res.Files {
			if f.Kind == k.Name {
				rows += f.Rows
			}
		}
		b.progress("apply", k.Name, rows)
		// Update first, so the insert's look-up for missing keys does not meet its own rows.
		// The update touches only rows whose values differ, and keys are unique in the batch,
		// so the rows neither statement wrote are the unchanged ones.
		var c Counts
		if k.Name == "workload" && b.opt.AfterApply != nil {
			// Read before the update, after which updated rows no longer differ.
			if changes.WorkloadPeriods, err = changedPeriods(ctx, tx, k, b.presentColumns(k)); err != nil {
				return fmt.Errorf("apply %s: %w", k.Name, err)
			}
		}
		if q := updateSQL(k, b.presentColumns(k)); q != "" {
			n, err := execCount(ctx, tx, q)
			if err != nil {
				return fmt.Errorf("apply %s: %w", k.Name, err)
			}
			c.Updated = n
		}
		n, err := execCount(ctx, tx, insertSQL(k))
		if err != nil {
			return fmt.Errorf("apply %s: %w", k.Name, err)
		}
		c.Inserted = n
		c.Unchanged = rows - c.Inserted - c.Updated
		b.res.Counts[k.Name] = c
		b.res.Total.add(c)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE data_version SET version = version + 1`); err != nil {
		return err
	}
	if b.opt.AfterApply != nil {
		b.progress("refresh", "", 0)
		changes.Counts = maps.Clone(b.res.Counts)
		if err := b.opt.AfterApply(ctx, b.conn, tx, changes); err != nil {
			return err
		}
	}
	b.res.Applied = true
	if err := b.record(ctx, tx, started, "applied", ""); err != nil {
		b.res.Applied = false
		return err
	}
	if err := tx.Commit(); err != nil {
		b.res.Applied = false
		return fmt.Errorf("commit import: %w", err)
	}
	return nil
}

// changedPeriods lists the periods of the batch's rows of kind k (workload) that the apply
// will insert or update, oldest first.
func changedPeriods(ctx context.Context, tx *sql.Tx, k Kind, present []string) ([]time.Time, error) {
	rows, err := tx.QueryContext(ctx, changedValuesSQL(k, present, "period"))
	if err != nil {
		return nil, fmt.Errorf("changed periods: %w", err)
	}
	defer rows.Close()
	var periods []time.Time
	for rows.Next() {
		var p time.Time
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("changed periods: %w", err)
		}
		periods = append(periods, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("changed periods: %w", err)
	}
	return periods, nil
}

// execCount runs a statement and returns how many rows it wrote.
func execCount(ctx context.Context, tx *sql.Tx, q string) (int64, error) {
	r, err := tx.ExecContext(ctx, q)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// record writes the run into import_runs.
func (b *batch) record(ctx context.Context, q queryRower, started time.Time, outcome, message string) error {
	var files []string
	for _, f := range b.res.Files {
		files = append(files, f.Name+" ("+f.Kind+")")
	}
	err := q.QueryRowContext(context.WithoutCancel(ctx), query("record_run"),
		sql.Named("started", started), sql.Named("finished", b.opt.Now()), sql.Named("actor", b.opt.Actor),
		sql.Named("files", strings.Join(files, "\n")), sql.Named("outcome", outcome),
		sql.Named("inserted", b.res.Total.Inserted), sql.Named("updated", b.res.Total.Updated),
		sql.Named("unchanged", b.res.Total.Unchanged), sql.Named("problems", b.res.ProblemCount),
		sql.Named("message", message)).Scan(&b.res.RunID)
	if err != nil {
		return fmt.Errorf("record import run: %w", err)
	}
	return nil
}

// dropTemp drops the batch's temporary views and tables before the connection returns to the
// pool.
func dropTemp(conn *sql.Conn) {
	ctx := context.Background()
	for _, kind := range []string{"VIEW", "TABLE"} {
		names, err := tempRelations(ctx, conn, kind)
		if err != nil {
			return
		}
		for _, n := range names {
			_, _ = conn.ExecContext(ctx, `DROP `+kind+` IF EXISTS temp.main."`+strings.ReplaceAll(n, `"`, `""`)+`"`)
		}
	}
}

// tempRelations lists this connection's temporary views or tables.
func tempRelations(ctx context.Context, conn *sql.Conn, kind string) ([]string, error) {
	q := `SELECT table_name FROM duckdb_tables() WHERE temporary`
	if kind == "VIEW" {
		q = `SELECT view_name FROM duckdb_views() WHERE temporary`
	}
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// fileHints maps file-name prefixes, Indonesian and English, to kinds; the header decides
// when the name says nothing.
var fileHints = map[string]string{
	"wilayah": "regions", "region": "regions", "instansi": "agencies", "agenc": "agencies",
	"unit": "units", "pegawai": "staff", "staff": "staff", "asn": "staff", "beban": "workload",
	"workload": "workload", "norma": "norms", "norm": "norms", "kegiatan": "activities",
	"activities": "activities", "activity": "activities", "mutasi": "transfers", "transfer": "transfers",
}

// detectKind decides what a file holds: the kind all of whose required columns its header
// has, preferring the one its file name names, then the one matching most columns.
func detectKind(name string, headers []string) (Kind, bool) {
	base := strings.ToLower(filepath.Base(name))
	base = strings.TrimPrefix(base, "timbang-")
	hinted := ""
	for prefix, kind := range fileHints {
		if strings.HasPrefix(base, prefix) && len(prefix) > len(hinted) {
			hinted = kind
		}
	}
	var best Kind
	bestScore := -1
	for _, k := range Kinds {
		mapping := k.matchHeaders(headers)
		have := map[string]bool{}
		for _, m := range mapping {
			if m != "" {
				have[m] = true
			}
		}
		complete := true
		for _, c := range k.Columns {
			if c.Required && c.Default == "" && !have[c.Name] {
				complete = false
			}
		}
		score := len(have)
		if complete {
			score += 1000
		}
		if k.Name == hinted {
			score += 500
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	return best, bestScore >= 500
}
