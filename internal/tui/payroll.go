package tui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/config"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/payroll"
	"github.com/cntax/cntax/internal/termsafe"
)

// payrollYear is one employee's year as a table typed into: twelve months
// of income, social insurance, additional and other deductions; each row
// shows the cumulative figures and the month's withholding as it is typed,
// and the foot the year, the annual settlement and the take-home pay. The
// figures are internal/payroll's (the catalog's formulas); this screen
// only reads keys and lays out.
type payrollYear struct {
	c        *common
	cells    [12][payInputs]string
	row, col int
	offset   int
	w, h     int
	months   []payroll.Month
	sum      payroll.Summary
	err      error
	errRow   int // month of the error (0: none)
	errCol   int
	hasSum   bool
}

// The typed columns, in order.
const payInputs = 4

var payInputIDs = [payInputs]string{"income", "special", "additional", "other"}

func newPayrollYear(c *common) *payrollYear {
	p := &payrollYear{c: c}
	p.recompute()
	return p
}

func (p *payrollYear) year() int { return p.c.date.Year() }

func (p *payrollYear) title() string {
	return p.c.t("tui.payroll.title", "year", strconv.Itoa(p.year()))
}

// Letters stay shortcuts (l, e, d, q): the cells take digits and the
// signs of amounts, which no shortcut uses.
func (p *payrollYear) capturesText() bool { return false }

func (p *payrollYear) help() helpKeys {
	k := p.c.keys
	down := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.c.t("help.payroll_down")))
	return helpKeys{
		short: []key.Binding{k.Next, down, k.Export, k.Date, k.Back},
		full:  [][]key.Binding{{k.Next, k.Prev, down, k.Up, k.Down}, {k.Clear, k.Export, k.Date, k.Today}, {k.Back}},
	}
}

func (p *payrollYear) setSize(w, h int) { p.w, p.h = w, h }

func (p *payrollYear) relabel() { p.recompute() }

func isAmountRune(r rune) bool {
	return unicode.IsDigit(r) || strings.ContainsRune(".,万亿¥，．", r)
}

func (p *payrollYear) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	k := p.c.keys
	cell := &p.cells[p.row][p.col]
	switch {
	case km.Type == tea.KeyTab:
		p.col++
		if p.col == payInputs {
			p.col = 0
			p.row = min(p.row+1, 11)
		}
	case km.Type == tea.KeyShiftTab:
		p.col--
		if p.col < 0 {
			p.col = payInputs - 1
			p.row = max(p.row-1, 0)
		}
	case km.Type == tea.KeyEnter, km.Type == tea.KeyDown:
		p.row = min(p.row+1, 11)
	case km.Type == tea.KeyUp:
		p.row = max(p.row-1, 0)
	case km.Type == tea.KeyLeft:
		p.col = max(p.col-1, 0)
	case km.Type == tea.KeyRight:
		p.col = min(p.col+1, payInputs-1)
	case km.Type == tea.KeyBackspace:
		if _, size := utf8.DecodeLastRuneInString(*cell); size > 0 {
			*cell = (*cell)[:len(*cell)-size]
			p.recompute()
		}
	case key.Matches(km, k.Clear):
		*cell = ""
		p.recompute()
	case key.Matches(km, k.Back):
		return p, pop()
	case key.Matches(km, k.Export):
		p.export()
	case km.Type == tea.KeyRunes:
		typed := false
		for _, r := range km.Runes {
			if isAmountRune(r) && utf8.RuneCountInString(*cell) < 20 {
				*cell += string(r)
				typed = true
			}
		}
		if typed {
			p.recompute()
		}
	}
	return p, nil
}

// inputs turns the typed rows into payroll months: the first month with
// anything typed starts the employment, later blank cells are 0.
func (p *payrollYear) inputs() ([]payroll.Input, int, int, error) {
	first, last := -1, -1
	for r := range 12 {
		for c := range payInputs {
			if strings.TrimSpace(p.cells[r][c]) != "" {
				if first < 0 {
					first = r
				}
				last = r
			}
		}
	}
	if first < 0 {
		return nil, 0, 0, nil
	}
	var out []payroll.Input
	for r := first; r <= last; r++ {
		in := payroll.Input{Employee: p.c.t("tui.payroll.employee"), Month: r + 1, HasIncome: true}
		dst := [payInputs]*int64{&in.Income, &in.Special, &in.Additional, &in.Other}
		for c := range payInputs {
			s := strings.TrimSpace(p.cells[r][c])
			if s == "" {
				continue
			}
			v, code := payroll.ParseAmount(s)
			if code != "" {
				return out, r + 1, c, &payroll.RowError{Employee: in.Employee, Month: r + 1, Code: code, Column: payInputIDs[c], Text: s}
			}
			*dst[c] = v
		}
		out = append(out, in)
	}
	return out, 0, 0, nil
}

