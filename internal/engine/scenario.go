package engine

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
)

// PartResult is one formula call of a scenario: the alternative that ran
// (nil: skipped, its values read as 0), what each bound input received and
// the called formula's own result.
type PartResult struct {
	Part   *catalog.Part
	Alt    *catalog.PartAlt
	Binds  []BoundValue
	Result *Result
}

// Skipped reports whether no alternative of the part applied.
func (p PartResult) Skipped() bool { return p.Alt == nil }

// BoundValue is a carried value: the binding and the number it moved.
type BoundValue struct {
	Bind  *catalog.Bind
	Value decimal.Decimal
}

// Bound finds the binding that filled input id of the part, if any.
func (p PartResult) Bound(id string) (BoundValue, bool) {
	for _, b := range p.Binds {
		if b.Bind.Input.ID == id {
			return b, true
		}
	}
	return BoundValue{}, false
}

// runParts evaluates a scenario's parts in order, each on the values of
// the scenario's inputs and of the parts before it.
func (e *Engine) runParts(res *Result) error {
	f, env, d := res.Formula, res.Env, res.Date
	res.Parts = make([]PartResult, 0, len(f.Parts))
	given := map[string]Given{} // reused: Eval copies what it reads
	for pi, p := range f.Parts {
		pr := PartResult{Part: p}
		for _, a := range p.Alts {
			if a.WhenFn == nil {
				pr.Alt = a
				break
			}
			ok, err := a.WhenFn(env)
			if err != nil {
				return evalErr(f, p.ID+".when", err)
			}
			if ok {
				pr.Alt = a
				break
			}
		}
		if pr.Alt != nil {
			clear(given)
			pr.Binds = make([]BoundValue, 0, len(pr.Alt.Binds))
			var fromPart []*catalog.Bind
			for _, b := range pr.Alt.Binds {
				if in := passedInput(res, b); in != nil && in.Input.FromPart && !in.Given {
					fromPart = append(fromPart, b)
					continue
				}
				g, err := e.bindValue(res, pr.Alt, b)
				if err != nil {
					return &PartError{Scenario: f, Part: p, Formula: pr.Alt.Formula, Err: err}
				}
				given[b.Input.ID] = g
				pr.Binds = append(pr.Binds, BoundValue{Bind: b, Value: g.Value})
			}
			sub, err := e.Eval(pr.Alt.Formula, given, d)
			if err != nil {
				return &PartError{Scenario: f, Part: p, Formula: pr.Alt.Formula, Err: err}
			}
			pr.Result = sub
			// The scenario input left to the part shows what the part used.
			for _, b := range fromPart {
				iv := passedInput(res, b)
				v, _ := sub.Value(b.Input.ID)
				iv.Value = v
				env.Vals[iv.Input.Slot] = v
			}
		}
		for _, c := range f.Carried {
			if c.Part != pi {
				continue
			}
			v := decimal.Zero
			if pr.Result != nil {
				v, _ = pr.Result.Value(c.Ident)
			}
			env.Vals[c.Slot] = v
		}
		res.Parts = append(res.Parts, pr)
	}
	return nil
}

// passedInput is the scenario input a binding passes as itself, if so.
func passedInput(res *Result, b *catalog.Bind) *InputValue {
	if id, ok := b.Expr.(*formula.Ident); ok && id.Sym != nil && id.Sym.Sym == formula.SymInput {
		return &res.Inputs[id.Sym.Slot]
	}
	return nil
}

// bindValue computes one binding and checks it as the called formula
// checks a typed value: a carried amount is rounded like one, and a value
// outside the input's range is refused with the binding named.
func (e *Engine) bindValue(res *Result, a *catalog.PartAlt, b *catalog.Bind) (Given, error) {
	env, in := res.Env, b.Input
	var g Given
	if b.Bool != nil {
		ok, err := b.Bool(env)
		if err != nil {
			return g, evalErr(res.Formula, "bind."+in.ID, err)
		}
		g.Value = boolDec(ok)
		return g, nil
	}
	v, err := b.Num(env)
	if err != nil {
		return g, evalErr(res.Formula, "bind."+in.ID, err)
	}
	if in.Places >= 0 && (in.Kind == formula.KindMoney || in.Kind == formula.KindInt) {
		v = formula.RoundHalfUp(v, in.Places)
	}
	g.Value = v
	// A scenario input passed straight through keeps how it was given:
	// the rate chosen by name stays that choice in the called formula.
	if id, ok := b.Expr.(*formula.Ident); ok && id.Sym != nil && id.Sym.Sym == formula.SymInput {
		iv := res.Inputs[id.Sym.Slot]
		g.Unit = iv.Unit
		for _, p := range in.Choices {
			if p == iv.Choice {
				g.Choice = p
			}
		}
	}
	code := ""
	switch {
	case in.Min != nil && v.LessThan(*in.Min):
		code = CodeMin
	case in.Max != nil && v.GreaterThan(*in.Max):
		code = CodeMax
	}
	if code != "" {
		return g, &InputError{Formula: a.Formula, Input: in, Text: FormatValue(in.Kind, v, g.Unit), Code: code}
	}
	return g, nil
}

