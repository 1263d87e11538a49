package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/termsafe"
)

func jsonEncoder(w io.Writer, indent bool) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	return enc
}

// batchCmd computes one formula for every row of a CSV file. The header
// names inputs (and optionally a date column); rows stream through, so memory
// stays flat however long the file is.
func (a *app) batchCmd() *cobra.Command {
	var format string
	var keepGoing bool
	var tf tableFlags
	cmd := &cobra.Command{
		Use:   "batch ID FILE.csv|FILE.xlsx|-",
		Short: "批量计算 CSV 的每一行 · compute every row of a CSV file",
		// Long: help.batch.long in i18n/clifit.*.toml (localizeHelp)
		Example: `  cntax batch vat.general sales.csv
  cntax batch vat.general 销售.xlsx --format xlsx -o 结果.xlsx
  cntax batch vat.general - --delimiter ';' < sales.csv`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.setupWant(lean(args[0])); err != nil {
				return err
			}
			switch format {
			case "csv", "json", "xlsx":
			default:
				return a.usage("err.format", "list", "csv, json, xlsx")
			}
			var in io.Reader = a.env.Stdin
			if args[1] != "-" {
				f, err := os.Open(args[1])
				if err != nil {
					return a.usage("err.batch.open", "file", args[1], "detail", err.Error())
				}
				defer f.Close()
				in = f
			}
			src, err := a.openTable(in, args[1], tf)
			if err != nil {
				return err
			}
			a.comma = src.Comma
			out, done, err := a.output(tf.output, format)
			if err != nil {
				return err
			}
			return done(a.batchOut(args[0], src.R, format, keepGoing, out))
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv, json (one object per line) or xlsx")
	tf.register(cmd)
	cmd.Flags().BoolVar(&keepGoing, "keep-going", false, "report a bad row in an error column and go on (exit 2 at the end)")
	return cmd
}

// Batch runs the batch path without cobra, for benchmarks.
func (a *app) batch(id string, in io.Reader, format string, keepGoing bool) error {
	f := a.eng.Cat.Formula(id)
	if f == nil {
		_, err := a.eng.Calc(id, nil, a.date)
		return err
	}
	lim := &lineLimit{r: in, line: 1}
	r := csv.NewReader(lim)
	if a.comma != 0 {
		r.Comma = a.comma
	}
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return a.usage("err.batch.empty")
	}
	if err != nil {
		return a.readError(err, 1)
	}
	lim.next()
	dateCol := -1
	seen := map[string]bool{}
	var bad []error
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) // Excel writes a BOM
		header[i] = h
		if len(h) > maxCell {
			return a.usage("err.batch.cell_long", "row", "1", "col", fmt.Sprint(i+1), "n", fmt.Sprint(len(h)), "limit", fmt.Sprint(maxCell))
		}
		h = a.headerID(f, h)
		header[i] = h
		if seen[h] {
			return a.usage("err.batch.twice", "name", h)
		}
		seen[h] = true
		if h == "date" {
			dateCol = i
			continue
		}
		if f.Input(h) == nil {
			bad = append(bad, &engine.UnknownInputError{Formula: f, Name: h})
		}
	}
	if len(bad) > 0 {
		return errors.Join(bad...)
	}
	w := csv.NewWriter(a.env.Stdout)
	// Rows are whole or absent: whatever the way out, what is buffered
	// goes out, and csv.Writer buffers only whole rows between flushes.
	defer w.Flush()
	if format == "csv" {
		out := []string{}
		if dateCol < 0 {
			out = append(out, "date")
		}
		out = append(out, header...)
		out = append(out, f.Filed...) // a scenario's figures to file (PART.STEP)
		for _, s := range f.Steps {
			out = append(out, s.ID)
		}
		if keepGoing {
			out = append(out, "error")
		}
		if err := w.Write(out); err != nil {
			return err
		}
	}
	w.Flush() // the header goes out before the rows
	if err := w.Error(); err != nil {
		return err
	}
	rows := &batchRows{a: a, f: f, id: id, header: header, dateCol: dateCol, format: format, keepGoing: keepGoing, today: a.date.String()}
	return rows.run(r, lim, a.env.Stdout)
}