func (p *payrollYear) recompute() {
	p.months, p.err, p.errRow, p.hasSum = nil, nil, 0, false
	ins, errRow, errCol, err := p.inputs()
	p.errRow, p.errCol = errRow, errCol
	if len(ins) > 0 {
		months, sum, yerr := payroll.Year(p.c.eng, p.year(), ins)
		p.months, p.sum, p.hasSum = months, sum, len(months) > 0
		if yerr != nil {
			err = yerr
			var re *payroll.RowError
			if asRowErr(yerr, &re) {
				p.errRow = re.Month
			}
		}
	}
	p.err = err
}

func asRowErr(err error, re **payroll.RowError) bool {
	r, ok := err.(*payroll.RowError)
	if ok {
		*re = r
	}
	return ok
}

// column is one column of the table.
type payCol struct {
	head string
	w    int
	cell func(r int, m *payroll.Month) string
}

func (p *payrollYear) columns() []payCol {
	c := p.c
	head := func(id string) string { return c.t("tui.payroll.col." + id) }
	input := func(i int) payCol {
		return payCol{head: head(payInputIDs[i]), w: 10, cell: func(r int, _ *payroll.Month) string { return p.cells[r][i] }}
	}
	out := []payCol{
		{head: head("month"), w: 4, cell: func(r int, _ *payroll.Month) string { return c.t("tui.payroll.month", "m", strconv.Itoa(r+1)) }},
		input(0), input(1), input(2), input(3),
	}
	computed := []payCol{
		{head: head("withheld"), w: 9, cell: func(_ int, m *payroll.Month) string { return payroll.Fen(m.Withheld) }},
		{head: head("net"), w: 10, cell: func(_ int, m *payroll.Month) string { return payroll.Fen(m.Net) }},
		{head: head("cum_taxable"), w: 11, cell: func(_ int, m *payroll.Month) string { return payroll.Fen(m.CumTaxable) }},
		{head: head("cum_tax"), w: 9, cell: func(_ int, m *payroll.Month) string { return payroll.Fen(m.CumTax) }},
		{head: head("cum_income"), w: 11, cell: func(_ int, m *payroll.Month) string { return payroll.Fen(m.CumIncome) }},
	}
	for i := range out {
		out[i].w = max(out[i].w, textWidth(out[i].head))
	}
	// The typed columns shrink before any is dropped; computed columns
	// come in as the width allows.
	used := 0
	for _, col := range out {
		used += col.w + 1
	}
	if used > p.w {
		for i := 1; i <= payInputs; i++ {
			out[i].w = max(8, textWidth(out[i].head))
		}
	}
	used = 0
	for _, col := range out {
		used += col.w + 1
	}
	for _, col := range computed {
		col.w = max(col.w, textWidth(col.head))
		if used+col.w+1 > p.w {
			break
		}
		out = append(out, col)
		used += col.w + 1
	}
	return out
}

func (p *payrollYear) monthOf(r int) *payroll.Month {
	for i := range p.months {
		if p.months[i].Month == r+1 {
			return &p.months[i]
		}
	}
	return nil
}

