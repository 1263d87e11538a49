package payroll

import (
	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// Note is a warning on a result, for every view to show: a catalog key
// and its placeholders (amounts already formatted, the same in every
// language).
type Note struct {
	Key  string
	Args []string
}

// Message is the note in c's language.
func (n Note) Message(c *i18n.Catalog) string { return c.T(n.Key, n.Args...) }

// Trap is the bracket trap of a separately taxed bonus: every bonus from
// Lo to Hi leaves no more after tax than Bound does, because one yuan over
// a bracket bound moves the whole bonus into the higher rate.
type Trap struct {
	Bonus, BonusNet int64 // fen
	Bound, BoundNet int64
	Lo, Hi          int64
}

// Notes are the warnings for a result: the bonus trap on iit.bonus, and
// on iit.wage_cumulative the tax already withheld taken as 0 after the
// first month.
func Notes(res *engine.Result) []Note {
	if res == nil || res.Formula == nil {
		return nil
	}
	switch res.Formula.ID {
	case FormulaBonus:
		if t, ok := BonusTrap(res); ok {
			return []Note{{Key: "note.payroll.bonus_trap", Args: []string{
				"bonus", yuanText(t.Bonus), "net", yuanText(t.BonusNet), "lo", yuanText(t.Lo), "hi", yuanText(t.Hi),
				"bound", yuanText(t.Bound), "bound_net", yuanText(t.BoundNet), "less", yuanText(t.BoundNet - t.BonusNet)}}}
		}
	case FormulaMonth:
		var months decimal.Decimal
		given := false
		for _, iv := range res.Inputs {
			switch iv.Input.ID {
			case "months":
				months = iv.Value
			case "cum_withheld":
				given = iv.Given
			}
		}
		if !given && months.GreaterThan(decimal.NewFromInt(1)) {
			return []Note{{Key: "note.payroll.withheld_default", Args: []string{"months", months.String()}}}
		}
	}
	return nil
}

func yuanText(c int64) string { return numparse.Money(money(c)) }

// BonusTrap finds the trap a bonus result lies in, from the formula and
// table of the result's own date: it evaluates iit.bonus at other amounts
// (the other inputs as they were) and searches, fen by fen in halves, for
// the bracket's lower bound and the end of the range where the bonus still
// leaves no more than the bound. No bound is written here.
func BonusTrap(res *engine.Result) (Trap, bool) {
	f := res.Formula
	p, err := prepareFormula(nil, f, res.Date)
	if err != nil {
		return Trap{}, false
	}
	bonusSlot, rateSlot, taxSlot := p.slot("bonus"), p.slot("rate"), f.Result.Slot
	if bonusSlot < 0 || rateSlot < 0 {
		return Trap{}, false
	}
	given := make([]decimal.Decimal, len(f.Inputs))
	has := make([]bool, len(f.Inputs))
	for _, iv := range res.Inputs {
		if iv.Given {
			given[iv.Input.Slot], has[iv.Input.Slot] = iv.Value, true
		}
	}
	has[bonusSlot] = true
	at := func(c int64) (rate decimal.Decimal, net int64, ok bool) {
		given[bonusSlot] = money(c)
		if p.eval(given, has) != nil {
			return decimal.Zero, 0, false
		}
		return p.env.Vals[rateSlot], c - cents(p.env.Vals[taxSlot]), true
	}
	b := cents(res.Inputs[bonusSlot].Value)
	if b <= 1 || b > maxCents {
		return Trap{}, false
	}
	rb, nb, ok := at(b)
	if !ok {
		return Trap{}, false
	}
	// The lowest amount in the bonus's bracket: rates rise with the bonus.
	if r, _, ok := at(1); !ok || r.GreaterThanOrEqual(rb) {
		return Trap{}, false // the first bracket has no trap below it
	}
	lo, hi := int64(1), b // rate(lo) < rb ≤ rate(hi)
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		r, _, ok := at(mid)
		if !ok {
			return Trap{}, false
		}
		if r.GreaterThanOrEqual(rb) {
			hi = mid
		} else {
			lo = mid
		}
	}
	bound := lo
	_, boundNet, ok := at(bound)
	if !ok || nb > boundNet {
		return Trap{}, false
	}
	// The end of the trap: the last amount of the bracket that leaves no
	// more than the bound.
	lo, step := b, int64(100)
	hi = b
	for {
		hi = lo + step
		r, n, ok := at(hi)
		if !ok {
			return Trap{}, false
		}
		if n > boundNet || !r.Equal(rb) {
			break
		}
		lo, step = hi, step*2
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		r, n, ok := at(mid)
		if !ok {
			return Trap{}, false
		}
		if n > boundNet || !r.Equal(rb) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return Trap{Bonus: b, BonusNet: nb, Bound: bound, BoundNet: boundNet, Lo: bound + 1, Hi: lo}, true
}
