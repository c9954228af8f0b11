package analytics

import (
	"context"
	"database/sql"
	"regexp"
	"sync"
)

// statements is the database with every read query prepared once and kept: a page runs about
// ten queries, and DuckDB parses, binds and plans the longer ones (a filter CTE and joins) in a
// millisecond or more each, so preparing them anew per request costs a noticeable part of a
// page. database/sql prepares a kept statement again on each connection that runs it.
type statements struct {
	*sql.DB
	mu       sync.Mutex
	prepared map[string]*prepared
}

type prepared struct {
	*sql.Stmt
	names map[string]bool // the $name parameters the text uses
}

func newStatements(db *sql.DB) *statements {
	return &statements{DB: db, prepared: map[string]*prepared{}}
}

var namedParameter = regexp.MustCompile(`\$([a-z_]+)`)

func (d *statements) stmt(ctx context.Context, text string) (*prepared, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if st, ok := d.prepared[text]; ok {
		return st, nil
	}
	st, err := d.DB.PrepareContext(ctx, text)
	if err != nil {
		return nil, err
	}
	p := &prepared{Stmt: st, names: map[string]bool{}}
	for _, m := range namedParameter.FindAllStringSubmatch(text, -1) {
		p.names[m[1]] = true
	}
	d.prepared[text] = p
	return p, nil
}

// used drops the named arguments the statement does not use: a Filter binds all of its fields
// to every query, and a prepared statement takes exactly its own parameters.
func (p *prepared) used(args []any) []any {
	out := args[:0:0]
	for _, a := range args {
		if n, ok := a.(sql.NamedArg); ok && !p.names[n.Name] {
			continue
		}
		out = append(out, a)
	}
	return out
}

// QueryContext runs the prepared statement of text.
func (d *statements) QueryContext(ctx context.Context, text string, args ...any) (*sql.Rows, error) {
	st, err := d.stmt(ctx, text)
	if err != nil {
		return nil, err
	}
	return st.Stmt.QueryContext(ctx, st.used(args)...)
}

// QueryRowContext runs the prepared statement of text; a statement that does not prepare
// reports its error through the row, as sql.DB.QueryRowContext does.
func (d *statements) QueryRowContext(ctx context.Context, text string, args ...any) *sql.Row {
	st, err := d.stmt(ctx, text)
	if err != nil {
		return d.DB.QueryRowContext(ctx, text, args...)
	}
	return st.Stmt.QueryRowContext(ctx, st.used(args)...)
}
