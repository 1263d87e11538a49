package payroll

import (
	"bufio"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// MaxLine is the longest line read (bytes): a payroll row is a few dozen
// bytes, so anything near this is not a payroll file.
const MaxLine = 1 << 20

// Columns are the input columns, in the order they are documented.
var Columns = []string{"employee", "month", "income", "net", "special", "additional", "other", "exempt",
	"reduction", "bonus", "prior_income", "first_job"}

const (
	colEmployee = iota
	colMonth
	colIncome
	colNet
	colSpecial
	colAdditional
	colOther
	colExempt
	colReduction
	colBonus
	colPrior
	colFirstJob
	nCols
)

// ColumnKey is the catalog key of a column's label.
func ColumnKey(id string) string { return "label.payroll." + id }

// ColumnLabel names a column in c's language.
func ColumnLabel(c *i18n.Catalog, id string) string {
	if id == "" {
		return ""
	}
	return c.T(ColumnKey(id))
}

// lineReader reads lines of at most MaxLine bytes.
type lineReader struct {
	br   *bufio.Reader
	line int
	buf  []byte
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10)}
}

// next gives the next line without its line ending, or io.EOF.
func (r *lineReader) next() (string, error) {
	r.buf = r.buf[:0]
	for {
		chunk, err := r.br.ReadSlice('\n')
		if len(r.buf)+len(chunk) > MaxLine+2 {
			r.line++
			return "", &RowError{Line: r.line, Code: CodeLineLong}
		}
		r.buf = append(r.buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return "", err
		}
		if len(r.buf) == 0 && err != nil {
			return "", io.EOF
		}
		r.line++
		b := r.buf
		if n := len(b); n > 0 && b[n-1] == '\n' {
			b = b[:n-1]
		}
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
		if len(b) > MaxLine {
			return "", &RowError{Line: r.line, Code: CodeLineLong}
		}
		return string(b), nil
	}
}

// splitCells splits one CSV line (RFC 4180 quoting; a quoted cell must end
// on its line) into dst.
func splitCells(line string, dst []string) ([]string, bool) {
	dst = dst[:0]
	for i := 0; ; {
		if i < len(line) && line[i] == '"' {
			var b strings.Builder
			j := i + 1
			for {
				k := strings.IndexByte(line[j:], '"')
				if k < 0 {
					return dst, false
				}
				b.WriteString(line[j : j+k])
				j += k + 1
				if j < len(line) && line[j] == '"' {
					b.WriteByte('"')
					j++
					continue
				}
				break
			}
			dst = append(dst, b.String())
			if j == len(line) {
				return dst, true
			}
			if line[j] != ',' {
				return dst, false
			}
			i = j + 1
			continue
		}
		k := strings.IndexByte(line[i:], ',')
		if k < 0 {
			dst = append(dst, line[i:])
			return dst, true
		}
		dst = append(dst, line[i:i+k])
		i += k + 1
	}
}

// header maps the header's cells to columns: the id, or its Chinese or
// English label (case and surrounding spaces ignored).
type header struct {
	idx   [nCols]int // cell index of each column, -1 when absent
	cells int
}

func parseHeader(cells []string, cats map[i18n.Lang]*i18n.Catalog) (*header, []error) {
	h := &header{cells: len(cells)}
	for i := range h.idx {
		h.idx[i] = -1
	}
	names := map[string]int{}
	for ci, id := range Columns {
		names[id] = ci
		for _, c := range cats {
			if c != nil && c.Has(ColumnKey(id)) {
				names[strings.ToLower(strings.TrimSpace(c.T(ColumnKey(id))))] = ci
			}
		}
	}
	var errs []error
	for i, cell := range cells {
		if i == 0 {
			cell = strings.TrimPrefix(cell, "\ufeff") // Excel writes a BOM
		}
		name := strings.ToLower(strings.TrimSpace(cell))
		ci, ok := names[name]
		if !ok {
			errs = append(errs, &RowError{Line: 1, Code: CodeHeader, Text: cell})
			continue
		}
		if h.idx[ci] >= 0 {
			errs = append(errs, &RowError{Line: 1, Code: CodeHeaderTwice, Column: Columns[ci], Text: cell})
			continue
		}
		h.idx[ci] = i
	}
	for _, need := range []int{colEmployee, colMonth} {
		if h.idx[need] < 0 {
			errs = append(errs, &RowError{Line: 1, Code: CodeHeaderNeed, Column: Columns[need]})
		}
	}
	if h.idx[colIncome] < 0 && h.idx[colNet] < 0 {
		errs = append(errs, &RowError{Line: 1, Code: CodeHeaderNeed, Column: Columns[colIncome]})
	}
	return h, errs
}

