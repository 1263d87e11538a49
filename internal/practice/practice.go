// Package practice makes exam problems out of the formulas and grades them
// step by step (分步得分): inputs are drawn from each formula's practice
// ranges, the engine computes the answer, and every step the student gives
// is checked against it within a tolerance.
package practice

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// Problem is one drawn problem and its worked solution.
type Problem struct {
	Formula *catalog.Formula
	Date    date.Date
	Raw     map[string]string // the drawn inputs, as a user would type them
	Result  *engine.Result    // the solution

	questions []Question
}

// Draw picks inputs for f from its practice ranges, with no check that the
// formula accepts them (Generate retries; the tests draw raw to prove the
// ranges are sound).
func Draw(f *catalog.Formula, d date.Date, rng *rand.Rand) map[string]string {
	raw := map[string]string{}
	ids := make([]string, 0, len(f.Practice))
	for id := range f.Practice {
		ids = append(ids, id)
	}
	sort.Strings(ids) // map order must not change what a seed draws
	// Draws that read other inputs come after them.
	env := &formula.Env{Vals: make([]decimal.Decimal, f.Slots)}
	for _, ps := range f.ParamSlots {
		if v, ok := ps.Param.At(d); ok {
			env.Vals[ps.Slot] = v.Value
		}
	}
	done := map[string]bool{}
	for len(done) < len(ids) {
		progress := false
		for _, id := range ids {
			if done[id] {
				continue
			}
			ready := true
			for _, dep := range f.Practice[id].After {
				ready = ready && done[dep]
			}
			if !ready {
				continue
			}
			drawOne(f, id, d, rng, raw, env)
			done[id], progress = true, true
		}
		if !progress {
			break // a cycle; the loader's test of the ranges catches it
		}
	}
	return raw
}

// drawOne draws input id into raw and its value into env.
func drawOne(f *catalog.Formula, id string, d date.Date, rng *rand.Rand, raw map[string]string, env *formula.Env) {
	r := f.Practice[id]
	in := f.Input(id)
	eval := func(fn formula.NumFn, def decimal.Decimal) decimal.Decimal {
		if fn == nil {
			return def
		}
		v, err := fn(env)
		if err != nil {
			return def
		}
		return v
	}
	var v decimal.Decimal
	switch {
	case r.Fn != nil:
		v = eval(r.Fn, decimal.Zero)
	case r.Choices:
		var live []*catalog.Param
		for _, p := range in.Choices {
			if _, ok := p.At(d); ok {
				live = append(live, p)
			}
		}
		if len(live) > 0 {
			p := live[rng.Intn(len(live))]
			raw[id] = p.ID
			pv, _ := p.At(d)
			env.Vals[in.Slot] = pv.Value
		}
		return
	case len(r.Values) > 0:
		raw[id] = r.Values[rng.Intn(len(r.Values))]
		if n, err := numparse.Parse(raw[id]); err == nil {
			env.Vals[in.Slot] = n.Value
		} else if p, _ := engine.Choice(in, raw[id], d); p != nil {
			pv, _ := p.At(d)
			env.Vals[in.Slot] = pv.Value
		} else if raw[id] == "true" {
			env.Vals[in.Slot] = decimal.NewFromInt(1)
		}
		return
	default:
		lo, hi := eval(r.MinFn, r.Min), eval(r.MaxFn, r.Max)
		if r.MinFn != nil {
			// a computed lower bound snaps up to the step grid
			lo = lo.Div(r.Step).Ceil().Mul(r.Step)
		}
		// values are lo, lo + step, … up to hi
		n := hi.Sub(lo).Div(r.Step).Floor().IntPart()
		if n < 0 {
			n = 0
		}
		v = lo.Add(r.Step.Mul(decimal.NewFromInt(rng.Int63n(n + 1))))
	}
	if in.Kind == formula.KindMoney {
		v = formula.RoundHalfUp(v, 2)
	}
	env.Vals[in.Slot] = v
	if in.Kind == formula.KindRate {
		raw[id] = numparse.Rate(v, numparse.Percent)
	} else {
		raw[id] = numparse.Canonical(v)
	}
}

// NoProblemError: no draw was accepted on the date (the rules of that day
// refuse what the ranges give, or the choices are not in force yet).
type NoProblemError struct {
	Formula *catalog.Formula
	Date    date.Date
	Last    error
}

func (e *NoProblemError) Error() string {
	return fmt.Sprintf("no acceptable problem could be drawn for %s on %s: %v", e.Formula.ID, e.Date, e.Last)
}

// Message words it in c's language, with the formula's own reason.
func (e *NoProblemError) Message(c *i18n.Catalog) string {
	s := c.T("err.practice.draw", "formula", c.T(i18n.FormulaKey(e.Formula.ID)), "id", e.Formula.ID, "date", e.Date.String())
	if e.Last != nil {
		s = engine.Sentences(c, append([]string{s}, engine.Messages(e.Last, c)...)...)
	}
	return s
}

