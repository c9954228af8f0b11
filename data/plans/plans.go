// Package plans stores transfer plans (rencana mutasi, issue 7): their scope and settings, the
// planner's choices (locks, removals, manual moves) and the optimiser's latest result, with an
// audit entry for every change in the same transaction. What a plan proposes is computed by
// analytics; this package only keeps it, as JSON it does not read.
package plans

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/accounts"
)

// Status is where a plan stands.
type Status string

// A draft changes with every choice and re-run; an approved plan is frozen.
const (
	Draft    Status = "draft"
	Approved Status = "approved"
)

// ChoiceKind is one of the planner's decisions on a move.
type ChoiceKind string

// The choices a planner makes on a proposed plan.
const (
	Lock   ChoiceKind = "lock"   // keep this move whatever a re-run finds
	Remove ChoiceKind = "remove" // this person does not go to this unit
	Manual ChoiceKind = "manual" // move this person here, decided by hand
)

// ErrNotFound is data.ErrNotFound, returned for a plan or choice that does not exist.
var ErrNotFound = data.ErrNotFound

// ErrFrozen is returned when a change is asked of an approved plan (or approval of a plan never
// generated).
var ErrFrozen = errors.New("the plan is approved and can no longer change")

// Choice is one decision, as made.
type Choice struct {
	ID     int64
	Kind   ChoiceKind
	NIP    string
	ToUnit string
	By     string
	At     time.Time
}

// Header is what a list of plans shows.
type Header struct {
	ID        int64
	Name      string
	Status    Status
	Region    string // the region planned
	Agency    string // "" for every agency of the region
	Cadres    []string
	Period    time.Time
	UpdatedBy string
	UpdatedAt time.Time
}

// Plan is a stored plan with its choices and latest result.
type Plan struct {
	Header
	Settings   json.RawMessage
	Result     json.RawMessage // nil until generated
	CreatedBy  string
	CreatedAt  time.Time
	ApprovedBy string
	ApprovedAt time.Time // zero while a draft
	Choices    []Choice
}

// NewPlan is what creating a plan needs.
type NewPlan struct {
	Name     string
	Region   string
	Agency   string
	Cadres   []string
	Period   time.Time
	Settings json.RawMessage
}

// Plans keeps the plans of one store.
type Plans struct {
	db *sql.DB
}

// New returns the plans of store.
func New(store *data.Store) *Plans { return &Plans{db: store.DB()} }

// Create stores a new draft and returns its id.
func (p *Plans) Create(ctx context.Context, who accounts.Actor, np NewPlan, at time.Time) (int64, error) {
	np.Name = strings.TrimSpace(np.Name)
	if np.Name == "" || len(np.Name) > 200 || np.Region == "" || len(np.Cadres) == 0 {
		return 0, fmt.Errorf("%w plan: a name (up to 200 characters), a region and at least one position family are required",
			accounts.ErrInvalid)
	}
	if len(np.Settings) == 0 {
		np.Settings = json.RawMessage(`{}`)
	}
	var id int64
	err := p.change(ctx, who, at, scopeText(np.Region, np.Agency), func(tx *sql.Tx) (string, error) {
		err := tx.QueryRowContext(ctx, query("plan_insert"), sql.Named("name", np.Name), sql.Named("region", np.Region),
			sql.Named("agency", np.Agency), sql.Named("cadres", strings.Join(np.Cadres, ",")),
			sql.Named("period", np.Period), sql.Named("settings", string(np.Settings)),
			sql.Named("by", who.Name), sql.Named("at", at.UTC())).Scan(&id)
		return fmt.Sprintf("plan %d %q created: region %s agency %s cadres %s", id, np.Name, np.Region,
			orAll(np.Agency), strings.Join(np.Cadres, ",")), err
	})
	return id, err
}

