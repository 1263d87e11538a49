// Package engine evaluates a formula of the catalog at a date: it reads the
// user's inputs, fills defaults and the params in force, applies refusals,
// computes and rounds every step, and records what it used. The TUI, the CLI,
// batch and practice all come through here; none of them computes tax.
package engine

import (
	"errors"
	"sort"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/numparse"
)

// Engine evaluates formulas of one catalog.
type Engine struct {
	Cat *catalog.Catalog
	// embedded: loaded by DefaultWant from the program's own files, so
	// what it left out can be loaded when asked for
	embedded bool

	contOnce sync.Once
	cont     map[string][]Continuation
}

// Given is an input value already read (by ParseInput, or drawn by
// practice).
type Given struct {
	Value  decimal.Decimal
	Unit   numparse.Unit
	Choice *catalog.Param // chosen by param id
	Text   string         // as typed, for messages
}

// InputValue is an input as used by an evaluation.
type InputValue struct {
	Input  *catalog.Input
	Value  decimal.Decimal
	Unit   numparse.Unit
	Choice *catalog.Param
	Given  bool // typed by the user; false means the default was used
}

// StepValue is a computed step.
type StepValue struct {
	Step  *catalog.Step
	Value decimal.Decimal // booleans are 1 or 0
	// Hidden: the step's show condition is false on the date.
	Hidden bool
	// env is the evaluation's, for Expr: folding is for the reader, so it
	// is done when a view asks, not in every evaluation (batch).
	env *formula.Env
}

// Expr is the expression to show for the step on the result's date: the
// branches that the date's rules cannot take folded away (formula.Fold).
func (s StepValue) Expr() formula.Node {
	if s.env == nil || s.Step.Expr == nil {
		return s.Step.Expr
	}
	return formula.Fold(s.Step.Expr, s.env)
}

// Bool reads a boolean step.
func (s StepValue) Bool() bool { return !s.Value.IsZero() }

// ParamUse is a param an evaluation read, with the value in force.
type ParamUse struct {
	Param *catalog.Param
	Value catalog.ParamValue
}

// Result is a finished evaluation. Env keeps the values so the substituted
// formula of each step can be printed from the same AST.
type Result struct {
	Formula *catalog.Formula
	Date    date.Date
	Inputs  []InputValue
	Steps   []StepValue
	Params  []ParamUse
	Tables  []*catalog.TableDef
	Env     *formula.Env
	// Warnings that held: the result stands, but the user must read them.
	Warnings []*catalog.Refusal
	// Parts of a scenario, in order (nil for a plain formula).
	Parts []PartResult
}

// Visible is r without the steps that do not apply on its date (their
// show condition is false): what the views print and practice asks. The
// examples check r itself, every step.
func (r *Result) Visible() *Result {
	n := 0
	for _, s := range r.Steps {
		if !s.Hidden {
			n++
		}
	}
	if n == len(r.Steps) {
		return r
	}
	c := *r
	c.Steps = make([]StepValue, 0, n)
	for _, s := range r.Steps {
		if !s.Hidden {
			c.Steps = append(c.Steps, s)
		}
	}
	return &c
}

// Answer is the result step's value.
func (r *Result) Answer() StepValue {
	for _, s := range r.Steps {
		if s.Step == r.Formula.Result {
			return s
		}
	}
	return StepValue{}
}

// Unverified lists the ids of params and tables used whose rule could not be
// confirmed against a source, so every view can flag the result.
func (r *Result) Unverified() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range r.Parts {
		if p.Result != nil {
			for _, id := range p.Result.Unverified() {
				if !seen[id] {
					seen[id] = true
					out = append(out, id)
				}
			}
		}
	}
	for _, p := range r.Params {
		if (!p.Param.Verified || p.Value.Unverified) && !seen[p.Param.ID] {
			out = append(out, p.Param.ID)
		}
	}
	for _, t := range r.Tables {
		if !t.VerifiedAt(r.Date) && !seen[t.ID] {
			out = append(out, t.ID)
		}
	}
	sort.Strings(out)
	return out
}

