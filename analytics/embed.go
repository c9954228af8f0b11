package analytics

import (
	"embed"
	"fmt"
)

// queryFiles are the SQL statements analytics runs, one reviewable file each.
//
//go:embed queries/*.sql
var queryFiles embed.FS

// query returns the embedded SQL file name; a missing file is a programming error caught by
// tests, so it panics.
func query(name string) string {
	b, err := queryFiles.ReadFile("queries/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("analytics: no embedded query %s: %v", name, err))
	}
	return string(b)
}