// usageN is usage of a count message, worded for count in each language
// (i18n.Catalog.N: "1 row", "2 rows").
func (a *app) usageN(key string, count int, args ...string) error {
	if a.set == nil {
		return a.usage(key, args...)
	}
	var msgs []string
	for _, l := range a.set.Mode.Langs() {
		msgs = append(msgs, a.cats[l].N(key, count, args...))
	}
	return &usageError{msgs: msgs}
}

// stopped adds to err, the failure of a row that ends the run, that the
// rows before it are in the output whole and nothing after it is.
func (a *app) stopped(err error, row, written int) error {
	var ue *usageError
	more := a.usageN("err.batch.stopped", written, "row", fmt.Sprint(row), "n", fmt.Sprint(written))
	var me *usageError
	if !errors.As(err, &ue) || !errors.As(more, &me) || len(ue.msgs) != len(me.msgs) {
		return err
	}
	msgs := make([]string, len(ue.msgs))
	for i := range msgs {
		msgs[i] = ue.msgs[i] + " " + me.msgs[i]
	}
	return &usageError{msgs: msgs}
}

// readError words a CSV that cannot be read at row (counted in records).
func (a *app) readError(err error, row int) error {
	var le *lineTooLong
	if errors.As(err, &le) {
		return a.usage("err.batch.line_long", "line", fmt.Sprint(le.line), "limit", "1 MiB")
	}
	return a.usage("err.batch.csv", "row", fmt.Sprint(row), "detail", err.Error())
}

// safeCell is a cell we copy from the input into our CSV. A spreadsheet
// runs a cell that begins with = + - @ tab or CR as a formula
// (=HYPERLINK(…) sends data away), so such a cell gets a leading ' (the
// OWASP guard); control characters are shown escaped, since the output may
// be a terminal. Numbers we computed never pass through here.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return termsafe.String(s)
}

// lineLimit caps what csv.Reader may buffer for one row: it counts the
// bytes of each line and of each row (next marks a row's end) and fails the
// read past maxLine, so memory stays bounded whatever the input. The count
// of a row may run ahead by csv.Reader's read-ahead (4 KiB), never more.
type lineLimit struct {
	r         io.Reader
	line      int // the line being read, from 1
	lineBytes int
	rowBytes  int
	err       error
}

type lineTooLong struct{ line int }

func (e *lineTooLong) Error() string {
	return fmt.Sprintf("line %d is longer than %d bytes", e.line, maxLine)
}

func (l *lineLimit) next() { l.rowBytes = 0 }

func (l *lineLimit) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for off := 0; off < n; {
		seg, nl := n-off, false // the rest of the current line in p
		if i := bytes.IndexByte(p[off:n], '\n'); i >= 0 {
			seg, nl = i, true
		}
		room := min(maxLine-l.lineBytes, maxLine+64<<10-l.rowBytes)
		if seg > room {
			// Hand over the bytes before the limit; the next read fails.
			l.err = &lineTooLong{line: l.line}
			return off + max(room, 0), nil
		}
		l.lineBytes += seg
		l.rowBytes += seg
		off += seg
		if nl {
			l.line++
			l.lineBytes = 0
			l.rowBytes++
			off++
		}
	}
	return n, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isUsage(err error) bool {
	var ue *usageError
	return errors.As(err, &ue)
}

func (a *app) rowMessages(err error) []string {
	var ue *usageError
	if errors.As(err, &ue) {
		return ue.msgs
	}
	return engine.Messages(err, a.set.Primary())
}

// Limits on what one CSV row may hold: far above any real row, low enough
// that /dev/zero or a 200 MB line is refused instead of filling memory.
const (
	maxLine = 1 << 20 // bytes in a row (a line, or the lines of one quoted row)
	maxCell = 4 << 10 // bytes in a cell
)
