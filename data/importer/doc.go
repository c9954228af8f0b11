package importer

import (
	"fmt"
	"io"
	"strings"
)

// WriteColumnDoc writes the documented column set of every kind as Markdown; docs/IMPORT.md
// is this output, and a test keeps the two equal.
func WriteColumnDoc(w io.Writer) error {
	var b strings.Builder
	b.WriteString(`# Import column sets

Generated from ` + "`data/importer/kinds.go`" + ` (a test fails when this file and the code differ;
regenerate with ` + "`go test ./data/importer -run TestColumnDoc -update`" + `).

Files are CSV (comma or semicolon, UTF-8 with or without BOM), XLSX (first visible sheet unless
one is named) or Parquet. The first row holds column names; any of the names listed for a
column is accepted, in any case, with spaces, underscores or dots alike. Columns not listed are
reported and not loaded. A batch of files is checked as a whole and stored all or nothing;
importing the same file again changes nothing (rows are matched on the key columns).

Blank templates with an example row and a notes sheet: ` + "`timbang template KIND --format xlsx|csv`" + `
or the import page.

Who imports what: an administrator (or the command line, run by whoever holds the database
file) imports every kind. A planner imports through the web page and only inside their scope:
every unit, person, workload figure and transfer of the batch must lie in the planner's regions
or agencies, both as the file has it and as it is stored now, and the reference kinds marked
below (shared by every region) are refused.
`)
	for _, k := range Kinds {
		fmt.Fprintf(&b, "\n## %s — %s / %s\n\nTable `%s`; key: ", k.Name, k.TitleID, k.TitleEN, k.Table)
		reference := ""
		if k.Reference {
			reference = " Reference data: administrators only."
		}
		var keys []string
		for _, c := range k.Keys() {
			keys = append(keys, "`"+c.Name+"`")
		}
		b.WriteString(strings.Join(keys, " + "))
		b.WriteString("." + reference + "\n\n| column | also accepted | type | required | notes |\n| --- | --- | --- | --- | --- |\n")
		for _, c := range k.Columns {
			required := "no"
			switch {
			case c.Required && c.Default == "":
				required = "yes"
			case c.Default != "":
				required = "no (default " + c.Default + ")"
			}
			note := c.NoteEN
			if len(c.Enum) > 0 {
				note += "; one of " + strings.Join(c.Enum, ", ")
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", c.Name, strings.Join(c.Headers, ", "), typeWords[c.Type][1], required, note)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
