package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/date"
)

// benchRows is the size of one batch in the benchmarks: large enough that
// start-up is noise and that the two-core pipeline is used.
const benchRows = 20000

// vatCSV is a batch for vat.general with amounts that vary in size and
// places, as a ledger export does.
func vatCSV(n int) string {
	var b strings.Builder
	b.WriteString("sales,input_tax\n")
	for i := range n {
		fmt.Fprintf(&b, "%d.%02d,%d\n", 1000+i*37%9000000, i%100, i*13%80000)
	}
	return b.String()
}

func iitCSV(n int) string {
	var b strings.Builder
	b.WriteString("cum_income,months,cum_special,cum_withheld\n")
	for i := range n {
		m := i%12 + 1
		fmt.Fprintf(&b, "%d,%d,%d.%02d,%d\n", m*(8000+i*53%40000), m, m*1200, i%100, i%500)
	}
	return b.String()
}

// runBatch runs cntax batch on in, the output thrown away.
func runBatch(b *testing.B, in string, args ...string) {
	b.Helper()
	var errb bytes.Buffer
	code := Main(append([]string{"batch"}, args...), Env{
		Stdin:  strings.NewReader(in),
		Stdout: io.Discard,
		Stderr: &errb,
		Getenv: func(string) string { return "" },
		Today:  func() date.Date { return date.MustParse("2026-11-22") },
	})
	if code != 0 {
		b.Fatal(errb.String())
	}
}

// cpuTime is the CPU time the process has used, every thread.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// perRow reports rows per second of wall time and, since this machine is
// shared, rows per second of CPU time (per core: what both cores' work
// adds up to), which other load hardly moves. Call start before b.Loop.
func perRow(b *testing.B, rows int) (start func()) {
	var cpu0 time.Duration
	b.Cleanup(func() {
		n := float64(rows) * float64(b.N)
		b.ReportMetric(n/b.Elapsed().Seconds(), "rows/s")
		if cpu := cpuTime() - cpu0; cpu > 0 {
			b.ReportMetric(n/cpu.Seconds(), "rows/cpu-s")
		}
	})
	return func() { cpu0 = cpuTime() }
}

// BenchmarkBatchVAT is cntax batch vat.general over a CSV, next to the
// same arithmetic written by hand with shopspring/decimal (BenchmarkBatch
// VATHandWritten): the ratio of their ns/op is how much the engine costs.
func BenchmarkBatchVAT(b *testing.B) {
	in := vatCSV(benchRows)
	runBatch(b, in, "vat.general", "-") // load once, outside the timing
	for _, format := range []string{"csv", "json"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			perRow(b, benchRows)()
			for b.Loop() {
				runBatch(b, in, "vat.general", "-", "--format", format)
			}
		})
	}
}

func BenchmarkBatchIIT(b *testing.B) {
	in := iitCSV(benchRows)
	runBatch(b, in, "iit.wage_cumulative", "-")
	b.ReportAllocs()
	perRow(b, benchRows)()
	for b.Loop() {
		runBatch(b, in, "iit.wage_cumulative", "-")
	}
}

// BenchmarkBatchVATHandWritten reads the same CSV and writes the same
// columns as cntax batch vat.general, with the formula written in Go:
// output = sales × 13% to the fen, half up; payable and credit carried
// forward as max(…, 0). It has none of the engine's checks.
func BenchmarkBatchVATHandWritten(b *testing.B) {
	in := vatCSV(benchRows)
	b.ReportAllocs()
	perRow(b, benchRows)()
	for b.Loop() {
		if err := handWrittenVAT(strings.NewReader(in), io.Discard, "2026-11-22"); err != nil {
			b.Fatal(err)
		}
	}
}

func handWrittenVAT(in io.Reader, out io.Writer, day string) error {
	r := csv.NewReader(in)
	r.ReuseRecord = true
	w := csv.NewWriter(out)
	if _, err := r.Read(); err != nil {
		return err
	}
	if err := w.Write([]string{"date", "sales", "input_tax", "output_tax", "payable", "credit_forward"}); err != nil {
		return err
	}
	rate := decimal.RequireFromString("0.13")
	row := make([]string, 6)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		sales, err := decimal.NewFromString(rec[0])
		if err != nil {
			return err
		}
		input, err := decimal.NewFromString(rec[1])
		if err != nil {
			return err
		}
		output := sales.Mul(rate).Round(2)
		payable := decimal.Max(output.Sub(input), decimal.Zero)
		credit := decimal.Max(input.Sub(output), decimal.Zero)
		row[0] = day
		row[1], row[2] = sales.StringFixed(2), input.StringFixed(2)
		row[3], row[4], row[5] = output.StringFixed(2), payable.StringFixed(2), credit.StringFixed(2)
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// The hand-written baseline computes what cntax computes, or the ratio
// between them would mean nothing.
func TestHandWrittenVATMatches(t *testing.T) {
	in := vatCSV(500)
	out, stderr, code := run(t, in, "batch", "vat.general", "-")
	if code != 0 {
		t.Fatal(stderr)
	}
	var hw strings.Builder
	if err := handWrittenVAT(strings.NewReader(in), &hw, "2026-11-22"); err != nil {
		t.Fatal(err)
	}
	if out != hw.String() {
		t.Fatalf("cntax and the hand-written baseline differ:\n%.300s\n%.300s", out, hw.String())
	}
}
