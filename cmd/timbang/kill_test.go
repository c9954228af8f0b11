package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
)

// TestImportKilledMidway: a process killed with SIGKILL in the middle of a large import leaves
// the previous data intact and the database readable at the next start.
func TestImportKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and imports a large file")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "kill.duckdb")
	if _, _, err := runCLI(t, "demo", "--db", db, "--scale", "test"); err != nil {
		t.Fatal(err)
	}
	staffBefore, versionBefore, units := snapshot(t, db)

	// A staff file big enough that the import is still running when it is killed.
	csvPath := filepath.Join(dir, "pegawai.csv")
	f, err := os.Create(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "NIP;Nama;Rumpun Jabatan;Unit Kerja;Tanggal Lahir;TMT Jabatan")
	birth := time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 1_500_000; i++ {
		b := birth.AddDate(0, 0, i%8000)
		fmt.Fprintf(w, "%s2010%02d1%03d;Pegawai %d;guru;%s;%s;01/07/2019\n",
			b.Format("20060102"), 1+(i/8000)%12, (i/96000)%1000, i, units[i%len(units)], b.Format("02/01/2006"))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, self, "import", "--db", db, csvPath)
	cmd.Env = append(os.Environ(), "TIMBANG_RUN_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it the moment it starts writing the database file: the staff going in with a large
	// insert grows the file, or DuckDB's write-ahead log appears. Reading and checking the file
	// before that touch nothing stored, so a fixed delay would race the import's speed.
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	before := fileSize(db)
	deadline := time.After(3 * time.Minute)
	for writing := false; !writing; {
		select {
		case err := <-done:
			t.Fatalf("the import ended on its own (%v) before it wrote anything: make the file larger", err)
		case <-deadline:
			t.Fatal("the import wrote nothing to the database in 3 minutes")
		case <-time.After(5 * time.Millisecond):
			writing = fileSize(db) != before || fileSize(db+".wal") > 0
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill the import: %v", err)
	}
	err = <-done
	if status, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !status.Signaled() {
		t.Fatalf("the import ended on its own (%v) before it was killed: make the file larger", err)
	}

	staffAfter, versionAfter, _ := snapshot(t, db)
	if staffAfter != staffBefore || versionAfter != versionBefore {
		t.Errorf("after the kill: %d staff (version %d), want the previous %d (version %d)", staffAfter, versionAfter, staffBefore, versionBefore)
	}
}

// fileSize is the size of path, 0 when it does not exist.
func fileSize(path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return info.Size()
}

// snapshot opens the database as the next start would and reads what must survive.
func snapshot(t *testing.T, db string) (staff, version int, units []string) {
	t.Helper()
	store, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("open after import: %v", err)
	}
	defer func() { _ = store.Close() }()
	var list []any
	if err := store.DB().QueryRow(`SELECT (SELECT count(*) FROM staff), (SELECT version FROM data_version),
		(SELECT list(code ORDER BY code) FROM units)`).Scan(&staff, &version, &list); err != nil {
		t.Fatal(err)
	}
	for _, u := range list {
		units = append(units, fmt.Sprint(u))
	}
	return staff, version, units
}
