// Package payroll runs the cumulative withholding of wages month after
// month for every employee of one withholding agent (DESIGN §9). It is a
// state machine over the catalog's own formulas: each month of each
// employee is iit.wage_cumulative evaluated on that month's last day with
// the running totals carried from the months before (the tax actually
// withheld, not the earlier cumulative tax), a separately taxed annual
// bonus is iit.bonus of its month, and the year closes with iit.annual.
// No rate, deduction or table is written here: they are the dated params
// and tables of the formula files, read for each month's date.
//
// Money in the carried state is whole fen in int64, so that a hundred
// thousand employees stay within a few hundred bytes each; every value is
// converted exactly to and from decimal at the formula's edge.
package payroll

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
)

// Formula and param ids the machine runs. They are the catalog's; the
// numbers behind them are in the formula files.
const (
	FormulaMonth      = "iit.wage_cumulative"
	FormulaBonus      = "iit.bonus"
	FormulaAnnual     = "iit.annual"
	FormulaCompare    = "iit.bonus_compare"
	FormulaMonthly    = "iit.wage_monthly" // the rule before 2019, named in the refusal
	paramFirstJob     = "iit.withholding.first_job_rule"
	paramFullRule     = "iit.withholding.full_deduction_rule"
	paramFullLimit    = "iit.withholding.full_deduction_limit"
	paramWageDeduct   = "iit.wage.deduction"
	firstYear         = 2019
	maxCents          = int64(1e14) // 1,000,000,000,000.00 yuan: far above any wage, far below int64
	monthsInYear      = 12
	fullYearMonths    = 12
	bonusOnceMessage  = "second"
	bonusEndedMessage = "ended"
)

// Input is one month of one employee, amounts in fen.
type Input struct {
	Line       int // file line, for messages; 0 when typed
	Employee   string
	Month      int
	Income     int64
	HasIncome  bool
	Net        int64 // a take-home target: income is solved for
	HasNet     bool
	Special    int64
	Additional int64
	Other      int64
	Exempt     int64
	Reduction  int64
	Bonus      int64
	Prior      int64 // last year's wage income with this employer (2020年第19号)
	HasPrior   bool
	FirstJob   bool // first job of the year (2020年第13号)
	HasFirst   bool
}

// Month is one computed month, amounts in fen.
type Month struct {
	Line       int
	Employee   string
	Month      int
	Date       date.Date
	Months     int // months counted for the basic deduction
	Rule       string
	Income     int64
	Bonus      int64
	Special    int64
	CumIncome  int64
	CumBasic   int64
	CumTaxable int64
	CumTax     int64
	WageTax    int64
	BonusTax   int64
	Withheld   int64
	Net        int64
	// BonusAsWage: the bonus joined the month's wages, because the year's
	// one separately taxed bonus was already paid or the separate method
	// is not in force on the date.
	BonusAsWage string
}

// Rules of months counted.
const (
	RuleEmployed = "employed"  // months with this employer
	RuleFirstJob = "first_job" // 2020年第13号: from January
	RuleFull     = "full"      // 2020年第19号: 60,000 from January
)

type pending struct{ rows []Input }

// state is all the machine keeps for one employee.
type state struct {
	first, next                    int8
	seen                           uint16
	firstJob, hasFirst, hasPrior   bool
	bonusPaid                      bool
	line                           int32
	prior                          int64
	cumIncome, cumSpecial, cumAdd  int64
	cumOther, cumExempt, cumReduce int64
	cumWithheld                    int64 // wage tax actually withheld
	bonus, bonusTax, net           int64
	wait                           *pending
}

// Machine carries every employee's state through one tax year.
type Machine struct {
	eng       *engine.Engine
	Year      int
	month     [monthsInYear]*prepared
	bonus     [monthsInYear]*prepared // nil where the separate method is not in force
	firstJob  [monthsInYear]bool
	full      [monthsInYear]bool
	fullLimit [monthsInYear]int64
	given     []decimal.Decimal
	has       []bool
	bgiven    []decimal.Decimal
	bhas      []bool
	emps      map[string]*state
	slot      struct{ income, months, special, additional, other, exempt, withheld, reduction, basic, taxable, cumTax, tax, bonus, bonusTax int }
}

// MonthDate is the day a month's withholding is computed on: its last day.
func MonthDate(year, month int) date.Date {
	return date.Of(time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC))
}

// YearError: the tax year cannot be run by the cumulative method.
type YearError struct {
	Year    int
	Formula *catalog.Formula // the month-by-month formula of the date
	Cause   error
}

