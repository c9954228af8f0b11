package importer

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/timbang/timbang/data"
	"github.com/timbang/timbang/data/datatest"
)

// benchRows is the size of the staff file the import benchmark loads: 5,000,000 under
// `make bench` (TIMBANG_BENCH_ROWS), fewer by default so a plain -bench run stays quick.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("TIMBANG_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 200_000
}

// writeStaffCSV writes n valid staff rows in the semicolon, decimal-comma, dd/mm/yyyy form
// Indonesian offices export, spread over the units of the test demo.
func writeStaffCSV(tb testing.TB, s *data.Store, n int) string {
	tb.Helper()
	var list []any
	if err := s.DB().QueryRow(`SELECT list(code ORDER BY code) FROM units`).Scan(&list); err != nil {
		tb.Fatal(err)
	}
	units := make([]string, len(list))
	for i, u := range list {
		units[i] = fmt.Sprint(u)
	}
	path := filepath.Join(tb.TempDir(), "pegawai.csv")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "NIP;Nama;Rumpun Jabatan;Unit Kerja;Pendidikan;Jurusan;Golongan;Tanggal Lahir;TMT Jabatan;Lintang Rumah;Bujur Rumah;Kinerja;Status")
	for i := 0; i < n; i++ {
		nip, birth := staffIdentity(i)
		fmt.Fprintf(w, "%s;Pegawai %d;guru;%s;S1;Pendidikan Matematika;III/b;%s;01/07/2019;-6,%04d;106,%04d;Baik;aktif\n",
			nip, i, units[i%len(units)], birth, i%10000, i%10000)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// staffIdentity gives generated staff member i a valid NIP, unique for up to 1.9 billion rows,
// and the birth date (dd/mm/yyyy) it starts with: born 1965-1986, appointed 2010-2019.
func staffIdentity(i int) (nip, birth string) {
	b := time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%8000)
	// Birth date, appointment year and month, sex, sequence.
	nip = fmt.Sprintf("%s%04d%02d%d%03d", b.Format("20060102"), 2010+(i/8000)%10, 1+(i/80000)%12, 1+(i/960000)%2, (i/1920000)%1000)
	return nip, b.Format("02/01/2006")
}

// BenchmarkImportStaffCSV loads a staff CSV twice in one run: with a plain DuckDB read_csv
// (the baseline) and through the validated, all-or-nothing import, and reports both speeds
// and their ratio (target: the import at no less than a third of the plain load's speed).
func BenchmarkImportStaffCSV(b *testing.B) {
	n := benchRows()
	seed := datatest.DemoStore(b)
	path := writeStaffCSV(b, seed, n)
	ctx := context.Background()
	var plain, validated, plainCPU, validatedCPU time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := datatest.DemoStore(b)
		b.StartTimer()
		start, cpu := time.Now(), processCPU(b)
		if _, err := s.DB().ExecContext(ctx, `CREATE TABLE plain AS SELECT * FROM read_csv($p, delim = ';', header = true)`,
			sql.Named("p", path)); err != nil {
			b.Fatal(err)
		}
		plain += time.Since(start)
		plainCPU += processCPU(b) - cpu
		start, cpu = time.Now(), processCPU(b)
		// 5,000,000 rows are about 650 MB, past the default 512 MB limit for one upload.
		lim := DefaultLimits
		lim.MaxFileBytes = 8 << 30
		res, err := Import(ctx, s, []Source{{Name: "pegawai.csv", Path: path}}, Options{Limits: lim})
		if err != nil {
			b.Fatalf("%v %v", err, res.Problems)
		}
		validated += time.Since(start)
		validatedCPU += processCPU(b) - cpu
		// A few generated NIPs may equal demo staff: those rows are updates, not inserts.
		if c := res.Counts["staff"]; c.Inserted+c.Updated+c.Unchanged != int64(n) {
			b.Fatalf("wrote %+v of %d rows", c, n)
		}
	}
	plainRate := float64(n*b.N) / plain.Seconds()
	importRate := float64(n*b.N) / validated.Seconds()
	b.ReportMetric(plainRate, "plain_rows/s")
	b.ReportMetric(importRate, "import_rows/s")
	b.ReportMetric(importRate/plainRate, "import/plain")
	// CPU time is what a shared machine's other jobs disturb least: when they take the second
	// core from one phase and not the other, wall times swing and this ratio does not.
	b.ReportMetric(plainCPU.Seconds()/validatedCPU.Seconds(), "import/plain_cpu")
}

// processCPU is the CPU time (user and system) the test process has used so far.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
