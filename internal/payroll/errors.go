package payroll

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// Row error codes; the catalogs explain each (err.payroll.<code>).
const (
	CodeLineLong    = "line_long"    // a line over MaxLine bytes
	CodeQuote       = "quote"        // a quoted cell not closed on its line
	CodeCells       = "cells"        // more or fewer cells than the header
	CodeEmpty       = "empty"        // no header
	CodeHeader      = "header"       // a column name not known
	CodeHeaderTwice = "header_twice" // a column named twice
	CodeHeaderNeed  = "header_need"  // employee, month or income/net missing
	CodeEmployee    = "employee"     // no employee
	CodeMonth       = "month"        // not a month 1–12
	CodeNumber      = "number"       // not an amount
	CodeNegative    = "negative"     // an amount below zero
	CodeRange       = "range"        // an amount beyond any payroll
	CodeBool        = "bool"         // first_job not yes/no
	CodeDuplicate   = "duplicate"    // a month given twice
	CodeGap         = "gap"          // a month missing between two given
	CodePrior       = "prior"        // prior_income for an employee who did not start in January
	CodeConflict    = "conflict"     // a per-employee column differs between rows
	CodeIncomeNet   = "income_net"   // both income and a net target, or neither
	CodeOrder       = "order"        // months out of order (internal: the runner sorts)
	CodeEngine      = "engine"       // the formula refused or failed
	CodeTooMany     = "too_many"     // more errors than are listed
)

// RowError is a problem with one row (or the header), named by file line,
// employee and month so a bookkeeper can find it.
type RowError struct {
	Line     int
	Employee string
	Month    int
	Code     string
	Column   string // column id
	Text     string // the cell as typed
	Want     int    // duplicate: the earlier line; gap: the missing month; order: the month expected
	Cause    error
}

func (e *RowError) Error() string {
	s := fmt.Sprintf("line %d", e.Line)
	if e.Employee != "" {
		s += ", employee " + strconv.Quote(e.Employee)
	}
	if e.Month > 0 {
		s += fmt.Sprintf(", month %d", e.Month)
	}
	s += ": " + e.Code
	if e.Column != "" {
		s += " (" + e.Column + ")"
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

func (e *RowError) Unwrap() error { return e.Cause }

// Message says it in c's language. Text from the file is shown escaped.
func (e *RowError) Message(c *i18n.Catalog) string {
	var at string
	switch {
	case e.Line > 0 && e.Employee != "" && e.Month > 0:
		at = c.T("err.payroll.at_month", "line", strconv.Itoa(e.Line), "employee", Safe(e.Employee), "month", strconv.Itoa(e.Month))
	case e.Line > 0 && e.Employee != "":
		at = c.T("err.payroll.at_employee", "line", strconv.Itoa(e.Line), "employee", Safe(e.Employee))
	case e.Line > 0:
		at = c.T("err.payroll.at_line", "line", strconv.Itoa(e.Line))
	case e.Employee != "" && e.Month > 0:
		at = c.T("err.payroll.at_typed", "employee", Safe(e.Employee), "month", strconv.Itoa(e.Month))
	}
	var msg string
	if e.Code == CodeEngine && e.Cause != nil {
		msg = strings.Join(engine.Messages(e.Cause, c), " ")
	} else {
		msg = c.T("err.payroll."+e.Code, "column", ColumnLabel(c, e.Column), "id", e.Column,
			"text", Safe(e.Text), "want", strconv.Itoa(e.Want), "max", strconv.Itoa(MaxLine))
	}
	if at == "" {
		return msg
	}
	return at + msg
}

// Safe shows text from a file on a terminal: control characters, bidi
// overrides and other invisible format characters are written as \u
// escapes, and a long text is cut, so a cell can neither move the cursor
// nor pass for something it is not.
func Safe(s string) string {
	const maxRunes = 60
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if n == maxRunes {
			b.WriteString("…")
			break
		}
		n++
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i-1]), 16))
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CellGuard keeps a text cell written to CSV from being read as a formula
// by a spreadsheet (OWASP "CSV injection"): a cell that starts with = + - @
// a tab or a carriage return (or their full-width forms) gets a leading
// apostrophe.
func CellGuard(s string) string {
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}
