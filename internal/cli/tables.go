package cli

import (
	"bytes"
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

// batchOut runs batch into out: as it is for csv and json; for xlsx the
// CSV rows are made into a workbook, headed by their labels in the chosen
// language (both: 中文 / English), amounts and rates as numbers. Whatever
// rows were written before a stop go into the workbook, as into a CSV.
func (a *app) batchOut(id string, in io.Reader, format string, keepGoing bool, out io.Writer) error {
	stdout := a.env.Stdout
	defer func() { a.env.Stdout = stdout }()
	if format != "xlsx" {
		a.env.Stdout = out
		return a.batch(id, in, format, keepGoing)
	}
	var buf bytes.Buffer
	a.env.Stdout = &buf
	err := a.batch(id, in, "csv", keepGoing)
	if buf.Len() == 0 {
		return err // refused before any row: no workbook
	}
	f := a.eng.Cat.Formula(id)
	werr := a.csvToWorkbook(&buf, f.ID, out, func(ids []string) []tabfile.Column {
		return a.batchColumns(f, ids, keepGoing)
	})
	if err == nil {
		err = werr
	}
	return err
}

// batchColumns heads batch's CSV columns (input ids, date, a scenario's
// PART.STEP, step ids, error) for a workbook.
func (a *app) batchColumns(f *catalog.Formula, ids []string, keepGoing bool) []tabfile.Column {
	cols := make([]tabfile.Column, len(ids))
	for i, id := range ids {
		var parts []string
		for _, l := range a.set.Mode.Langs() {
			c := a.cats[l]
			switch {
			case id == "date":
				parts = append(parts, c.T("cli.xlsx.date"))
			case keepGoing && i == len(ids)-1:
				parts = append(parts, c.T("cli.xlsx.error"))
			default:
				parts = append(parts, render.IdentLabel(c, f, id))
			}
		}
		kind := tabfile.Number // PART.STEP: a number as it comes
		if in := f.Input(id); in != nil {
			kind = columnKind(in.Kind)
		} else if st := f.Step(id); st != nil {
			kind = columnKind(st.Kind)
		}
		if id == "date" || (keepGoing && i == len(ids)-1) {
			kind = tabfile.Text
		}
		cols[i] = tabfile.Column{Header: strings.Join(parts, " / "), Kind: kind}
	}
	return cols
}

// csvToWorkbook copies CSV rows into a one-sheet workbook; the first row
// (the ids) becomes the labelled header cols gives.
func (a *app) csvToWorkbook(in io.Reader, sheet string, dest io.Writer, cols func([]string) []tabfile.Column) error {
	r := csv.NewReader(in)
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
			xw = tabfile.NewXLSX(sheet, cols(rec))
			continue
		}
		if err := xw.Write(rec); err != nil {
			return err
		}
	}
	if xw == nil {
		return nil
	}
	_, err := xw.WriteTo(dest)
	return err
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

// payrollOut runs payroll into out; for xlsx its CSV becomes a workbook:
// the same columns, headed in the chosen language, money as numbers.
func (a *app) payrollOut(year int, file io.ReadSeeker, format string, out io.Writer) error {
	stdout := a.env.Stdout
	defer func() { a.env.Stdout = stdout }()
	if format != "xlsx" {
		a.env.Stdout = out
		return a.payroll(year, file, format)
	}
	var buf bytes.Buffer
	a.env.Stdout = &buf
	if err := a.payroll(year, file, "csv"); err != nil {
		return err
	}
	if buf.Len() == 0 { // no month at all: a workbook with the header only
		buf.WriteString(strings.Join(payroll.OutputColumns, ",") + "\n")
	}
	return a.csvToWorkbook(&buf, "payroll", out, a.payrollColumns)
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