func (p *payrollYear) view() string {
	c := p.c
	cols := p.columns()
	var head strings.Builder
	for i, col := range cols {
		if i > 0 {
			head.WriteByte(' ')
		}
		if i == 0 {
			head.WriteString(padRight(truncate(col.head, col.w), col.w))
		} else {
			head.WriteString(padLeft(truncate(col.head, col.w), col.w))
		}
	}
	var foot []string
	foot = append(foot, p.footer()...)
	rowsAvail := max(p.h-1-len(foot), 1)
	p.offset = scrollRows(p.row, p.offset, rowsAvail)
	lines := []string{c.st.Label.Render(truncate(head.String(), p.w))}
	for r := p.offset; r < 12 && r < p.offset+rowsAvail; r++ {
		m := p.monthOf(r)
		var b strings.Builder
		for i, col := range cols {
			if i > 0 {
				b.WriteByte(' ')
			}
			text := ""
			switch {
			case i >= 1 && i <= payInputs:
				text = col.cell(r, m)
				focus := r == p.row && i-1 == p.col
				bad := r+1 == p.errRow && i-1 == p.errCol && p.err != nil
				cell := padLeft(truncate(text, col.w-2), col.w-2)
				switch {
				case focus:
					cell = c.st.FieldFocus.Render("[" + cell + "]")
				case bad:
					cell = c.st.Error.Render("!" + cell + "!")
				default:
					cell = " " + cell + " "
				}
				b.WriteString(cell)
				continue
			case i == 0:
				text = padRight(col.cell(r, m), col.w)
				if r == p.row {
					text = c.st.Selected.Render(text)
				}
				b.WriteString(text)
				continue
			case m != nil:
				text = col.cell(r, m)
			default:
				text = "—"
			}
			b.WriteString(padLeft(truncate(text, col.w), col.w))
		}
		lines = append(lines, b.String())
	}
	for len(lines) < 1+rowsAvail {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, foot...), "\n")
}

// footer: the year's totals, the settlement and take-home pay, or the
// error that stops the table.
func (p *payrollYear) footer() []string {
	c := p.c
	var out []string
	if p.err != nil {
		for _, m := range messagesOf(p.err, c.cat()) {
			out = append(out, wrapIndent(c.st.Error.Render("✗ "+m), p.w)...)
		}
	}
	if !p.hasSum {
		if p.err == nil {
			out = append(out, c.st.Dim.Render(truncate(c.t("tui.payroll.hint"), p.w)))
		}
		return out
	}
	s := p.sum
	out = append(out, truncate(c.t("tui.payroll.year_line", "year", strconv.Itoa(p.year()),
		"income", payroll.Fen(s.Income), "withheld", payroll.Fen(s.Withheld), "net", payroll.Fen(s.Net)), p.w))
	var settle string
	switch payroll.BalanceKind(s.Balance) {
	case "refund":
		settle = c.t("tui.payroll.refund", "amount", payroll.Fen(-s.Balance))
	case "top_up":
		settle = c.t("tui.payroll.top_up", "amount", payroll.Fen(s.Balance))
		if s.Waived != nil && *s.Waived {
			settle += c.t("tui.payroll.waived")
		}
	default:
		settle = c.t("tui.payroll.settled")
	}
	if s.Settlement == nil {
		settle = c.t("tui.payroll.no_settlement")
	}
	out = append(out, c.st.Result.Render(truncate(settle, p.w)))
	return out
}

func messagesOf(err error, cat *i18n.Catalog) []string { return engine.Messages(err, cat) }

// scrollRows keeps row visible in a window of avail rows.
func scrollRows(row, offset, avail int) int {
	if row < offset {
		return row
	}
	if row >= offset+avail {
		return row - avail + 1
	}
	return offset
}

func padLeft(s string, w int) string {
	if n := textWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// export writes the year as a payroll CSV (the same columns as
// `cntax payroll`), next to the user or in the state directory.
func (p *payrollYear) export() {
	c := p.c
	if len(p.months) == 0 {
		c.status, c.statusW = c.t("tui.payroll.nothing"), true
		return
	}
	var buf bytes.Buffer
	w := payroll.NewCSVWriter(&buf)
	_ = w.Header()
	for _, m := range p.months {
		_ = w.Write(m)
	}
	_ = w.Flush()
	name := fmt.Sprintf("cntax-payroll-%d", p.year())
	var tried []string
	for _, dir := range []string{c.exportDir, filepath.Join(config.StateDir(c.getenv), "exports")} {
		if dir == "" {
			continue
		}
		path, err := writeFree(dir, name, ".csv", buf.Bytes())
		if err != nil {
			tried = append(tried, err.Error())
			continue
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		c.status = c.t("tui.exported", "path", termsafe.String(path))
		return
	}
	c.status, c.statusW = c.t("tui.export_failed", "detail", strings.Join(tried, "; ")), true
}
