package payroll

import (
	"errors"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
)

// prepared is a catalog formula made ready for one date: the params and
// tables in force are looked up once, so a year of a hundred thousand
// employees evaluates the same compiled closures the engine does (the
// formula file's own expressions) without re-binding them for every row.
// Anything out of the ordinary — a refusal, an evaluation error — is handed
// back to engine.Eval, which says it the way every other view does.
type prepared struct {
	eng    *engine.Engine
	f      *catalog.Formula
	d      date.Date
	vals   []decimal.Decimal
	tables []*formula.Table
	chosen []string
	slots  map[string]int // input and step ids → value slot
	env    formula.Env
	done   []bool
}

var errFallback = errors.New("payroll: let the engine say it")

func prepare(eng *engine.Engine, id string, d date.Date) (*prepared, error) {
	f := eng.Cat.Formula(id)
	if f == nil {
		return nil, &engine.UnknownFormulaError{ID: id}
	}
	return prepareFormula(eng, f, d)
}

// prepareFormula: eng may be nil (then a refusal is reported plainly).
func prepareFormula(eng *engine.Engine, f *catalog.Formula, d date.Date) (*prepared, error) {
	if !f.ValidOn(d) {
		return nil, &engine.ValidityError{Formula: f, Date: d}
	}
	p := &prepared{eng: eng, f: f, d: d, vals: make([]decimal.Decimal, f.Slots),
		tables: make([]*formula.Table, len(f.TableSlots)), chosen: make([]string, len(f.Inputs)),
		slots: map[string]int{}}
	for _, ps := range f.ParamSlots {
		v, ok := ps.Param.At(d)
		if !ok {
			if ps.InSteps {
				return nil, &engine.ParamMissingError{Formula: f, Param: ps.Param, Date: d}
			}
			continue
		}
		p.vals[ps.Slot] = v.Value
	}
	for i, t := range f.TableSlots {
		if p.tables[i] = t.At(d); p.tables[i] == nil {
			return nil, &engine.ParamMissingError{Formula: f, Table: t, Date: d}
		}
	}
	for _, in := range f.Inputs {
		p.slots[in.ID] = in.Slot
		if id, ok := in.Default.(*formula.Ident); ok && id.Sym != nil && id.Sym.Sym == formula.SymParam {
			p.chosen[in.Slot] = id.Name
		}
	}
	for _, st := range f.Steps {
		p.slots[st.ID] = st.Slot
	}
	p.done = make([]bool, len(f.Inputs))
	p.env = formula.Env{Vals: make([]decimal.Decimal, f.Slots), Tables: p.tables, Chosen: make([]string, len(f.Inputs))}
	return p, nil
}

// slot is the value slot of an input or step id; -1 if the formula has none.
func (p *prepared) slot(id string) int {
	if s, ok := p.slots[id]; ok {
		return s
	}
	return -1
}

// eval computes every step with the given inputs (by input slot; an input
// not in given takes its default). The values stay in p.env.Vals until the
// next call. On a refusal or an error it returns errFallback.
func (p *prepared) eval(given []decimal.Decimal, has []bool) error {
	env := &p.env
	copy(env.Vals, p.vals)
	copy(env.Chosen, p.chosen)
	f := p.f
	for i, in := range f.Inputs {
		if has[i] {
			env.Vals[in.Slot] = given[i]
			env.Chosen[in.Slot] = ""
		}
	}
	done := p.done
	clear(done)
	var fill func(in *catalog.Input) error
	fill = func(in *catalog.Input) error {
		if done[in.Slot] || has[in.Slot] {
			return nil
		}
		done[in.Slot] = true
		if in.Default == nil {
			return errFallback // required and missing
		}
		for _, dep := range in.Order {
			if err := fill(f.Inputs[dep]); err != nil {
				return err
			}
		}
		var v decimal.Decimal
		if in.DefaultBool != nil {
			b, err := in.DefaultBool(env)
			if err != nil {
				return errFallback
			}
			v = boolDec(b)
		} else {
			var err error
			if v, err = in.DefaultNum(env); err != nil {
				return errFallback
			}
			if in.Kind == formula.KindMoney && in.Places >= 0 {
				v = formula.RoundHalfUp(v, in.Places)
			}
		}
		env.Vals[in.Slot] = v
		return nil
	}
	for _, in := range f.Inputs {
		if err := fill(in); err != nil {
			return err
		}
	}
	refused := func(after int) bool {
		for _, r := range f.Refusals {
			if r.After == after {
				if hit, err := r.Fn(env); err != nil || hit {
					return true
				}
			}
		}
		return false
	}
	if refused(-1) {
		return errFallback
	}
	for i, st := range f.Steps {
		var v decimal.Decimal
		if st.Bool != nil {
			b, err := st.Bool(env)
			if err != nil {
				return errFallback
			}
			v = boolDec(b)
		} else {
			var err error
			if v, err = st.Num(env); err != nil {
				return errFallback
			}
			if st.Round != catalog.NoRound {
				v = formula.RoundHalfUp(v, st.Round)
			}
		}
		env.Vals[st.Slot] = v
		if refused(i) {
			return errFallback
		}
	}
	return nil
}

// engineError evaluates the same inputs through the engine to get its
// error (a refusal, a missing value) in the engine's words.
func (p *prepared) engineError(given []decimal.Decimal, has []bool) error {
	if p.eng == nil {
		return errors.New("payroll: " + p.f.ID + " on " + p.d.String() + " was refused")
	}
	g := map[string]engine.Given{}
	for i, in := range p.f.Inputs {
		if has[i] {
			g[in.ID] = engine.Given{Value: given[i], Text: given[i].String()}
		}
	}
	_, err := p.eng.Eval(p.f, g, p.d)
	if err == nil {
		// The engine computes what the fast path would not: never silently.
		return errors.New("payroll: " + p.f.ID + " on " + p.d.String() + ": the prepared evaluation and the engine disagree")
	}
	return err
}

func boolDec(b bool) decimal.Decimal {
	if b {
		return decimal.NewFromInt(1)
	}
	return decimal.Zero
}

// cents converts a rounded money value to whole fen.
func cents(v decimal.Decimal) int64 {
	return v.Shift(2).Round(0).IntPart()
}

func money(c int64) decimal.Decimal { return decimal.New(c, -2) }