func (e *YearError) Error() string {
	return fmt.Sprintf("tax year %d: cumulative withholding starts with tax year %d; use %s", e.Year, firstYear, FormulaMonthly)
}

func (e *YearError) Unwrap() error { return e.Cause }

// New makes a machine for a tax year (from 2019).
func New(eng *engine.Engine, year int) (*Machine, error) {
	if year < firstYear || year > 9999 {
		f := eng.Cat.Formula(FormulaMonth)
		var cause error
		if f != nil {
			cause = &engine.ValidityError{Formula: f, Date: MonthDate(min(max(year, 1), 9999), 1)}
		}
		return nil, &YearError{Year: year, Formula: eng.Cat.Formula(FormulaMonthly), Cause: cause}
	}
	m := &Machine{eng: eng, Year: year, emps: map[string]*state{}}
	for i := range monthsInYear {
		d := MonthDate(year, i+1)
		p, err := prepare(eng, FormulaMonth, d)
		if err != nil {
			return nil, err
		}
		m.month[i] = p
		if f := eng.Cat.Formula(FormulaBonus); f != nil && f.ValidOn(d) {
			if m.bonus[i], err = prepare(eng, FormulaBonus, d); err != nil {
				return nil, err
			}
		}
		m.firstJob[i] = paramBool(eng, paramFirstJob, d)
		m.full[i] = paramBool(eng, paramFullRule, d)
		if p := eng.Cat.Params[paramFullLimit]; p != nil {
			if v, ok := p.At(d); ok {
				m.fullLimit[i] = cents(v.Value)
			}
		}
	}
	p := m.month[0]
	s := &m.slot
	for _, x := range []struct {
		dst *int
		id  string
	}{{&s.income, "cum_income"}, {&s.months, "months"}, {&s.special, "cum_special"}, {&s.additional, "cum_additional"},
		{&s.other, "cum_other"}, {&s.exempt, "cum_exempt"}, {&s.withheld, "cum_withheld"}, {&s.reduction, "cum_reduction"},
		{&s.basic, "cum_basic"}, {&s.taxable, "cum_taxable"}, {&s.cumTax, "cum_tax"}, {&s.tax, "tax"}} {
		if *x.dst = p.slot(x.id); *x.dst < 0 && x.id != "cum_reduction" {
			return nil, fmt.Errorf("payroll: %s has no %s", FormulaMonth, x.id)
		}
	}
	m.given, m.has = make([]decimal.Decimal, len(p.f.Inputs)), make([]bool, len(p.f.Inputs))
	for _, b := range m.bonus {
		if b != nil {
			s.bonus, s.bonusTax = b.slot("bonus"), b.slot("tax")
			m.bgiven, m.bhas = make([]decimal.Decimal, len(b.f.Inputs)), make([]bool, len(b.f.Inputs))
			break
		}
	}
	return m, nil
}

func paramBool(eng *engine.Engine, id string, d date.Date) bool {
	p := eng.Cat.Params[id]
	if p == nil {
		return false
	}
	v, ok := p.At(d)
	return ok && !v.Value.IsZero()
}

func (m *Machine) state(emp string) *state {
	st := m.emps[emp]
	if st == nil {
		st = &state{}
		// The map's own copy: the id may be a slice of a whole line.
		m.emps[strings.Clone(emp)] = st
	}
	return st
}

// Employees is the number of employees seen.
func (m *Machine) Employees() int { return len(m.emps) }

// Step computes the next month of an employee. Months must come in order
// from the employee's first month (the runner sorts them out).
func (m *Machine) Step(in Input) (Month, error) {
	st := m.state(in.Employee)
	if st.first == 0 {
		st.first = int8(in.Month)
		st.firstJob, st.hasFirst = in.FirstJob, in.HasFirst
		st.prior, st.hasPrior = in.Prior, in.HasPrior
	}
	if st.next == 0 {
		st.next = st.first
	}
	if in.Month != int(st.next) {
		return Month{}, &RowError{Line: in.Line, Employee: in.Employee, Month: in.Month, Code: CodeOrder, Want: int(st.next)}
	}
	out, err := m.compute(st, in)
	if err != nil {
		return Month{}, err
	}
	st.next++
	return out, nil
}

