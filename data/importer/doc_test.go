package importer

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/IMPORT.md from the column specifications")

func TestColumnDocUpToDate(t *testing.T) {
	var b bytes.Buffer
	if err := WriteColumnDoc(&b); err != nil {
		t.Fatal(err)
	}
	const path = "../../docs/IMPORT.md"
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, b.Bytes()) {
		t.Fatal("docs/IMPORT.md differs from the column specifications: run go test ./data/importer -run TestColumnDoc -update")
	}
}
