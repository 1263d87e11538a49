package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/payroll"
	"github.com/cntax/cntax/internal/render"
	"github.com/cntax/cntax/internal/tabfile"
)

// payrollCmd runs a year of monthly withholding for every employee of a
// payroll file (internal/payroll); this file only reads flags and writes.
func (a *app) payrollCmd() *cobra.Command {
	var format string
	var year int
	var tf tableFlags
	cmd := &cobra.Command{
		Use:   "payroll FILE.csv|-",
		Short: "工资薪金全年累计预扣 · a year of monthly IIT withholding from monthly figures",
		// Long: help.payroll.long in i18n/clifit.*.toml (localizeHelp)
		Example: `  cntax payroll salaries.csv --year 2024
  cntax payroll - --format json < salaries.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.setup(cmd); err != nil {
				return err
			}
			switch format {
			case "csv", "json", "xlsx":
			default:
				return a.usage("err.format", "list", "csv, json, xlsx")
			}
			if !cmd.Flags().Changed("year") {
				year = a.date.Year()
			}
			file, cleanup, err := a.payrollInput(args[0])
			if err != nil {
				return err
			}
			defer cleanup()
			src, err := a.openTable(file, args[0], tf)
			if err != nil {
				return err
			}
			if file, err = tabfile.CommaCSV(src, file); err != nil {
				return a.usage("err.batch.open", "file", args[0], "detail", err.Error())
			}
			out, done, err := a.output(tf.output, format)
			if err != nil {
				return err
			}
			return done(a.payrollOut(year, file, format, out))
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv, json or xlsx")
	tf.register(cmd)
	cmd.Flags().IntVar(&year, "year", 0, "tax year (default: the year of --date, else this year)")
	return cmd
}

// payrollInput opens the file; standard input is copied to a temporary
// file first, because the run reads its input twice (check, then compute).
func (a *app) payrollInput(name string) (io.ReadSeeker, func(), error) {
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, a.usage("err.batch.open", "file", name, "detail", err.Error())
		}
		return f, func() { f.Close() }, nil
	}
	if rs, ok := a.env.Stdin.(io.ReadSeeker); ok {
		if f, isFile := rs.(*os.File); !isFile || isRegular(f) {
			return rs, func() {}, nil
		}
	}
	tmp, err := os.CreateTemp("", "cntax-payroll-*.csv")
	if err != nil {
		return nil, nil, err
	}
	done := func() { tmp.Close(); os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, a.env.Stdin); err != nil {
		done()
		return nil, nil, err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		done()
		return nil, nil, err
	}
	return tmp, done, nil
}

func isRegular(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode().IsRegular()
}

func (a *app) payroll(year int, file io.ReadSeeker, format string) error {
	// The state is a few hundred bytes an employee and the rest is garbage
	// of the moment: collecting less often saves a sixth of the run.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	out := bufio.NewWriterSize(a.env.Stdout, 64<<10)
	var emit func(payroll.Month) error
	var csvw *payroll.CSVWriter
	first := true
	switch format {
	case "csv":
		csvw = payroll.NewCSVWriter(out)
		emit = csvw.Write
	default:
		emit = func(m payroll.Month) error {
			if first {
				fmt.Fprintf(out, `{"year":%d,"months":[`, year)
				first = false
			} else {
				out.WriteByte(',')
			}
			b, err := json.Marshal(m.JSON())
			if err != nil {
				return err
			}
			_, err = out.Write(b)
			return err
		}
	}
	if csvw != nil {
		// The check pass runs before any row is computed, so a refused file
		// prints nothing at all, not even the header.
		emit = headerFirst(csvw, emit)
	}
	m, err := payroll.Run(a.eng, a.cats, year, file, emit)
	if err != nil {
		if payroll.IsUserError(err) {
			return &usageError{msgs: a.payrollMessages(err)}
		}
		return err
	}
	a.payrollUnverified(m.Unverified())
	if csvw != nil {
		if m.Rows() == 0 { // a good file with no month: the header alone
			if err := csvw.Header(); err != nil {
				return err
			}
		}
		if err := csvw.Flush(); err != nil {
			return err
		}
		return out.Flush()
	}
	if first {
		fmt.Fprintf(out, `{"year":%d,"months":[`, year)
	}
	out.WriteString(`],"employees":[`)
	for i, id := range m.EmployeeIDs() {
		if i > 0 {
			out.WriteByte(',')
		}
		b, err := json.Marshal(a.summaryJSON(m.Summary(id)))
		if err != nil {
			return err
		}
		out.Write(b)
	}
	out.WriteString("]")
	if u := m.Unverified(); len(u) > 0 {
		b, _ := json.Marshal(u)
		out.WriteString(`,"unverified":`)
		out.Write(b)
	}
	out.WriteString("}\n")
	return out.Flush()
}

// headerFirst writes the CSV header before the first row (and so not at
// all for a file refused by the check pass).
func headerFirst(w *payroll.CSVWriter, emit func(payroll.Month) error) func(payroll.Month) error {
	done := false
	return func(m payroll.Month) error {
		if !done {
			done = true
			if err := w.Header(); err != nil {
				return err
			}
		}
		return emit(m)
	}
}

func (a *app) summaryJSON(s payroll.Summary) payroll.SummaryJSON {
	out := payroll.SummaryJSON{Employee: s.Employee, First: s.First, Last: s.Last,
		Income: payroll.Fen(s.Income), Bonus: payroll.Fen(s.Bonus), Special: payroll.Fen(s.Special),
		Additional: payroll.Fen(s.Additional), Other: payroll.Fen(s.Other), Exempt: payroll.Fen(s.Exempt),
		Reduction: payroll.Fen(s.Reduction), WageTax: payroll.Fen(s.WageTax), BonusTax: payroll.Fen(s.BonusTax),
		Withheld: payroll.Fen(s.Withheld), Net: payroll.Fen(s.Net), Balance: payroll.Fen(s.Balance),
		Kind: payroll.BalanceKind(s.Balance), Waived: s.Waived}
	if s.Settlement != nil {
		out.Settlement, _ = json.Marshal(render.JSONOf(s.Settlement, a.set))
	}
	if s.Compare != nil {
		out.Compare, _ = json.Marshal(render.JSONOf(s.Compare, a.set))
	}
	if s.Err != nil {
		out.Error = fmt.Sprint(a.payrollMessages(s.Err))
	}
	return out
}

func (a *app) payrollMessages(err error) []string {
	var out []string
	for _, l := range a.set.Mode.Langs() {
		out = append(out, engine.Messages(err, a.cats[l])...)
	}
	var ye *payroll.YearError
	if errors.As(err, &ye) && len(out) == 0 {
		out = append(out, "tax year "+strconv.Itoa(ye.Year))
	}
	return out
}

// payrollUnverified says on standard error which applied rules rest on a
// value that could not be confirmed (the figures are still printed).
func (a *app) payrollUnverified(ids []string) {
	if len(ids) == 0 {
		return
	}
	for _, l := range a.set.Mode.Langs() {
		c := a.cats[l]
		var parts []string
		for _, id := range ids {
			parts = append(parts, c.T("param."+id)+" ("+id+")")
		}
		fmt.Fprintln(a.env.Stderr, "cntax: ⚠ "+c.T("ui.unverified_note", "list", strings.Join(parts, "; ")))
	}
}
