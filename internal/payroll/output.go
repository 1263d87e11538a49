package payroll

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/cntax/cntax/internal/date"
)

// OutputColumns are the columns of `cntax payroll --format csv`, one row
// per employee and month. cum_* are wages only (a separately taxed bonus is
// outside them); withheld = wage_tax + bonus_tax; net = income + bonus −
// special − withheld.
var OutputColumns = []string{"employee", "month", "date", "months", "rule", "income", "bonus", "special",
	"cum_income", "cum_basic", "cum_taxable", "cum_tax", "wage_tax", "bonus_tax", "withheld", "net", "bonus_as_wage"}

// AppendFen writes fen as a decimal with two places: 123456 → 1234.56.
func AppendFen(b []byte, c int64) []byte {
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	b = strconv.AppendInt(b, c/100, 10)
	f := c % 100
	return append(b, '.', byte('0'+f/10), byte('0'+f%10))
}

// Fen formats fen as yuan with two places.
func Fen(c int64) string { return string(AppendFen(nil, c)) }

// CSVWriter streams months as CSV rows.
type CSVWriter struct {
	w   *bufio.Writer
	buf []byte
}

func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: bufio.NewWriterSize(w, 64<<10)} }

func (c *CSVWriter) Header() error {
	_, err := c.w.WriteString(strings.Join(OutputColumns, ",") + "\n")
	return err
}

// Write is one month.
func (c *CSVWriter) Write(m Month) error {
	b := c.buf[:0]
	b = appendCell(b, CellGuard(m.Employee))
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(m.Month), 10)
	b = append(b, ',')
	b = appendDate(b, m.Date)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(m.Months), 10)
	b = append(b, ',')
	b = append(b, m.Rule...)
	for _, v := range []int64{m.Income, m.Bonus, m.Special, m.CumIncome, m.CumBasic, m.CumTaxable, m.CumTax, m.WageTax, m.BonusTax, m.Withheld, m.Net} {
		b = append(b, ',')
		b = AppendFen(b, v)
	}
	b = append(b, ',')
	b = append(b, m.BonusAsWage...)
	b = append(b, '\n')
	c.buf = b
	_, err := c.w.Write(b)
	return err
}

func (c *CSVWriter) Flush() error { return c.w.Flush() }

// appendCell quotes a cell when CSV needs it.
func appendCell(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

// MonthJSON is a month in `--format json`.
type MonthJSON struct {
	Employee    string `json:"employee"`
	Month       int    `json:"month"`
	Date        string `json:"date"`
	Months      int    `json:"months"`
	Rule        string `json:"rule"`
	Income      string `json:"income"`
	Bonus       string `json:"bonus"`
	Special     string `json:"special"`
	CumIncome   string `json:"cum_income"`
	CumBasic    string `json:"cum_basic"`
	CumTaxable  string `json:"cum_taxable"`
	CumTax      string `json:"cum_tax"`
	WageTax     string `json:"wage_tax"`
	BonusTax    string `json:"bonus_tax"`
	Withheld    string `json:"withheld"`
	Net         string `json:"net"`
	BonusAsWage string `json:"bonus_as_wage,omitempty"`
}

func (m Month) JSON() MonthJSON {
	return MonthJSON{Employee: m.Employee, Month: m.Month, Date: m.Date.String(), Months: m.Months, Rule: m.Rule,
		Income: Fen(m.Income), Bonus: Fen(m.Bonus), Special: Fen(m.Special), CumIncome: Fen(m.CumIncome),
		CumBasic: Fen(m.CumBasic), CumTaxable: Fen(m.CumTaxable), CumTax: Fen(m.CumTax), WageTax: Fen(m.WageTax),
		BonusTax: Fen(m.BonusTax), Withheld: Fen(m.Withheld), Net: Fen(m.Net), BonusAsWage: m.BonusAsWage}
}

// SummaryJSON is an employee's year in `--format json`.
type SummaryJSON struct {
	Employee   string          `json:"employee"`
	First      int             `json:"first_month"`
	Last       int             `json:"last_month"`
	Income     string          `json:"income"`
	Bonus      string          `json:"bonus"`
	Special    string          `json:"special"`
	Additional string          `json:"additional"`
	Other      string          `json:"other"`
	Exempt     string          `json:"exempt"`
	Reduction  string          `json:"reduction"`
	WageTax    string          `json:"wage_tax"`
	BonusTax   string          `json:"bonus_tax"`
	Withheld   string          `json:"withheld"`
	Net        string          `json:"net"`
	Settlement json.RawMessage `json:"settlement,omitempty"`
	Balance    string          `json:"balance"`
	Kind       string          `json:"balance_kind"` // refund / top_up / none
	Waived     *bool           `json:"waived,omitempty"`
	Compare    json.RawMessage `json:"bonus_compare,omitempty"`
	Error      string          `json:"error,omitempty"`
}

// BalanceKind names the settlement's outcome.
func BalanceKind(c int64) string {
	switch {
	case c > 0:
		return "top_up"
	case c < 0:
		return "refund"
	}
	return "none"
}

// appendDate writes YYYY-MM-DD without fmt (a row per employee and month).
func appendDate(b []byte, d date.Date) []byte {
	y, mo, day := d.Year(), int(d.Month()), d.Day()
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+mo/10), byte('0'+mo%10), '-')
	return append(b, byte('0'+day/10), byte('0'+day%10))
}