// Calc reads raw inputs (name=value as typed) and evaluates formula id on d.
// All input problems are reported together.
func (e *Engine) Calc(id string, raw map[string]string, d date.Date) (*Result, error) {
	f := e.Cat.Formula(id)
	if f == nil {
		return nil, &UnknownFormulaError{ID: id, Suggest: e.suggest(id)}
	}
	if err := validity(f, d); err != nil {
		return nil, err
	}
	var errs []error
	names := make([]string, 0, len(raw))
	for k := range raw {
		names = append(names, k)
	}
	sort.Strings(names)
	given := map[string]Given{}
	for _, name := range names {
		in := f.Input(name)
		if in == nil {
			errs = append(errs, &UnknownInputError{Formula: f, Name: name})
			continue
		}
		if strings.TrimSpace(raw[name]) == "" && !in.Required() {
			continue // name= with nothing after it: the default
		}
		g, err := e.ParseInput(f, in, raw[name], d)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		given[name] = g
	}
	if len(errs) > 0 {
		// say everything wrong at once: the missing inputs too
		for _, in := range f.Inputs {
			if _, ok := raw[in.ID]; !ok && in.Required() {
				errs = append(errs, &InputError{Formula: f, Input: in, Code: CodeRequired})
			}
		}
		return nil, errors.Join(errs...)
	}
	return e.Eval(f, given, d)
}

// validity refuses a formula outside its dates.
func validity(f *catalog.Formula, d date.Date) error {
	if !f.ValidOn(d) {
		return &ValidityError{Formula: f, Date: d}
	}
	return nil
}

// Eval evaluates f on d with inputs already read.
func (e *Engine) Eval(f *catalog.Formula, given map[string]Given, d date.Date) (*Result, error) {
	if err := validity(f, d); err != nil {
		return nil, err
	}
	res, err := e.bind(f, given, d, false)
	if err != nil {
		return nil, err
	}
	return e.compute(res)
}

// Preview gives every input's value as an evaluation would use it — what
// was given, else its default — without computing: a form shows computed
// defaults with it. Inputs that cannot be read yet count as not given and
// a required one as 0; nothing is refused.
func (e *Engine) Preview(f *catalog.Formula, raw map[string]string, d date.Date) []InputValue {
	given := map[string]Given{}
	for k, v := range raw {
		if in := f.Input(k); in != nil {
			if g, err := e.ParseInput(f, in, v, d); err == nil {
				given[k] = g
			}
		}
	}
	res, _ := e.bind(f, given, d, true)
	if res == nil {
		return nil
	}
	return res.Inputs
}

// evaluation is what one evaluation allocates, in one piece: the result,
// its environment and the defaults' progress.
type evaluation struct {
	res  Result
	env  formula.Env
	bind binder
}

// binder fills the defaults, each after the inputs it reads.
type binder struct {
	e       *Engine
	f       *catalog.Formula
	res     *Result
	d       date.Date
	done    []bool
	missing map[int]*catalog.Param // params with no value on d (Preview)
}

// idents lists the identifiers of an input's default, worked out once per
// input: every evaluation that uses the default reads them.
func (e *Engine) idents(in *catalog.Input) []*formula.Ident {
	if v, ok := identCache.Load(in); ok {
		return v.([]*formula.Ident)
	}
	ids := formula.Idents(in.Default)
	identCache.Store(in, ids)
	return ids
}

var identCache sync.Map // *catalog.Input → []*formula.Ident

