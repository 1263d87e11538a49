package catalog

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cntax/cntax/internal/formula"
)

// A scenario is a formula whose steps include calls of other formulas: its
// own inputs, then parts in the order an exam answer writes them, each
// binding the called formula's inputs to expressions of the scenario's
// inputs and of earlier parts (vat.payable), then summary steps. It is a
// *Formula with Parts, so every view, practice and the examples treat it
// like one.

// Part is one formula call of a scenario. A part with several alternatives
// runs the first whose condition holds (eit.small_low_profit when chosen,
// else eit.tax); a part none of whose alternatives applies is skipped and
// what it would carry reads as 0.
type Part struct {
	ID   string
	Alts []*PartAlt
	Pos  Pos
}

// PartAlt is one formula a part may call.
type PartAlt struct {
	Formula *Formula
	When    formula.Node // nil: always
	WhenFn  formula.BoolFn
	Binds   []*Bind
	Pos     Pos
}

// Bind says where one input of the called formula comes from. The
// expression is printed as the "from" line, so the user sees the number's
// origin with the same text that moved it.
type Bind struct {
	Input *Input // of the called formula
	Expr  formula.Node
	Src   string
	Num   formula.NumFn
	Bool  formula.BoolFn
	Pos   Pos
}

// Carried is a value of a part that the scenario reads (PART.STEP, or
// PART.INPUT), held in Slot of the scenario's evaluation.
type Carried struct {
	Name  string // vat.payable
	Part  int
	Ident string // payable
	Slot  int
	Kind  formula.Kind
}

// IsScenario reports whether f calls other formulas.
func (f *Formula) IsScenario() bool { return len(f.Parts) > 0 }