// Get returns plan id with its choices.
func (p *Plans) Get(ctx context.Context, id int64) (Plan, error) {
	var pl Plan
	var cadres, settings, result string
	var approvedAt sql.NullTime
	err := p.db.QueryRowContext(ctx, query("plan_get"), sql.Named("id", id)).Scan(&pl.ID, &pl.Name, &pl.Status,
		&pl.Region, &pl.Agency, &cadres, &pl.Period, &settings, &result, &pl.CreatedBy, &pl.CreatedAt,
		&pl.UpdatedBy, &pl.UpdatedAt, &pl.ApprovedBy, &approvedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Plan{}, fmt.Errorf("plan %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Plan{}, fmt.Errorf("plan %d: %w", id, err)
	}
	pl.Cadres = strings.Split(cadres, ",")
	pl.Settings = json.RawMessage(settings)
	if result != "" {
		pl.Result = json.RawMessage(result)
	}
	pl.ApprovedAt = approvedAt.Time
	pl.Choices, err = p.choices(ctx, id)
	return pl, err
}

func (p *Plans) choices(ctx context.Context, id int64) ([]Choice, error) {
	rows, err := p.db.QueryContext(ctx, query("choice_list"), sql.Named("plan", id))
	if err != nil {
		return nil, fmt.Errorf("plan %d choices: %w", id, err)
	}
	defer rows.Close()
	var out []Choice
	for rows.Next() {
		var c Choice
		if err := rows.Scan(&c.ID, &c.Kind, &c.NIP, &c.ToUnit, &c.By, &c.At); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// List returns every plan for which visible is true, newest change first. The caller passes its
// user's scope as visible: plans of other regions are not listed.
func (p *Plans) List(ctx context.Context, visible func(Header) bool) ([]Header, error) {
	rows, err := p.db.QueryContext(ctx, query("plan_list"))
	if err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	defer rows.Close()
	var out []Header
	for rows.Next() {
		var h Header
		var cadres string
		if err := rows.Scan(&h.ID, &h.Name, &h.Status, &h.Region, &h.Agency, &cadres, &h.Period, &h.UpdatedBy,
			&h.UpdatedAt); err != nil {
			return nil, err
		}
		h.Cadres = strings.Split(cadres, ",")
		if visible(h) {
			out = append(out, h)
		}
	}
	return out, rows.Err()
}

// SetResult stores a draft's latest result; summary says what changed for the audit log.
func (p *Plans) SetResult(ctx context.Context, who accounts.Actor, id int64, result json.RawMessage, summary string, at time.Time) error {
	scope, err := p.scope(ctx, id)
	if err != nil {
		return err
	}
	return p.change(ctx, who, at, scope, func(tx *sql.Tx) (string, error) {
		res, err := tx.ExecContext(ctx, query("plan_set_result"), sql.Named("id", id), sql.Named("result", string(result)),
			sql.Named("by", who.Name), sql.Named("at", at.UTC()))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("plan %d generated: %s", id, summary), p.changed(ctx, tx, res, id)
	})
}

// Choose records a decision on a draft, replacing earlier choices it contradicts (see
// choice_clear.sql). The caller re-runs the plan and stores the result with SetResult.
func (p *Plans) Choose(ctx context.Context, who accounts.Actor, id int64, kind ChoiceKind, nip, toUnit string, at time.Time) error {
	if kind != Lock && kind != Remove && kind != Manual {
		return fmt.Errorf("%w choice %q", accounts.ErrInvalid, kind)
	}
	scope, err := p.scope(ctx, id)
	if err != nil {
		return err
	}
	return p.change(ctx, who, at, scope, func(tx *sql.Tx) (string, error) {
		if err := p.draft(ctx, tx, id); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, query("choice_clear"), sql.Named("plan", id), sql.Named("nip", nip),
			sql.Named("to", toUnit), sql.Named("kind", string(kind))); err != nil {
			return "", err
		}
		_, err := tx.ExecContext(ctx, query("choice_insert"), sql.Named("plan", id), sql.Named("kind", string(kind)),
			sql.Named("nip", nip), sql.Named("to", toUnit), sql.Named("by", who.Name), sql.Named("at", at.UTC()))
		return fmt.Sprintf("plan %d: %s %s to %s", id, kind, nip, toUnit), err
	})
}

// Undo withdraws one choice of a draft.
func (p *Plans) Undo(ctx context.Context, who accounts.Actor, id, choiceID int64, at time.Time) error {
	scope, err := p.scope(ctx, id)
	if err != nil {
		return err
	}
	return p.change(ctx, who, at, scope, func(tx *sql.Tx) (string, error) {
		if err := p.draft(ctx, tx, id); err != nil {
			return "", err
		}
		res, err := tx.ExecContext(ctx, query("choice_delete"), sql.Named("plan", id), sql.Named("id", choiceID))
		if err != nil {
			return "", err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return "", fmt.Errorf("plan %d choice %d: %w", id, choiceID, ErrNotFound)
		}
		return fmt.Sprintf("plan %d: choice %d withdrawn", id, choiceID), nil
	})
}

// Approve freezes a generated draft.
func (p *Plans) Approve(ctx context.Context, who accounts.Actor, id int64, at time.Time) error {
	scope, err := p.scope(ctx, id)
	if err != nil {
		return err
	}
	return p.change(ctx, who, at, scope, func(tx *sql.Tx) (string, error) {
		res, err := tx.ExecContext(ctx, query("plan_approve"), sql.Named("id", id), sql.Named("by", who.Name),
			sql.Named("at", at.UTC()))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("plan %d approved", id), p.changed(ctx, tx, res, id)
	})
}

// change runs one change of a plan and its audit entry in one transaction.
func (p *Plans) change(ctx context.Context, who accounts.Actor, at time.Time, scope string, do func(tx *sql.Tx) (detail string, err error)) error {
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	detail, err := do(tx)
	if err != nil {
		return err
	}
	if err := accounts.RecordTx(ctx, tx, accounts.Entry{At: at.UTC(), Actor: who.Name, Action: accounts.ActionPlanChange,
		Scope: scope, Detail: detail, Remote: who.Remote}); err != nil {
		return err
	}
	return tx.Commit()
}

// draft returns ErrNotFound or ErrFrozen unless plan id is a draft.
func (p *Plans) draft(ctx context.Context, tx *sql.Tx, id int64) error {
	var status Status
	err := tx.QueryRowContext(ctx, `SELECT status FROM plans WHERE id = $1`, id).Scan(&status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("plan %d: %w", id, ErrNotFound)
	case err != nil:
		return err
	case status != Draft:
		return fmt.Errorf("plan %d: %w", id, ErrFrozen)
	}
	return nil
}

// changed turns an UPDATE of no row into ErrNotFound or ErrFrozen.
func (p *Plans) changed(ctx context.Context, tx *sql.Tx, res sql.Result, id int64) error {
	n, err := res.RowsAffected()
	if err != nil || n > 0 {
		return err
	}
	if err := p.draft(ctx, tx, id); err != nil {
		return err
	}
	return fmt.Errorf("plan %d: %w", id, ErrFrozen) // a draft never generated cannot be approved
}

// scope returns the scope of plan id as the audit log writes scopes.
func (p *Plans) scope(ctx context.Context, id int64) (string, error) {
	var region, agency string
	err := p.db.QueryRowContext(ctx, `SELECT region_code, agency_code FROM plans WHERE id = $1`, id).Scan(&region, &agency)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("plan %d: %w", id, ErrNotFound)
	}
	return scopeText(region, agency), err
}

func scopeText(region, agency string) string {
	sc := accounts.Scope{Regions: []string{region}}
	if agency != "" {
		sc.Agencies = []string{agency}
	}
	return sc.String()
}

func orAll(s string) string {
	if s == "" {
		return "all"
	}
	return s
}
