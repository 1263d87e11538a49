package payroll

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
)

// FuzzReader: no input panics the reader, and every error it gives is a
// row error with a line (or none for an empty file).
func FuzzReader(f *testing.F) {
	f.Add("employee,month,income\ne,1,30000\n")
	f.Add("员工,月份,收入,专项扣除,全年一次性奖金\n张三,1,\"30,000\",4500,\n张三,2,3万,4500,60000\n")
	f.Add("employee,month,net,first_job,prior_income\n\"=cmd\",7,15000,是,\n")
	f.Add("\ufeffemployee,month,income\r\ne,12,1e3\r\n\"a\"\"b\",1,0\n")
	f.Add("employee,month,income\ne,1,100\ne,3,100\ne,3,1\n\"x")
	eng, cats := load(f)
	f.Fuzz(func(t *testing.T, s string) {
		m, err := Run(eng, cats, 2024, strings.NewReader(s), func(mo Month) error {
			if mo.Withheld < 0 || mo.WageTax < 0 {
				t.Fatalf("negative withholding: %+v", mo)
			}
			return nil
		})
		if err == nil {
			for _, e := range m.EmployeeIDs() {
				_ = m.Summary(e)
			}
			return
		}
		var re *RowError
		if !errors.As(err, &re) {
			t.Fatalf("not a row error: %v", err)
		}
	})
}

// synth writes n employees × 12 months, month-major (as a payroll system
// exports a year: each month's run after the other).
func synth(n int) []byte {
	var b bytes.Buffer
	b.WriteString("employee,month,income,special,additional,bonus\n")
	for m := 1; m <= 12; m++ {
		for e := range n {
			inc := 8000 + (e*37)%40000
			bonus := ""
			if m == 12 && e%5 == 0 {
				bonus = strconv.Itoa(inc * 2)
			}
			fmt.Fprintf(&b, "E%06d,%d,%d.%02d,%d,%d,%s\n", e, m, inc, e%100, inc/10, (e%3)*1000, bonus)
		}
	}
	return b.Bytes()
}

var (
	synthOnce sync.Once
	synthPath string
)

// synthFile is the 100,000 × 12 file, written once per run.
func synthFile(b *testing.B) string {
	synthOnce.Do(func() {
		dir, err := os.MkdirTemp("", "payroll-bench")
		if err != nil {
			b.Fatal(err)
		}
		synthPath = filepath.Join(dir, "year.csv")
		if err := os.WriteFile(synthPath, synth(100_000), 0o600); err != nil {
			b.Fatal(err)
		}
	})
	return synthPath
}

// BenchmarkPayroll100k: 100,000 employees × 12 months (1.2M rows) read
// from a file, each month computed by the catalog's iit.wage_cumulative
// (and iit.bonus for the December bonuses) and written out as CSV.
// Reports the state kept per employee.
func BenchmarkPayroll100k(b *testing.B) {
	eng, cats := load(b)
	path := synthFile(b)
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		w := &countWriter{}
		out := NewCSVWriter(w)
		if err := out.Header(); err != nil {
			b.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		m, err := Run(eng, cats, 2024, f, out.Write)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		if err := out.Flush(); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		if m.Employees() != 100_000 || w.rows != 1_200_001 {
			b.Fatalf("%d employees, %d lines", m.Employees(), w.rows)
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(m.Employees()), "B/employee")
		runtime.KeepAlive(m)
	}
}

type countWriter struct{ rows int }

func (w *countWriter) Write(p []byte) (int, error) {
	w.rows += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

// BenchmarkBaseline100k is the same year by a hand-written cumulative
// withholding in shopspring/decimal: encoding/csv, the 2019 table and the
// 5,000 deduction typed in, the employees' months in file order (the file
// is month-major). It is the yardstick for the catalog-driven machine, and
// it is tested against it below.
func BenchmarkBaseline100k(b *testing.B) {
	path := synthFile(b)
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		w := &countWriter{}
		if err := baseline(f, w); err != nil {
			b.Fatal(err)
		}
		f.Close()
		if w.rows != 1_200_001 {
			b.Fatalf("%d lines", w.rows)
		}
	}
}

type baseBracket struct{ upto, rate, quick decimal.Decimal }

func brackets(rows [][3]string) []baseBracket {
	out := make([]baseBracket, len(rows))
	for i, r := range rows {
		out[i] = baseBracket{decimal.RequireFromString(r[0]), decimal.RequireFromString(r[1]), decimal.RequireFromString(r[2])}
	}
	return out
}