func (e *NoProblemError) Unwrap() error { return e.Last }

// Generate draws until the formula accepts the inputs (a few tries at
// most: the ranges are tested to be sound).
func Generate(eng *engine.Engine, f *catalog.Formula, d date.Date, rng *rand.Rand) (*Problem, error) {
	if !f.ValidOn(d) {
		_, err := eng.Calc(f.ID, nil, d)
		return nil, err
	}
	var last error
	for try := 0; try < 20; try++ {
		raw := Draw(f, d, rng)
		res, err := eng.Calc(f.ID, raw, d)
		if err == nil {
			return &Problem{Formula: f, Date: d, Raw: raw, Result: res.Visible()}, nil
		}
		last = err
	}
	return nil, &NoProblemError{Formula: f, Date: d, Last: last}
}

// Statement states the problem in c's language from the catalog's template
// (problem.<formula id>): {input} is the input's value, {input_name} the
// name of a chosen rate, {date}, {year} and {month} the date.
func (p *Problem) Statement(c *i18n.Catalog) string {
	args := []string{"date", dateText(c, p.Date), "year", fmt.Sprint(p.Date.Year()), "month", monthText(c, p.Date)}
	for _, iv := range p.Result.Inputs {
		id := iv.Input.ID
		args = append(args, id, ValueText(c, iv.Input.Kind, iv.Value, iv.Unit))
		name := ValueText(c, iv.Input.Kind, iv.Value, iv.Unit)
		if iv.Choice != nil {
			name = c.T(i18n.ParamKey(iv.Choice.ID))
		}
		args = append(args, id+"_name", name)
	}
	return c.T(i18n.ProblemKey(p.Formula.ID), args...)
}

// ValueText is how a number reads in a problem: amounts as a textbook writes
// them (568,300 rather than 568,300.00).
func ValueText(c *i18n.Catalog, k formula.Kind, v decimal.Decimal, u numparse.Unit) string {
	if k == formula.KindMoney {
		if v.IsInteger() {
			return numparse.Plainnum(v)
		}
		return numparse.Money(v)
	}
	return engine.Value(c, k, v, u)
}

func dateText(c *i18n.Catalog, d date.Date) string {
	return c.T("practice.date", "year", fmt.Sprint(d.Year()), "month", monthText(c, d), "day", fmt.Sprint(d.Day()))
}

func monthText(c *i18n.Catalog, d date.Date) string {
	return c.T(fmt.Sprintf("practice.month.%d", int(d.Month())))
}

// Mark is the grade of one answer.
type Mark struct {
	OK     bool
	Given  decimal.Decimal
	Parsed bool // the answer read as a number (or yes/no)
	Near   Near // a wrong answer that is off only by rounding
}

// Tolerance is how far an answer to step st may be off: the step's own, else
// 0.01 for amounts and numbers, 0.0001 (0.01%) for rates, none for whole
// numbers and yes/no.
func Tolerance(st *catalog.Step) decimal.Decimal {
	if st.Tolerance != nil {
		return *st.Tolerance
	}
	switch st.Kind {
	case formula.KindRate:
		return decimal.New(1, -4)
	case formula.KindInt, formula.KindBool:
		return decimal.Zero
	}
	return decimal.New(1, -2)
}

// Grade checks an answer to step i of the problem. Answers are read like
// any input (113,000 · 11.3万 · 13% · 是); an answer that does not read is
// not counted as an attempt.
func (p *Problem) Grade(i int, answer string) Mark {
	sv := p.Questions()[i].Step()
	st := sv.Step
	if st.Kind == formula.KindBool {
		switch strings.ToLower(numparse.Normalize(answer)) {
		case "是", "yes", "y", "true", "1", "对":
			return Mark{OK: sv.Bool(), Given: decimal.NewFromInt(1), Parsed: true}
		case "否", "no", "n", "false", "0", "不":
			return Mark{OK: !sv.Bool(), Given: decimal.Zero, Parsed: true}
		}
		return Mark{}
	}
	n, err := numparse.Parse(answer)
	if err != nil {
		return Mark{}
	}
	v := n.Value
	tol := Tolerance(st)
	ok := v.Sub(sv.Value).Abs().LessThanOrEqual(tol)
	if !ok && st.Kind == formula.KindRate && n.Unit == numparse.Plain && v.Abs().GreaterThan(decimal.NewFromInt(1)) {
		// "13" for 13% is what students write; a ratio of 3.5013 is also
		// a plain number over 1, so both readings count.
		if pct := v.Shift(-2); pct.Sub(sv.Value).Abs().LessThanOrEqual(tol) {
			v, ok = pct, true
		}
	}
	m := Mark{OK: ok, Given: v, Parsed: true}
	if !ok {
		m.Near = p.near(i, v)
	}
	return m
}

// Asked lists the steps the student answers: all of them, in order.
func (p *Problem) Asked() []int {
	out := make([]int, len(p.Questions()))
	for i := range out {
		out[i] = i
	}
	return out
}