// compute is one month; st is changed only when it succeeds.
func (m *Machine) compute(st *state, in Input) (Month, error) {
	i := in.Month - 1
	out := Month{Line: in.Line, Employee: in.Employee, Month: in.Month, Date: m.month[i].d,
		Special: in.Special, Bonus: in.Bonus}
	// Months counted for the basic deduction (61号 第六条: months with this
	// employer; 13号: a first job counts from January; 19号: 60,000 from
	// January, written as twelve months of the monthly deduction).
	out.Months, out.Rule = in.Month-int(st.first)+1, RuleEmployed
	switch {
	case st.hasPrior && m.full[i] && st.first == 1 && st.prior <= m.fullLimit[i]:
		out.Months, out.Rule = fullYearMonths, RuleFull
	case st.firstJob && m.firstJob[i]:
		out.Months, out.Rule = in.Month, RuleFirstJob
	}
	// The bonus: separately taxed once a year while the method is in force;
	// otherwise it is wages of the month (国税发〔2005〕9号 第三条; after
	// 2027 no separate method has been published).
	wageExtra, bonusTax := int64(0), int64(0)
	bonusPaid := st.bonusPaid
	if in.Bonus > 0 {
		switch {
		case m.bonus[i] == nil:
			out.BonusAsWage, wageExtra = bonusEndedMessage, in.Bonus
		case st.bonusPaid:
			out.BonusAsWage, wageExtra = bonusOnceMessage, in.Bonus
		default:
			b := m.bonus[i]
			clear(m.bhas)
			m.bgiven[m.slot.bonus], m.bhas[m.slot.bonus] = money(in.Bonus), true
			if err := b.eval(m.bgiven, m.bhas); err != nil {
				return Month{}, m.rowErr(in, b.engineError(m.bgiven, m.bhas))
			}
			bonusTax, bonusPaid = cents(b.env.Vals[m.slot.bonusTax]), true
		}
	}
	income := in.Income
	if in.HasNet && !in.HasIncome {
		var err error
		if income, err = m.solve(st, in, out.Months, wageExtra, bonusTax); err != nil {
			return Month{}, err
		}
	}
	out.Income = income
	cumIncome := st.cumIncome + income + wageExtra
	p := m.month[i]
	if err := m.evalMonth(p, st, in, cumIncome, out.Months); err != nil {
		return Month{}, m.rowErr(in, err)
	}
	v := p.env.Vals
	out.CumIncome, out.CumBasic = cumIncome, cents(v[m.slot.basic])
	out.CumTaxable, out.CumTax, out.WageTax = cents(v[m.slot.taxable]), cents(v[m.slot.cumTax]), cents(v[m.slot.tax])
	out.BonusTax = bonusTax
	out.Withheld = out.WageTax + bonusTax
	out.Net = income + in.Bonus - in.Special - out.Withheld

	st.cumIncome = cumIncome
	st.cumSpecial += in.Special
	st.cumAdd += in.Additional
	st.cumOther += in.Other
	st.cumExempt += in.Exempt
	st.cumReduce += in.Reduction
	st.cumWithheld += out.WageTax
	st.bonusPaid = bonusPaid
	if out.BonusAsWage == "" {
		st.bonus += in.Bonus
	}
	st.bonusTax += bonusTax
	st.net += out.Net
	return out, nil
}

func (m *Machine) evalMonth(p *prepared, st *state, in Input, cumIncome int64, months int) error {
	g, h := m.given, m.has
	s := &m.slot
	set := func(slot int, v decimal.Decimal) {
		if slot >= 0 {
			g[slot], h[slot] = v, true
		}
	}
	clear(h)
	set(s.income, money(cumIncome))
	set(s.months, decimal.NewFromInt(int64(months)))
	set(s.special, money(st.cumSpecial+in.Special))
	set(s.additional, money(st.cumAdd+in.Additional))
	set(s.other, money(st.cumOther+in.Other))
	set(s.exempt, money(st.cumExempt+in.Exempt))
	set(s.withheld, money(st.cumWithheld))
	if s.reduction >= 0 {
		set(s.reduction, money(st.cumReduce+in.Reduction))
	} else if st.cumReduce+in.Reduction != 0 {
		return fmt.Errorf("payroll: %s has no cum_reduction input", FormulaMonth)
	}
	if err := p.eval(g, h); err != nil {
		return p.engineError(g, h)
	}
	return nil
}