var (
	baseAnnual = brackets([][3]string{{"36000", "0.03", "0"}, {"144000", "0.1", "2520"}, {"300000", "0.2", "16920"},
		{"420000", "0.25", "31920"}, {"660000", "0.3", "52920"}, {"960000", "0.35", "85920"}, {"1e18", "0.45", "181920"}})
	baseMonthly = brackets([][3]string{{"3000", "0.03", "0"}, {"12000", "0.1", "210"}, {"25000", "0.2", "1410"},
		{"35000", "0.25", "2660"}, {"55000", "0.3", "4410"}, {"80000", "0.35", "7160"}, {"1e18", "0.45", "15160"}})
)

func baseTax(t []baseBracket, x, scale decimal.Decimal) decimal.Decimal {
	for _, b := range t {
		if x.LessThanOrEqual(b.upto.Mul(scale)) {
			return x.Mul(b.rate).Sub(b.quick).Round(2)
		}
	}
	return decimal.Zero
}

func baseline(r io.Reader, w io.Writer) error {
	type emp struct {
		first                          int
		income, special, add, withheld decimal.Decimal
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	if _, err := cr.Read(); err != nil {
		return err
	}
	out := csv.NewWriter(w)
	_ = out.Write([]string{"employee", "month", "cum_income", "cum_taxable", "cum_tax", "withheld", "bonus_tax", "net"})
	emps := map[string]*emp{}
	five, one, twelve := decimal.NewFromInt(5000), decimal.NewFromInt(1), decimal.NewFromInt(12)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		month, _ := strconv.Atoi(rec[1])
		income, _ := decimal.NewFromString(rec[2])
		special, _ := decimal.NewFromString(rec[3])
		add, _ := decimal.NewFromString(rec[4])
		e := emps[rec[0]]
		if e == nil {
			e = &emp{first: month}
			emps[strings.Clone(rec[0])] = e
		}
		e.income = e.income.Add(income)
		e.special = e.special.Add(special)
		e.add = e.add.Add(add)
		basic := five.Mul(decimal.NewFromInt(int64(month - e.first + 1)))
		taxable := decimal.Max(e.income.Sub(basic).Sub(e.special).Sub(e.add), decimal.Zero)
		cumTax := baseTax(baseAnnual, taxable, one)
		tax := decimal.Max(cumTax.Sub(e.withheld), decimal.Zero)
		e.withheld = e.withheld.Add(tax)
		bonusTax := decimal.Zero
		bonus := decimal.Zero
		if rec[5] != "" {
			bonus, _ = decimal.NewFromString(rec[5])
			bonusTax = baseTax(baseMonthly, bonus, twelve)
		}
		withheld := tax.Add(bonusTax)
		net := income.Add(bonus).Sub(special).Sub(withheld)
		_ = out.Write([]string{rec[0], rec[1], e.income.StringFixed(2), taxable.StringFixed(2), cumTax.StringFixed(2),
			withheld.StringFixed(2), bonusTax.StringFixed(2), net.StringFixed(2)})
	}
	out.Flush()
	return out.Error()
}

// The baseline and the machine agree on a sample year, so the benchmark
// compares two programs that compute the same thing.
func TestBaselineAgrees(t *testing.T) {
	data := synth(300)
	var got bytes.Buffer
	eng, cats := load(t)
	out := NewCSVWriter(&got)
	_ = out.Header()
	if _, err := Run(eng, cats, 2024, bytes.NewReader(data), out.Write); err != nil {
		t.Fatal(err)
	}
	_ = out.Flush()
	var base bytes.Buffer
	if err := baseline(bytes.NewReader(data), &base); err != nil {
		t.Fatal(err)
	}
	g, _ := csv.NewReader(&got).ReadAll()
	bl, _ := csv.NewReader(&base).ReadAll()
	if len(g) != len(bl) {
		t.Fatalf("%d rows, baseline %d", len(g), len(bl))
	}
	col := map[string]int{}
	for i, h := range g[0] {
		col[h] = i
	}
	for i := 1; i < len(g); i++ {
		for j, h := range bl[0] {
			if h == "employee" || h == "month" {
				continue
			}
			if g[i][col[h]] != bl[i][j] {
				t.Fatalf("row %d %s: machine %s, baseline %s", i, h, g[i][col[h]], bl[i][j])
			}
		}
	}
}

// BenchmarkPayroll10k is the same on 10,000 employees, for profiling.
func BenchmarkPayroll10k(b *testing.B) {
	eng, cats := load(b)
	data := synth(10_000)
	b.ReportAllocs()
	for b.Loop() {
		out := NewCSVWriter(io.Discard)
		if _, err := Run(eng, cats, 2024, bytes.NewReader(data), out.Write); err != nil {
			b.Fatal(err)
		}
		_ = out.Flush()
	}
}
