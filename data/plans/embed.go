package plans

import (
	"embed"
	"fmt"
)

// Every file the accounts package embeds is declared here.

// queryFiles are the statements on plans and their choices, one file each.
//
//go:embed queries/*.sql
var queryFiles embed.FS

// query returns the embedded SQL file name; a missing file is a programming error that the
// tests reach, so it panics.
func query(name string) string {
	b, err := queryFiles.ReadFile("queries/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("plans: no embedded query %s: %v", name, err))
	}
	return string(b)
}
