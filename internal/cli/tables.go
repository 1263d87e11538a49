package cli

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/payroll"
	"github.com/cntax/cntax/internal/render"
	"github.com/cntax/cntax/internal/tabfile"
)

// tableFlags are how batch and payroll are told about their files.
type tableFlags struct {
	delimiter string
	sheet     string
	output    string
}

func (t *tableFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&t.delimiter, "delimiter", "", `the input's delimiter: , ; or tab (default: detected from the header)`)
	cmd.Flags().StringVar(&t.sheet, "sheet", "", "the sheet of a .xlsx input (default: the first)")
	cmd.Flags().StringVarP(&t.output, "output", "o", "", "write to this file instead of standard output")
	_ = cmd.RegisterFlagCompletionFunc("delimiter", fixed(",", ";", "tab"))
}

// openTable reads the encoding, delimiter or sheet of a batch or payroll
// input, or refuses it saying what to do.
func (a *app) openTable(in io.Reader, name string, t tableFlags) (*tabfile.Source, error) {
	opt := tabfile.Options{Sheet: t.sheet, XLSX: strings.EqualFold(filepath.Ext(name), ".xlsx")}
	switch t.delimiter {
	case "":
	case "tab", `\t`, "\t":
		opt.Delimiter = '\t'
	default:
		r, n := utf8.DecodeRuneInString(t.delimiter)
		if n != len(t.delimiter) || r == '"' || r == '\n' || r == '\r' || r == utf8.RuneError {
			return nil, a.usage("cli.file.delimiter", "text", t.delimiter)
		}
		opt.Delimiter = r
	}
	src, err := tabfile.Open(in, opt)
	var ee *tabfile.EncodingError
	var se *tabfile.SheetError
	switch {
	case err == nil:
		return src, nil
	case errors.As(err, &ee):
		return nil, a.usage("cli.file.encoding", "file", name, "offset", fmt.Sprint(ee.Offset))
	case errors.As(err, &se):
		return nil, a.usage("cli.file.sheet", "sheet", se.Sheet, "list", strings.Join(se.Sheets, ", "))
	}
	return nil, a.usage("err.batch.open", "file", name, "detail", err.Error())
}

// output is where a command writes: -o FILE, else standard output, which
// must not be a terminal for a workbook. The file is written beside its
// name and renamed over it at the end, so -o naming the input (or a file
// the run fails to replace) never loses what was there before the run read
// it; a run that wrote nothing leaves the old file alone. done keeps the
// first error.
func (a *app) output(name, format string) (io.Writer, func(error) error, error) {
	if name == "" || name == "-" {
		if format == "xlsx" {
			if f, ok := a.env.Stdout.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
				return nil, nil, a.usage("cli.xlsx.terminal")
			}
		}
		return a.env.Stdout, func(err error) error { return err }, nil
	}
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return nil, nil, a.usage("cli.file.create", "file", name, "detail", err.Error())
	}
	return f, func(err error) error {
		st, serr := f.Stat()
		cerr := f.Close()
		if serr != nil || cerr != nil || st.Size() == 0 {
			os.Remove(f.Name())
			if err == nil && cerr != nil {
				err = a.usage("cli.file.create", "file", name, "detail", cerr.Error())
			}
			return err
		}
		if rerr := os.Rename(f.Name(), name); rerr != nil {
			os.Remove(f.Name())
			if err == nil {
				err = a.usage("cli.file.create", "file", name, "detail", rerr.Error())
			}
		}
		return err
	}, nil
}

// headerID reads a header cell as an input id: the id itself, or the
// input's label in Chinese or English (case and spaces ignored), or date
// under any of its names. A cell that names nothing is kept, for the
// unknown-input error to list the inputs.
func (a *app) headerID(f *catalog.Formula, h string) string {
	if h == "date" || f.Input(h) != nil {
		return h
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }
	if norm(h) == "" {
		return h
	}
	// A workbook written with --lang both heads a column "销售额 / Sales".
	for _, part := range strings.Split(h, " / ") {
		want := norm(part)
		for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
			c := a.cats[l]
			if want == norm(c.T("cli.xlsx.date")) {
				return "date"
			}
			for _, in := range f.Inputs {
				if norm(c.Label(f.ID, in.ID)) == want {
					return in.ID
				}
			}
		}
	}
	return h
}

