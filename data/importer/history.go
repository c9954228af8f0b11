package importer

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/timbang/timbang/data"
)

// Run is one recorded import batch.
type Run struct {
	ID                           int64
	Started, Finished            time.Time
	Actor                        string
	Files                        []string
	Outcome                      string // applied, rejected, dry_run, failed
	Inserted, Updated, Unchanged int64
	Problems                     int64
	Message                      string
}

// History returns the latest import runs, newest first: everyone's when actor is "", else only
// the runs actor started (a planner sees their own imports, not other regions' file names).
func History(ctx context.Context, store *data.Store, limit int, actor string) ([]Run, error) {
	rows, err := store.DB().QueryContext(ctx, query("list_runs"), sql.Named("limit", limit), sql.Named("actor", actor))
	if err != nil {
		return nil, fmt.Errorf("import history: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var files string
		if err := rows.Scan(&r.ID, &r.Started, &r.Finished, &r.Actor, &files, &r.Outcome, &r.Inserted, &r.Updated,
			&r.Unchanged, &r.Problems, &r.Message); err != nil {
			return nil, err
		}
		if files != "" {
			r.Files = strings.Split(files, "\n")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