// parseRow reads one data row. Every problem of the row is reported.
func (h *header) parseRow(line int, cells []string) (Input, []error) {
	in := Input{Line: line}
	if len(cells) != h.cells {
		// 113,000 unquoted splits into two cells: never guess which
		return in, []error{&RowError{Line: line, Code: CodeCells, Want: h.cells, Text: strconv.Itoa(len(cells))}}
	}
	cell := func(c int) string {
		if h.idx[c] < 0 {
			return ""
		}
		return strings.TrimSpace(cells[h.idx[c]])
	}
	var errs []error
	in.Employee = cell(colEmployee)
	if in.Employee == "" {
		errs = append(errs, &RowError{Line: line, Code: CodeEmployee})
	}
	ms := cell(colMonth)
	m, err := strconv.Atoi(ms)
	if err != nil {
		m, err = strconv.Atoi(numparse.Normalize(strings.TrimSuffix(ms, "月")))
	}
	if err != nil || m < 1 || m > 12 {
		errs = append(errs, &RowError{Line: line, Employee: in.Employee, Code: CodeMonth, Column: "month", Text: cell(colMonth)})
	} else {
		in.Month = m
	}
	amount := func(c int, dst *int64) bool {
		s := cell(c)
		if s == "" {
			return false
		}
		v, code := parseCents(s)
		if code != "" {
			errs = append(errs, &RowError{Line: line, Employee: in.Employee, Month: in.Month, Code: code, Column: Columns[c], Text: s})
			return false
		}
		*dst = v
		return true
	}
	in.HasIncome = amount(colIncome, &in.Income)
	in.HasNet = amount(colNet, &in.Net)
	amount(colSpecial, &in.Special)
	amount(colAdditional, &in.Additional)
	amount(colOther, &in.Other)
	amount(colExempt, &in.Exempt)
	amount(colReduction, &in.Reduction)
	amount(colBonus, &in.Bonus)
	in.HasPrior = amount(colPrior, &in.Prior)
	if s := cell(colFirstJob); s != "" {
		switch strings.ToLower(numparse.Normalize(s)) {
		case "true", "yes", "y", "1", "是", "t":
			in.FirstJob, in.HasFirst = true, true
		case "false", "no", "n", "0", "否", "f":
			in.HasFirst = true
		default:
			errs = append(errs, &RowError{Line: line, Employee: in.Employee, Month: in.Month, Code: CodeBool, Column: "first_job", Text: s})
		}
	}
	if in.HasIncome == in.HasNet && len(errs) == 0 {
		errs = append(errs, &RowError{Line: line, Employee: in.Employee, Month: in.Month, Code: CodeIncomeNet, Column: "income"})
	}
	return in, errs
}

// ParseAmount reads an amount typed by a user as whole fen; the code is
// empty when it is good, else one of CodeNumber, CodeNegative, CodeRange.
func ParseAmount(s string) (int64, string) { return parseCents(s) }

// parseCents reads an amount as whole fen: plain digits quickly, anything
// else (30,000 · 3万 · ¥ · full-width digits) through numparse.
func parseCents(s string) (int64, string) {
	if v, ok := fastCents(s); ok {
		if v < 0 {
			return 0, CodeNegative
		}
		if v > maxCents {
			return 0, CodeRange
		}
		return v, ""
	}
	n, err := numparse.Parse(s)
	if err != nil || n.Unit == numparse.Percent || n.Unit == numparse.Permille {
		return 0, CodeNumber
	}
	v := n.Value
	if !v.Equal(v.Round(2)) {
		return 0, CodeNumber
	}
	if v.IsNegative() {
		return 0, CodeNegative
	}
	if v.GreaterThan(decimal.New(maxCents, -2)) {
		return 0, CodeRange
	}
	return cents(v), ""
}

// fastCents: [-]digits[.d[d]] without allocating.
func fastCents(s string) (int64, bool) {
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	if s == "" || len(s) > 17 {
		return 0, false
	}
	var v int64
	frac := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if frac >= 0 {
				if frac == 2 {
					return 0, false
				}
				frac++
			}
			v = v*10 + int64(c-'0')
		case c == '.' && frac < 0 && i > 0:
			frac = 0
		default:
			return 0, false
		}
	}
	if frac == 0 {
		return 0, false // "12." is for numparse to judge
	}
	if frac < 0 {
		frac = 0
	}
	for frac < 2 {
		v *= 10
		frac++
	}
	if neg {
		v = -v
	}
	return v, true
}

// errorList gathers row errors up to a limit.
type errorList struct {
	errs []error
	max  int
}

func (l *errorList) add(errs ...error) bool {
	for _, e := range errs {
		if len(l.errs) >= l.max {
			l.errs = append(l.errs, &RowError{Code: CodeTooMany})
			return false
		}
		l.errs = append(l.errs, e)
	}
	return true
}

func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	return errors.Join(l.errs...)
}

// IsUserError: the file, not the program, is wrong.
func IsUserError(err error) bool {
	var re *RowError
	var ye *YearError
	return errors.As(err, &re) || errors.As(err, &ye) || engine.IsUserError(err)
}
