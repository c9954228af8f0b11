package accounts

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/timbang/timbang/data"
)

// Actions the audit log records. Users and EnsureAdmin record theirs themselves, in the same
// transaction as the change; the dashboard records the others (logout, import, export, plan
// changes) with Audit.Record.
const (
	ActionLogin        = "login"
	ActionLoginFailed  = "login_failed"
	ActionLogout       = "logout"
	ActionImport       = "import"
	ActionExport       = "export"
	ActionPlanChange   = "plan_change"
	ActionUserAdd      = "user_add"
	ActionUserDisable  = "user_disable"
	ActionUserPassword = "user_password"
)

// Entry is one line of the audit log.
type Entry struct {
	ID     int64 // set by the database
	At     time.Time
	Actor  string // who: a username, "cli" or "timbang"
	Action string // one of the Action constants
	Scope  string // the data concerned, as Scope.String writes it
	Detail string
	Remote string // client address of a web request
}

// Audit appends to and reads the audit log. It has no way to change or remove an entry: the
// application only ever appends.
type Audit struct {
	db *sql.DB
}

// NewAudit returns the audit log of store.
func NewAudit(store *data.Store) *Audit {
	return &Audit{db: store.DB()}
}

// Record appends e. At, Actor and Action are required.
func (a *Audit) Record(ctx context.Context, e Entry) error {
	return record(ctx, a.db, e)
}

// RecordTx appends e inside tx, so another package's change and its audit entry are committed
// together or not at all.
func RecordTx(ctx context.Context, tx *sql.Tx, e Entry) error {
	return record(ctx, tx, e)
}

// record appends e on q, so a change and its audit entry can share a transaction.
func record(ctx context.Context, q querier, e Entry) error {
	if e.At.IsZero() || e.Actor == "" || e.Action == "" {
		return fmt.Errorf("%w audit entry: at, actor and action are required (got %q, %q, %q)",
			ErrInvalid, e.At, e.Actor, e.Action)
	}
	if _, err := q.ExecContext(ctx, query("audit_insert"),
		e.At.UTC(), e.Actor, e.Action, e.Scope, e.Detail, e.Remote); err != nil {
		return fmt.Errorf("record audit %s by %s: %w", e.Action, e.Actor, err)
	}
	return nil
}

// How many entries one List call returns.
const (
	DefaultAuditLimit = 100
	MaxAuditLimit     = 1000
)

// Filter selects audit entries. Zero values mean no filter; Limit 0 means DefaultAuditLimit.
type Filter struct {
	Action string
	Actor  string
	Limit  int
	Offset int
}

// List returns entries newest first.
func (a *Audit) List(ctx context.Context, f Filter) ([]Entry, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultAuditLimit
	}
	limit = min(limit, MaxAuditLimit)
	offset := max(f.Offset, 0)
	rows, err := a.db.QueryContext(ctx, query("audit_list"), f.Action, f.Actor, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("list audit log: %w", err)
	}
	defer rows.Close()
	var list []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Scope, &e.Detail, &e.Remote); err != nil {
			return nil, fmt.Errorf("list audit log: %w", err)
		}
		list = append(list, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list audit log: %w", err)
	}
	return list, nil
}