// bind fills a result's inputs: the given values, the params in force and
// the defaults. lenient (for Preview) skips what would be an error.
func (e *Engine) bind(f *catalog.Formula, given map[string]Given, d date.Date, lenient bool) (*Result, error) {
	ev := &evaluation{}
	env, res := &ev.env, &ev.res
	nIn, nT := len(f.Inputs), len(f.TableSlots)
	env.Vals = make([]decimal.Decimal, f.Slots)
	if nT > 0 {
		env.Tables = make([]*formula.Table, nT)
	}
	flags := make([]bool, f.Slots+nT+nIn)
	env.Read, env.TRead = flags[:f.Slots:f.Slots], flags[f.Slots:f.Slots+nT:f.Slots+nT]
	env.Chosen = make([]string, nIn)
	*res = Result{Formula: f, Date: d, Env: env, Params: make([]ParamUse, 0, len(f.ParamSlots)+1)}
	b := &ev.bind
	*b = binder{e: e, f: f, res: res, d: d, done: flags[f.Slots+nT:]}
	// Params read by steps must be in force; the loader proved that for the
	// formula's valid dates, so a gap here means the date is outside them.
	for _, ps := range f.ParamSlots {
		v, ok := ps.Param.At(d)
		if !ok {
			if ps.InSteps && !lenient {
				return nil, &ParamMissingError{Formula: f, Param: ps.Param, Date: d}
			}
			if b.missing == nil {
				b.missing = map[int]*catalog.Param{}
			}
			b.missing[ps.Slot] = ps.Param
			continue
		}
		env.Vals[ps.Slot] = v.Value
	}
	for i, t := range f.TableSlots {
		env.Tables[i] = t.At(d)
		if env.Tables[i] == nil && !lenient {
			return nil, &ParamMissingError{Formula: f, Table: t, Date: d}
		}
	}
	var errs []error
	res.Inputs = make([]InputValue, nIn)
	for _, in := range f.Inputs {
		iv := InputValue{Input: in}
		if g, ok := given[in.ID]; ok {
			iv.Value, iv.Unit, iv.Choice, iv.Given = g.Value, g.Unit, g.Choice, true
			if g.Choice != nil {
				e.noteParam(res, g.Choice, d)
				env.Chosen[in.Slot] = g.Choice.ID
			}
		} else if in.Required() && !lenient {
			errs = append(errs, &InputError{Formula: f, Input: in, Code: CodeRequired})
		}
		res.Inputs[in.Slot] = iv
		env.Vals[in.Slot] = iv.Value
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, in := range f.Inputs {
		if err := b.fill(in); err != nil && !lenient {
			return nil, err
		}
	}
	return res, nil
}

// fill computes in's default, after the inputs it reads.
func (b *binder) fill(in *catalog.Input) error {
	f, res, env, d := b.f, b.res, b.res.Env, b.d
	if b.done[in.Slot] {
		return nil
	}
	b.done[in.Slot] = true
	iv := &res.Inputs[in.Slot]
	if iv.Given || in.Default == nil { // (a required one missing: Preview)
		return nil
	}
	for _, dep := range in.Order {
		if err := b.fill(f.Inputs[dep]); err != nil {
			return err
		}
	}
	idents := b.e.idents(in)
	for _, id := range idents {
		if p, gap := b.missing[id.Sym.Slot]; gap && id.Sym.Sym == formula.SymParam {
			return &ParamMissingError{Formula: f, Param: p, Date: d, Input: in}
		}
	}
	var err error
	if in.DefaultBool != nil {
		var v bool
		v, err = in.DefaultBool(env)
		iv.Value = boolDec(v)
	} else {
		iv.Value, err = in.DefaultNum(env)
	}
	if err != nil {
		return evalErr(f, in.ID, err)
	}
	if in.Kind == formula.KindMoney && in.Places >= 0 {
		// a computed amount (insurance at 3‰) is an amount like any other
		iv.Value = formula.RoundHalfUp(iv.Value, in.Places)
	}
	if id, ok := in.Default.(*formula.Ident); ok && id.Sym.Sym == formula.SymParam {
		iv.Choice = b.e.Cat.Params[id.Name]
		env.Chosen[in.Slot] = id.Name
		if v, ok := iv.Choice.At(d); ok {
			iv.Unit = v.Unit
		}
	}
	for _, id := range idents {
		if id.Sym.Sym == formula.SymParam && id.Sym.Slot >= 0 { // chose() names a param without reading it
			b.e.noteParam(res, b.e.Cat.Params[id.Name], d)
		}
	}
	env.Vals[in.Slot] = iv.Value
	return nil
}

// compute runs the refusals and the steps of a bound result.
func (e *Engine) compute(res *Result) (*Result, error) {
	f, env, d := res.Formula, res.Env, res.Date
	if err := refuse(res, -1); err != nil {
		return nil, err
	}
	if f.IsScenario() {
		if err := e.runParts(res); err != nil {
			return nil, err
		}
	}
	res.Steps = make([]StepValue, len(f.Steps))
	for i, st := range f.Steps {
		var v decimal.Decimal
		if st.Bool != nil {
			b, err := st.Bool(env)
			if err != nil {
				return nil, evalErr(f, st.ID, err)
			}
			v = boolDec(b)
		} else {
			var err error
			if v, err = st.Num(env); err != nil {
				return nil, evalErr(f, st.ID, err)
			}
			if st.Round != catalog.NoRound {
				// What the user reads is what later steps use.
				v = formula.RoundHalfUp(v, st.Round)
			}
		}
		env.Vals[st.Slot] = v
		res.Steps[i] = StepValue{Step: st, Value: v}
		if err := refuse(res, i); err != nil {
			return nil, err
		}
	}
	for _, w := range f.Warnings {
		hit, err := w.Fn(env)
		if err != nil {
			return nil, evalErr(f, "warn."+w.Key, err)
		}
		if hit {
			res.Warnings = append(res.Warnings, w)
		}
	}
	var quiet *formula.Env
	for i := range res.Steps {
		res.Steps[i].env = env
		if st := res.Steps[i].Step; st.Show != nil {
			if quiet == nil {
				// a show condition is not part of the evaluation: reading
				// it must not mark params as read (unverified warnings)
				q := *env
				q.Read, q.TRead = nil, nil
				quiet = &q
			}
			if ok, err := st.Show(quiet); err == nil && !ok {
				res.Steps[i].Hidden = true
			}
		}
	}
	// What the evaluation read is what the result rests on: a param in the
	// branch of an if that was not taken does not mark it unverified.
	for _, ps := range f.ParamSlots {
		if env.Read[ps.Slot] {
			e.noteParam(res, ps.Param, d)
		}
	}
	for i, t := range f.TableSlots {
		if env.TRead[i] {
			res.Tables = append(res.Tables, t)
		}
	}
	return res, nil
}

// refuse tests the refusals that can be decided once step after (-1:
// before any) is computed.
func refuse(res *Result, after int) error {
	for _, r := range res.Formula.Refusals {
		if r.After != after {
			continue
		}
		hit, err := r.Fn(res.Env)
		if err != nil {
			return evalErr(res.Formula, "refuse."+r.Key, err)
		}
		if hit {
			return &RefusedError{Result: res, Refusal: r}
		}
	}
	return nil
}

// noteParam records a param read through an input (a chosen rate, a
// default), once.
func (e *Engine) noteParam(res *Result, p *catalog.Param, d date.Date) {
	for _, u := range res.Params {
		if u.Param == p {
			return
		}
	}
	if v, ok := p.At(d); ok {
		res.Params = append(res.Params, ParamUse{Param: p, Value: v})
	}
}

// decOne is shared: a Decimal is immutable, and NewFromInt allocates.
var decOne = decimal.NewFromInt(1)

func boolDec(b bool) decimal.Decimal {
	if b {
		return decOne
	}
	return decimal.Zero
}

func evalErr(f *catalog.Formula, step string, err error) error {
	var ee *formula.EvalError
	if errors.As(err, &ee) {
		return &EvalError{Formula: f, Step: step, Code: ee.Code, Detail: ee.Detail}
	}
	return &EvalError{Formula: f, Step: step, Code: "internal", Detail: err.Error()}
}

// suggest finds formula ids close to a mistyped one.
func (e *Engine) suggest(id string) []string {
	var out []string
	low := strings.ToLower(id)
	for _, f := range e.Cat.Formulas {
		if strings.Contains(f.ID, low) || strings.HasPrefix(low, f.Category) || strings.Contains(low, f.ID) {
			out = append(out, f.ID)
		}
	}
	if len(out) > 8 {
		out = out[:8]
	}
	return out
}