// solve finds the smallest income (in fen) whose take-home pay reaches the
// row's net target, by evaluating the month itself: net pay rises with
// income (the marginal rate is below 100%), so a bisection over fen is exact.
func (m *Machine) solve(st *state, in Input, months int, wageExtra, bonusTax int64) (int64, error) {
	p := m.month[in.Month-1]
	netOf := func(income int64) (int64, error) {
		if err := m.evalMonth(p, st, in, st.cumIncome+income+wageExtra, months); err != nil {
			return 0, err
		}
		return income + in.Bonus - in.Special - bonusTax - cents(p.env.Vals[m.slot.tax]), nil
	}
	lo := max(in.Net+in.Special-in.Bonus+bonusTax, 0) // net can be no more than this income leaves untaxed
	n, err := netOf(lo)
	if err != nil {
		return 0, m.rowErr(in, err)
	}
	if n >= in.Net {
		return lo, nil
	}
	hi := lo
	for n < in.Net {
		lo = hi
		hi = hi*2 + 100
		if hi > maxCents {
			return 0, &RowError{Line: in.Line, Employee: in.Employee, Month: in.Month, Code: CodeRange, Column: "net"}
		}
		if n, err = netOf(hi); err != nil {
			return 0, m.rowErr(in, err)
		}
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if n, err = netOf(mid); err != nil {
			return 0, m.rowErr(in, err)
		}
		if n >= in.Net {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, nil
}

func (m *Machine) rowErr(in Input, err error) error {
	return &RowError{Line: in.Line, Employee: in.Employee, Month: in.Month, Code: CodeEngine, Cause: err}
}

// Summary is an employee's year.
type Summary struct {
	Employee   string
	First      int
	Last       int
	Income     int64
	Bonus      int64 // taxed separately
	Special    int64
	Additional int64
	Other      int64
	Exempt     int64
	Reduction  int64
	WageTax    int64
	BonusTax   int64
	Withheld   int64
	Net        int64
	// Settlement is iit.annual on this employer's figures alone (one file
	// is one withholding agent): wages less exempt income, the deductions,
	// and the wage tax withheld with the reductions (both come off the
	// tax). Waived is its `waived` step where the formula has one.
	Settlement *engine.Result
	Balance    int64
	Waived     *bool
	// Compare is iit.bonus_compare for a separately taxed bonus.
	Compare *engine.Result
	Err     error
}

// Summary closes an employee's year.
func (m *Machine) Summary(emp string) Summary {
	st := m.emps[emp]
	if st == nil {
		return Summary{Employee: emp}
	}
	s := Summary{Employee: emp, First: int(st.first), Last: int(st.next) - 1,
		Income: st.cumIncome, Bonus: st.bonus, Special: st.cumSpecial, Additional: st.cumAdd, Other: st.cumOther,
		Exempt: st.cumExempt, Reduction: st.cumReduce, WageTax: st.cumWithheld, BonusTax: st.bonusTax, Net: st.net}
	s.Withheld = s.WageTax + s.BonusTax
	d := MonthDate(m.Year, 12)
	ann := m.eng.Cat.Formula(FormulaAnnual)
	if ann == nil {
		return s
	}
	g := map[string]engine.Given{
		"wages":      {Value: money(s.Income - s.Exempt)},
		"special":    {Value: money(s.Special)},
		"additional": {Value: money(s.Additional)},
		"other":      {Value: money(s.Other)},
		"withheld":   {Value: money(s.WageTax + s.Reduction)},
	}
	res, err := m.eng.Eval(ann, g, d)
	if err != nil {
		s.Err = err
		return s
	}
	s.Settlement = res
	for _, sv := range res.Steps {
		switch sv.Step.ID {
		case "balance":
			s.Balance = cents(sv.Value)
		case "waived":
			w := sv.Bool()
			s.Waived = &w
		}
	}
	if s.Bonus > 0 {
		if cf := m.eng.Cat.Formula(FormulaCompare); cf != nil && cf.ValidOn(d) {
			other := s.Income - s.Exempt - s.Special - s.Additional - s.Other
			for _, sv := range res.Steps {
				if sv.Step.ID == "basic" {
					other -= cents(sv.Value)
				}
			}
			if cmp, err := m.eng.Eval(cf, map[string]engine.Given{
				"bonus": {Value: money(s.Bonus)}, "other_taxable": {Value: money(other)},
			}, d); err == nil {
				s.Compare = cmp
			}
		}
	}
	return s
}

// EmployeeIDs lists the employees in order.
func (m *Machine) EmployeeIDs() []string {
	out := make([]string, 0, len(m.emps))
	for k := range m.emps {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Year computes one employee's months in order (the TUI's year table):
// the months computed before the first error, that error, and the year's
// summary of the months computed.
func Year(eng *engine.Engine, year int, months []Input) ([]Month, Summary, error) {
	m, err := New(eng, year)
	if err != nil {
		return nil, Summary{}, err
	}
	var out []Month
	var emp string
	for _, in := range months {
		emp = in.Employee
		mo, err := m.Step(in)
		if err != nil {
			if len(out) == 0 {
				return nil, Summary{}, err
			}
			return out, m.Summary(emp), err
		}
		out = append(out, mo)
	}
	if len(out) == 0 {
		return nil, Summary{}, nil
	}
	return out, m.Summary(emp), nil
}