// rowWriter is where batch writes its rows: a CSV writer or a workbook.
type rowWriter interface {
	Write([]string) error
	Flush()
	Error() error
}

// xlsxRows takes batch's CSV rows into a workbook; its first row (the ids)
// is replaced by the labelled header the workbook was made with.
type xlsxRows struct {
	w      *tabfile.XLSXWriter
	header bool
	err    error
}

func (x *xlsxRows) Write(cells []string) error {
	if !x.header {
		x.header = true
		return nil
	}
	if err := x.w.Write(cells); err != nil && x.err == nil {
		x.err = err
	}
	return x.err
}
func (x *xlsxRows) Flush()       {}
func (x *xlsxRows) Error() error { return x.err }

// batchWorkbook makes the workbook of a batch run: the columns of the CSV
// output, headed by their labels in the chosen language (both: 中文 /
// English), amounts and rates as numbers.
func (a *app) batchWorkbook(f *catalog.Formula, header []string, addDate, keepGoing bool) *tabfile.XLSXWriter {
	var cols []tabfile.Column
	label := func(id string) string {
		var parts []string
		for _, l := range a.set.Mode.Langs() {
			if id == "date" {
				parts = append(parts, a.cats[l].T("cli.xlsx.date"))
				continue
			}
			parts = append(parts, render.IdentLabel(a.cats[l], f, id))
		}
		return strings.Join(parts, " / ")
	}
	add := func(id string, k formula.Kind, known bool) {
		kind := tabfile.Number
		if known {
			kind = columnKind(k)
		}
		cols = append(cols, tabfile.Column{Header: label(id), Kind: kind})
	}
	if addDate {
		cols = append(cols, tabfile.Column{Header: label("date")})
	}
	for _, h := range header {
		if h == "date" {
			cols = append(cols, tabfile.Column{Header: label("date")})
			continue
		}
		add(h, f.Input(h).Kind, true)
	}
	for _, id := range f.Filed {
		add(id, 0, false)
	}
	for _, s := range f.Steps {
		add(s.ID, s.Kind, true)
	}
	if keepGoing {
		cols = append(cols, tabfile.Column{Header: a.set.T("cli.xlsx.error")})
	}
	return tabfile.NewXLSX(f.ID, cols)
}

func columnKind(k formula.Kind) tabfile.Kind {
	switch k {
	case formula.KindMoney:
		return tabfile.Amount
	case formula.KindRate:
		return tabfile.Rate
	case formula.KindInt:
		return tabfile.Count
	case formula.KindNumber:
		return tabfile.Number
	}
	return tabfile.Text
}

// payrollWorkbook turns payroll's CSV output into a workbook: the same
// columns, headed in the chosen language, money as numbers.
func (a *app) payrollWorkbook(csvOut io.Reader, dest io.Writer) error {
	r := csv.NewReader(csvOut)
	r.FieldsPerRecord = -1
	var xw *tabfile.XLSXWriter
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if xw == nil {
			xw = tabfile.NewXLSX("payroll", a.payrollColumns(rec))
			continue
		}
		if err := xw.Write(rec); err != nil {
			return err
		}
	}
	if xw == nil {
		xw = tabfile.NewXLSX("payroll", a.payrollColumns(payroll.OutputColumns))
	}
	_, err := xw.WriteTo(dest)
	return err
}

func (a *app) payrollColumns(ids []string) []tabfile.Column {
	cols := make([]tabfile.Column, len(ids))
	for i, id := range ids {
		var parts []string
		for _, l := range a.set.Mode.Langs() {
			c := a.cats[l]
			key := payroll.ColumnKey(id)
			if !c.Has(key) {
				key = "cli.payroll.col." + id
			}
			parts = append(parts, c.T(key))
		}
		kind := tabfile.Amount
		switch id {
		case "employee", "date", "rule", "bonus_as_wage":
			kind = tabfile.Text
		case "month", "months":
			kind = tabfile.Count
		}
		cols[i] = tabfile.Column{Header: strings.Join(parts, " / "), Kind: kind}
	}
	return cols
}
