package importer

import (
	"embed"
	"fmt"
)

// Every file the importer embeds is declared here.

// queryFiles are the value-parsing macros (parse_macros.sql, executed as one string on the
// import's connection), the kind-specific checks and the bookkeeping statements.
//
//go:embed queries/*.sql
var queryFiles embed.FS

func query(name string) string {
	b, err := queryFiles.ReadFile("queries/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("importer: no embedded query %s: %v", name, err))
	}
	return string(b)
}
