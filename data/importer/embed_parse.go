package importer

import _ "embed" // for go:embed

// parseMacrosSQL defines the tb_* value-parsing macros as TEMP macros: execute it, as one
// multi-statement string, on the connection that runs the import.
//
//go:embed queries/parse_macros.sql
var parseMacrosSQL string