// Part finds a scenario's part by id.
func (f *Formula) Part(id string) *Part {
	for _, p := range f.Parts {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// PartFormulaIdent splits PART.IDENT against f's parts: the part index and
// the ident, if name is one.
func (f *Formula) PartFormulaIdent(name string) (int, string, bool) {
	i := strings.IndexByte(name, '.')
	if i <= 0 {
		return 0, "", false
	}
	for pi, p := range f.Parts {
		if p.ID == name[:i] {
			return pi, name[i+1:], true
		}
	}
	return 0, "", false
}

// partIdent is PartFormulaIdent against the ids of every part written,
// loaded or not yet.
func (f *Formula) partIdent(name string) (string, string, bool) {
	i := strings.IndexByte(name, '.')
	if i <= 0 {
		return "", "", false
	}
	ident := name[i+1:]
	for _, p := range f.partIDs {
		if p.id != name[:i] {
			continue
		}
		for _, pf := range p.formulas {
			if pf.Step(ident) != nil || pf.Input(ident) != nil {
				return p.id, ident, true
			}
		}
	}
	return "", "", false
}

// partName is a part as written, before it is loaded: enough to tell
// PART.STEP from a param id that starts with the same word
// (vat.levy.immovable beside a part named vat).
type partName struct {
	id       string
	formulas []*Formula
}

// CarriedIdent looks a PART.IDENT up among what the scenario reads.
func (f *Formula) CarriedIdent(name string) *Carried {
	for i := range f.Carried {
		if f.Carried[i].Name == name {
			return &f.Carried[i]
		}
	}
	return nil
}

// identOf finds ident as a step, else an input, of every alternative of a
// part, with its kind; ok is false if one alternative lacks it.
func (p *Part) identOf(ident string) (formula.Kind, bool) {
	var kind formula.Kind
	for i, a := range p.Alts {
		var k formula.Kind
		if st := a.Formula.Step(ident); st != nil {
			k = st.Kind
		} else if in := a.Formula.Input(ident); in != nil {
			k = in.Kind
		} else {
			return 0, false
		}
		if i > 0 && k != kind {
			return 0, false
		}
		kind = k
	}
	return kind, len(p.Alts) > 0
}

type rawPart struct {
	ID      yaml.Node   `yaml:"id"`
	Formula yaml.Node   `yaml:"formula"`
	When    yaml.Node   `yaml:"when"`
	Bind    yaml.Node   `yaml:"bind"`
	Choose  []rawChoice `yaml:"choose"`
}

type rawChoice struct {
	When    yaml.Node `yaml:"when"`
	Formula yaml.Node `yaml:"formula"`
	Bind    yaml.Node `yaml:"bind"`
}

// lookupCarried resolves PART.IDENT in a scenario's scope: parts before
// the one being bound (all of them for summary steps) are visible.
func (s *scope) lookupCarried(name string) *formula.Symbol {
	f := s.f
	// A param of the same name (surcharge.small_exempt beside a part named
	// surcharge) is what an expression means where the part is not yet
	// computed; where it is, the part's value is the nearer one.
	_, isParam := s.l.cat.Params[name]
	if _, isTable := s.l.cat.Tables[name]; isParam || isTable {
		if pi, _, ok := f.PartFormulaIdent(name); !ok || pi >= s.parts {
			return nil
		}
	}
	if _, _, named := f.partIdent(name); named {
		if _, _, loaded := f.PartFormulaIdent(name); !loaded {
			s.later = name // a part below this one
			return nil
		}
	}
	pi, ident, ok := f.PartFormulaIdent(name)
	if !ok {
		return nil
	}
	if pi >= s.parts {
		s.later = name
		return nil
	}
	kind, ok := f.Parts[pi].identOf(ident)
	if !ok {
		return nil
	}
	if c := f.CarriedIdent(name); c != nil {
		return f.Symbols[name]
	}
	sym := &formula.Symbol{Name: name, Sym: formula.SymCarried, Kind: kind, Slot: f.Slots}
	f.Slots++
	f.Symbols[name] = sym
	f.Carried = append(f.Carried, Carried{Name: name, Part: pi, Ident: ident, Slot: sym.Slot, Kind: kind})
	return sym
}

// parts loads a scenario's parts; inputs are known, steps not yet.
func (l *loader) parts(file string, f *Formula, raws []rawPart) {
	what := "scenario " + f.ID
	for i := range raws {
		var fs []*Formula
		for _, n := range append([]rawChoice{{Formula: raws[i].Formula}}, raws[i].Choose...) {
			if pf := l.cat.byID[n.Formula.Value]; pf != nil {
				fs = append(fs, pf)
			}
		}
		f.partIDs = append(f.partIDs, partName{raws[i].ID.Value, fs})
	}
	for i := range raws {
		rp := &raws[i]
		p := &Part{ID: rp.ID.Value, Pos: l.pos(file, &rp.ID)}
		if p.ID == "" {
			l.errorf(l.pos(file, &rp.Formula), "%s: part %d has no id", what, i+1)
			continue
		}
		if strings.Contains(p.ID, ".") {
			l.errorf(p.Pos, "%s: part id %q cannot contain a dot (its steps are read as %s.STEP)", what, p.ID, p.ID)
			continue
		}
		if f.Part(p.ID) != nil || f.Symbols[p.ID] != nil {
			l.errorf(p.Pos, "%s: %q is already a part or input", what, p.ID)
			continue
		}
		pwhat := what + " part " + p.ID
		alts := rp.Choose
		if len(alts) == 0 {
			alts = []rawChoice{{When: rp.When, Formula: rp.Formula, Bind: rp.Bind}}
		} else if rp.Formula.Kind != 0 || rp.Bind.Kind != 0 || rp.When.Kind != 0 {
			l.errorf(p.Pos, "%s: give either formula/bind/when or choose, not both", pwhat)
			continue
		}
		for j := range alts {
			if a := l.partAlt(file, f, len(f.Parts), &alts[j], len(alts), pwhat); a != nil {
				p.Alts = append(p.Alts, a)
			}
		}
		if len(p.Alts) == len(alts) {
			f.Parts = append(f.Parts, p)
		}
	}
}

func (l *loader) partAlt(file string, f *Formula, visible int, ra *rawChoice, alts int, what string) *PartAlt {
	a := &PartAlt{Pos: l.pos(file, &ra.Formula)}
	if ra.Formula.Value == "" {
		l.errorf(l.pos(file, &ra.Bind), "%s: formula is required", what)
		return nil
	}
	pf := l.cat.byID[ra.Formula.Value]
	if pf == nil {
		l.errorf(a.Pos, "%s: formula %q does not exist", what, ra.Formula.Value)
		return nil
	}
	if pf.IsScenario() {
		l.errorf(a.Pos, "%s: %s is a scenario; a part calls a formula", what, pf.ID)
		return nil
	}
	a.Formula = pf
	// The scenario claims its dates; each formula it calls must apply on
	// all of them.
	// A part that runs only on a condition (small_low_profit chosen) may
	// call a formula of shorter life: on a day outside it the part refuses
	// with the formula's own message. It must still apply on some day.
	conditional := ra.When.Kind != 0 || alts > 1
	switch {
	case !conditional && (f.ValidFrom < pf.ValidFrom || (pf.ValidTo != 0 && (f.ValidTo == 0 || f.ValidTo > pf.ValidTo))):
		l.errorf(a.Pos, "%s: %s is valid %s, not on every day of the scenario (%s)", what, pf.ID, validText(pf), validText(f))
	case conditional && ((pf.ValidTo != 0 && pf.ValidTo < f.ValidFrom) || (f.ValidTo != 0 && f.ValidTo < pf.ValidFrom)):
		l.errorf(a.Pos, "%s: %s is valid %s, on no day of the scenario (%s)", what, pf.ID, validText(pf), validText(f))
	}
	sc := &scope{l: l, f: f, parts: visible, inSteps: true}
	if ra.When.Kind != 0 {
		if a.When = l.expr(file, &ra.When, sc, formula.TBool, what+" when"); a.When != nil {
			a.WhenFn = formula.CompileBool(a.When)
		}
	}
	bound := map[string]bool{}
	l.mapping(file, &ra.Bind, what+" bind", func(k, v *yaml.Node) {
		in := pf.Input(k.Value)
		if in == nil {
			var ids []string
			for _, in := range pf.Inputs {
				ids = append(ids, in.ID)
			}
			l.errorf(l.pos(file, k), "%s: %s has no input %q (inputs: %s)", what, pf.ID, k.Value, strings.Join(ids, ", "))
			return
		}
		want := formula.TNum
		if in.Kind == formula.KindBool {
			want = formula.TBool
		}
		b := &Bind{Input: in, Src: v.Value, Pos: l.pos(file, v)}
		if b.Expr = l.expr(file, v, sc, want, what+" bind "+in.ID); b.Expr == nil {
			return
		}
		if want == formula.TBool {
			b.Bool = formula.CompileBool(b.Expr)
		} else {
			b.Num = formula.CompileNum(b.Expr)
		}
		bound[in.ID] = true
		a.Binds = append(a.Binds, b)
	})
	for _, in := range pf.Inputs {
		if in.Required() && !bound[in.ID] {
			l.errorf(a.Pos, "%s: required input %s of %s is not bound", what, in.ID, pf.ID)
		}
	}
	return a
}

// carriedName reports whether name is PART.STEP or PART.INPUT of one of a
// scenario's parts (an example may expect it; the summary may file it).
func (f *Formula) carriedName(name string) bool {
	pi, ident, ok := f.PartFormulaIdent(name)
	if !ok {
		return false
	}
	_, ok = f.Parts[pi].identOf(ident)
	return ok
}

// checkFromPart: an input that takes the called formula's default must be
// passed, as itself, to an input that has one.
func (l *loader) checkFromPart(f *Formula) {
	for _, in := range f.Inputs {
		if !in.FromPart {
			continue
		}
		ok := false
		for _, p := range f.Parts {
			for _, a := range p.Alts {
				for _, b := range a.Binds {
					if id, bare := b.Expr.(*formula.Ident); bare && id.Name == in.ID && b.Input.Default != nil {
						ok = true
					}
				}
			}
		}
		if !ok {
			l.errorf(in.Pos, "scenario %s input %s: default: part needs a part that binds %s as itself to an input with a default", f.ID, in.ID, in.ID)
		}
	}
}