// Locate finds a step by the id the JSON contract uses — a step of the
// formula, or PART.STEP of a scenario — as the result that holds it and
// its index there.
func (r *Result) Locate(id string) (*Result, int, bool) {
	for i, s := range r.Steps {
		if s.Step != nil && s.Step.ID == id {
			return r, i, true
		}
	}
	if i := strings.IndexByte(id, '.'); i > 0 {
		for _, p := range r.Parts {
			if p.Part.ID == id[:i] && p.Result != nil {
				return p.Result.Locate(id[i+1:])
			}
		}
	}
	return nil, 0, false
}

// Lookup is the step Locate finds.
func (r *Result) Lookup(id string) (StepValue, bool) {
	if h, i, ok := r.Locate(id); ok {
		return h.Steps[i], true
	}
	return StepValue{}, false
}

// Find is the kind and value of a step (as Lookup), else of an input —
// the formula's own or PART.INPUT of a part: what a worked example may
// expect and what a part carries on.
func (r *Result) Find(id string) (formula.Kind, decimal.Decimal, bool) {
	if s, ok := r.Lookup(id); ok {
		return s.Step.Kind, s.Value, true
	}
	holder, ident := r, id
	if i := strings.IndexByte(id, '.'); i > 0 {
		holder = nil
		for _, p := range r.Parts {
			if p.Part.ID == id[:i] {
				holder, ident = p.Result, id[i+1:]
			}
		}
	}
	if holder != nil {
		for _, iv := range holder.Inputs {
			if iv.Input.ID == ident {
				return iv.Input.Kind, iv.Value, true
			}
		}
	}
	return 0, decimal.Zero, false
}

// Value is Find's value.
func (r *Result) Value(id string) (decimal.Decimal, bool) {
	_, v, ok := r.Find(id)
	return v, ok
}

// PartError: a part of a scenario refused or could not be computed; the
// message names the part and the formula it called.
type PartError struct {
	Scenario *catalog.Formula
	Part     *catalog.Part
	Formula  *catalog.Formula
	Err      error
}

func (e *PartError) Error() string {
	return fmt.Sprintf("scenario %s part %s (%s): %v", e.Scenario.ID, e.Part.ID, e.Formula.ID, e.Err)
}

func (e *PartError) Unwrap() error { return e.Err }

func (e *PartError) Message(c *i18n.Catalog) string {
	return c.T("err.part", "part", e.Part.ID, "formula", title(c, e.Formula), "id", e.Formula.ID) +
		strings.Join(Messages(e.Err, c), " ")
}

// CarriedLabel names PART.IDENT of scenario f: its own label if the
// catalog has one, else the called formula's label of the ident after the
// part's formula title.
func CarriedLabel(c *i18n.Catalog, f *catalog.Formula, name string) string {
	if own, _ := i18n.LabelKeys(f.ID, name); c.Has(own) {
		return c.T(own)
	}
	pi, ident, ok := f.PartFormulaIdent(name)
	if !ok || len(f.Parts[pi].Alts) == 0 {
		return name
	}
	pf := f.Parts[pi].Alts[0].Formula
	return c.T("ui.carried_label", "formula", title(c, pf), "label", c.Label(pf.ID, ident))
}

// Continuation is a next formula that takes a step of this one as an
// input, as some scenario wires it: from vat.general · payable to
// surcharge.city · vat.
type Continuation struct {
	Step     string // of the formula continued from
	To       *catalog.Formula
	Input    *catalog.Input // of To
	Scenario *catalog.Formula
}

// Continuations lists, for formula f, the formulas its steps feed in the
// scenarios of the catalog: derived from the bindings, never written
// twice. A binding counts when it carries the step as itself.
func (e *Engine) Continuations(f *catalog.Formula) []Continuation {
	e.contOnce.Do(e.buildContinuations)
	return e.cont[f.ID]
}

func (e *Engine) buildContinuations() {
	e.cont = map[string][]Continuation{}
	seen := map[[4]string]bool{}
	for _, s := range e.Cat.Formulas {
		for _, p := range s.Parts {
			for _, a := range p.Alts {
				for _, b := range a.Binds {
					id, ok := b.Expr.(*formula.Ident)
					if !ok || id.Sym == nil || id.Sym.Sym != formula.SymCarried {
						continue
					}
					c := s.CarriedIdent(id.Name)
					if c == nil {
						continue
					}
					for _, from := range s.Parts[c.Part].Alts {
						if from.Formula.Step(c.Ident) == nil {
							continue // a carried input, not a result
						}
						k := [4]string{from.Formula.ID, c.Ident, a.Formula.ID, b.Input.ID}
						if seen[k] {
							continue
						}
						seen[k] = true
						e.cont[from.Formula.ID] = append(e.cont[from.Formula.ID],
							Continuation{Step: c.Ident, To: a.Formula, Input: b.Input, Scenario: s})
					}
				}
			}
		}
	}
}
