package catalog

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

func (l *loader) file(file string, raw *rawFile) {
	if raw.Category == "" {
		l.errorf(Pos{File: file, Line: 1}, "category is required")
		return
	}
	cat := l.cat.Category(raw.Category)
	if cat == nil {
		cat = &Category{ID: raw.Category, File: file}
		l.cat.Categories = append(l.cat.Categories, cat)
	}
	for i := range raw.Formulas {
		if len(raw.Formulas[i].Parts) > 0 {
			l.errorf(l.pos(file, &raw.Formulas[i].ID), "formula %s has parts: list it under scenarios:", raw.Formulas[i].ID.Value)
			continue
		}
		if f := l.formula(file, raw.Category, &raw.Formulas[i]); f != nil {
			cat.Formulas = append(cat.Formulas, f)
		}
	}
}

func (l *loader) scenarios(file string, raw *rawFile) {
	if len(raw.Scenarios) == 0 || raw.Category == "" {
		return
	}
	cat := l.cat.Category(raw.Category)
	for i := range raw.Scenarios {
		rs := &raw.Scenarios[i]
		if len(rs.Parts) == 0 {
			l.errorf(l.pos(file, &rs.ID), "scenario %s has no parts", rs.ID.Value)
			continue
		}
		l.inScenario = true
		f := l.formula(file, raw.Category, rs)
		l.inScenario = false
		if f != nil {
			f.partIDs = nil // only for resolving names while loading
			l.checkFromPart(f)
			cat.Formulas = append(cat.Formulas, f)
		}
	}
}

// scope resolves a formula's identifiers. Steps see inputs, params, tables
// and earlier steps; defaults and refusals see inputs, params and tables.
type scope struct {
	l       *loader
	f       *Formula
	self    string // an input's default cannot read itself
	steps   int    // how many steps are visible
	inSteps bool   // params found are read by steps
	later   string // a step named before it is computed
	parts   int    // a scenario's parts whose values are visible
}

func (s *scope) Lookup(name string) *formula.Symbol {
	if sym, ok := s.f.Symbols[name]; ok {
		switch sym.Sym {
		case formula.SymInput:
			if name == s.self {
				return nil
			}
		case formula.SymStep:
			if sym.Slot-len(s.f.Inputs) >= s.steps {
				s.later = name
				return nil
			}
		case formula.SymCarried:
			if c := s.f.CarriedIdent(name); c == nil || c.Part >= s.parts {
				s.later = name
				return nil
			}
		case formula.SymParam:
			if s.inSteps {
				for i := range s.f.ParamSlots {
					if s.f.ParamSlots[i].Param.ID == name {
						s.f.ParamSlots[i].InSteps = true
					}
				}
			}
		}
		return sym
	}
	if len(s.f.partIDs) > 0 {
		if sym := s.lookupCarried(name); sym != nil || s.later != "" {
			return sym
		}
	}
	if p := s.l.cat.Params[name]; p != nil {
		sym := &formula.Symbol{Name: name, Sym: formula.SymParam, Kind: p.Kind, Slot: s.f.Slots}
		s.f.Slots++
		s.f.Symbols[name] = sym
		s.f.ParamSlots = append(s.f.ParamSlots, ParamSlot{Param: p, Slot: sym.Slot, InSteps: s.inSteps})
		return sym
	}
	if t := s.l.cat.Tables[name]; t != nil {
		sym := &formula.Symbol{Name: name, Sym: formula.SymTable, Slot: len(s.f.TableSlots), QuickRate: t.QuickRate}
		s.f.TableSlots = append(s.f.TableSlots, t)
		s.f.Symbols[name] = sym
		return sym
	}
	return nil
}

// expr parses and checks one expression, reporting errors at their place in
// the file.
func (l *loader) expr(file string, n *yaml.Node, sc *scope, want formula.Type, what string) formula.Node {
	if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
		l.errorf(l.pos(file, n), "%s: expected an expression", what)
		return nil
	}
	ast, err := formula.Parse(n.Value)
	if err == nil {
		var t formula.Type
		t, err = formula.Check(ast, sc)
		if err == nil && t != want {
			s, _ := ast.Span()
			err = &formula.SyntaxError{Pos: s, Msg: fmt.Sprintf("expected a %s expression, this is a %s", want, t)}
		}
	}
	if err != nil {
		var se *formula.SyntaxError
		if errors.As(err, &se) {
			msg := se.Msg
			if sc.later != "" && strings.Contains(msg, strconv.Quote(sc.later)) {
				msg = fmt.Sprintf("step %s is used before it is computed (steps run in the order written)", sc.later)
				if _, _, carried := sc.f.partIdent(sc.later); carried {
					msg = fmt.Sprintf("%s is read before its part is computed (parts run in the order written)", sc.later)
				}
			}
			l.errorf(exprPos(file, n, se.Pos), "%s: %s\n    %s\n    %s^", what, msg, n.Value, caretPad(n.Value, se.Pos))
			return nil
		}
		l.errorf(l.pos(file, n), "%s: %v", what, err)
		return nil
	}
	return ast
}

// caretPad is the blank run that puts a caret under rune off of s, measured
// in display cells so it lands right under CJK text too.
func caretPad(s string, off int) string {
	w := 0
	for i, r := range []rune(s) {
		if i >= off {
			break
		}
		if r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6)) {
			w += 2
		} else {
			w++
		}
	}
	return strings.Repeat(" ", w)
}

// exprPos maps a rune offset of an expression to its line and column in the
// file, allowing for quotes and block scalars.
func exprPos(file string, n *yaml.Node, off int) Pos {
	p := Pos{File: file, Line: n.Line, Col: n.Column}
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		p.Col += 1 + off
	case yaml.LiteralStyle, yaml.FoldedStyle:
		line, col := 1, 0
		for i, r := range []rune(n.Value) {
			if i >= off {
				break
			}
			if r == '\n' {
				line, col = line+1, 0
			} else {
				col++
			}
		}
		p.Line += line
		p.Col = col + 1
	default:
		p.Col += off
	}
	return p
}

func (l *loader) formula(file, category string, raw *rawFormula) *Formula {
	f := &Formula{
		ID:       raw.ID.Value,
		Category: category,
		Note:     strings.TrimSpace(raw.Note),
		Pos:      l.pos(file, &raw.ID),
		Symbols:  formula.MapScope{},
		Practice: map[string]Range{},
	}
	if f.ID == "" {
		l.errorf(f.Pos, "formula without id")
		return nil
	}
	what := "formula " + f.ID
	if prev := l.cat.byID[f.ID]; prev != nil {
		l.errorf(f.Pos, "%s already defined at %s:%d", what, prev.Pos.File, prev.Pos.Line)
		return nil
	}
	if strings.TrimSpace(raw.Source) == "" {
		l.errorf(f.Pos, "%s: source is required (law and article, or notice number)", what)
	}
	f.Source = strings.TrimSpace(raw.Source)
	if raw.Valid.From.Kind == 0 {
		l.errorf(f.Pos, "%s: valid.from is required", what)
	} else if d, ok := l.date(file, &raw.Valid.From, what+" valid.from"); ok {
		f.ValidFrom = d
	}
	if raw.Valid.To.Kind != 0 {
		if d, ok := l.date(file, &raw.Valid.To, what+" valid.to"); ok {
			f.ValidTo = d
			if d < f.ValidFrom {
				l.errorf(l.pos(file, &raw.Valid.To), "%s: valid.to is before valid.from", what)
			}
		}
	}
	f.ReplacedBy = raw.Valid.ReplacedBy

	for i := range raw.Inputs {
		in := l.inputHead(file, f, &raw.Inputs[i])
		if in == nil {
			continue
		}
		f.Inputs = append(f.Inputs, in)
	}
	// Steps get their slots before any expression is checked so that the
	// params found later number after them.
	for i := range raw.Steps {
		rs := &raw.Steps[i]
		id := rs.ID.Value
		if id == "" {
			l.errorf(l.pos(file, &rs.Expr), "%s: step %d has no id", what, i+1)
			continue
		}
		if _, dup := f.Symbols[id]; dup {
			l.errorf(l.pos(file, &rs.ID), "%s: %q is already an input or step", what, id)
			continue
		}
		st := &Step{ID: id, Pos: l.pos(file, &rs.ID), Src: rs.Expr.Value}
		st.Kind = l.kind(file, &rs.Kind, formula.KindMoney, what+" step "+id)
		st.Round = l.round(file, &rs.Round, st.Kind, what+" step "+id)
		if rs.Tolerance.Kind != 0 {
			if v, _, ok := l.value(file, &rs.Tolerance, formula.KindNumber, what+" step "+id+" tolerance"); ok {
				st.Tolerance = &v
			}
		}
		st.Slot = len(f.Inputs) + len(f.Steps)
		f.Steps = append(f.Steps, st)
	}
	for _, st := range f.Steps {
		f.Symbols[st.ID] = &formula.Symbol{Name: st.ID, Sym: formula.SymStep, Kind: st.Kind, Slot: st.Slot}
	}
	f.Slots = len(f.Inputs) + len(f.Steps)

	for i, in := range f.Inputs {
		l.inputDefault(file, f, in, &raw.Inputs[i])
	}
	l.defaultOrder(f)
	if len(raw.Parts) > 0 {
		l.parts(file, f, raw.Parts)
	}
	for i, st := range f.Steps {
		var rs *rawStep
		for j := range raw.Steps {
			if raw.Steps[j].ID.Value == st.ID {
				rs = &raw.Steps[j]
				break
			}
		}
		want := formula.TNum
		if st.Kind == formula.KindBool {
			want = formula.TBool
		}
		sc := &scope{l: l, f: f, steps: i, inSteps: true, parts: len(f.Parts)}
		st.Expr = l.expr(file, &rs.Expr, sc, want, what+" step "+st.ID)
		if st.Expr == nil {
			continue
		}
		if want == formula.TBool {
			st.Bool = formula.CompileBool(st.Expr)
		} else {
			st.Num = formula.CompileNum(st.Expr)
		}
		if rs.Show.Kind != 0 {
			l.stepShow(file, f, st, &rs.Show)
		}
	}
	if raw.Result.Value == "" {
		l.errorf(f.Pos, "%s: result is required (the id of the step that is the answer)", what)
	} else if f.Result = f.Step(raw.Result.Value); f.Result == nil {
		l.errorf(l.pos(file, &raw.Result), "%s: result %q is not a step", what, raw.Result.Value)
	} else if f.Result.Show != nil {
		l.errorf(f.Result.Pos, "%s: the result step %s cannot have show (the answer is always shown)", what, f.Result.ID)
	}
	for i := range raw.Refuse {
		rr := &raw.Refuse[i]
		r := &Refusal{Key: rr.Message.Value, Pos: l.pos(file, &rr.When), After: -1}
		if r.Key == "" {
			l.errorf(r.Pos, "%s: a refusal needs a message key", what)
			continue
		}
		sc := &scope{l: l, f: f, inSteps: true, steps: len(f.Steps)}
		if r.When = l.expr(file, &rr.When, sc, formula.TBool, what+" refusal "+r.Key); r.When == nil {
			continue
		}
		for _, id := range formula.Idents(r.When) {
			if id.Sym != nil && id.Sym.Sym == formula.SymStep {
				r.After = max(r.After, id.Sym.Slot-len(f.Inputs))
			}
		}
		r.Fn = formula.CompileBool(r.When)
		f.Refusals = append(f.Refusals, r)
	}
	for i := range raw.Warn {
		rw := &raw.Warn[i]
		w := &Refusal{Key: rw.Message.Value, Pos: l.pos(file, &rw.When), After: len(f.Steps) - 1}
		if w.Key == "" {
			l.errorf(w.Pos, "%s: a warning needs a message key", what)
			continue
		}
		sc := &scope{l: l, f: f, inSteps: true, steps: len(f.Steps), parts: len(f.Parts)}
		if w.When = l.expr(file, &rw.When, sc, formula.TBool, what+" warning "+w.Key); w.When == nil {
			continue
		}
		w.Fn = formula.CompileBool(w.When)
		f.Warnings = append(f.Warnings, w)
	}
	for i := range raw.File {
		n := &raw.File[i]
		if f.Step(n.Value) == nil && !f.carriedName(n.Value) {
			l.errorf(l.pos(file, n), "%s: file: %q is not a step or PART.STEP", what, n.Value)
			continue
		}
		f.Filed = append(f.Filed, n.Value)
	}
	if !l.skipPractice {
		l.practice(file, f, &raw.Practice)
	}
	for i := range raw.Examples {
		if ex := l.example(file, f, &raw.Examples[i]); ex != nil {
			f.Examples = append(f.Examples, ex)
		}
	}
	if len(raw.Examples) == 0 && !l.skipExamples {
		l.errorf(f.Pos, "%s has no worked example; add one with its source and expected numbers", what)
	}
	l.checkDates(f)
	l.cat.byID[f.ID] = f
	return f
}

func (l *loader) round(file string, n *yaml.Node, k formula.Kind, what string) int32 {
	if n.Kind == 0 {
		switch k {
		case formula.KindMoney:
			return 2
		case formula.KindInt:
			return 0
		}
		return NoRound
	}
	if n.Value == "none" {
		return NoRound
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil || v < 0 || v > 10 {
		l.errorf(l.pos(file, n), "%s: round must be none or a whole number of places from 0 to 10", what)
		return 2
	}
	return int32(v)
}

func (l *loader) inputHead(file string, f *Formula, ri *rawInput) *Input {
	id := ri.ID.Value
	what := "formula " + f.ID + " input " + id
	if id == "" {
		l.errorf(l.pos(file, &ri.Kind), "formula %s: an input has no id", f.ID)
		return nil
	}
	if _, dup := f.Symbols[id]; dup {
		l.errorf(l.pos(file, &ri.ID), "formula %s: input %q defined twice", f.ID, id)
		return nil
	}
	if ri.Kind.Kind == 0 {
		l.errorf(l.pos(file, &ri.ID), "%s: kind is required (money, rate, number, int, bool)", what)
	}
	in := &Input{ID: id, Slot: len(f.Inputs), Pos: l.pos(file, &ri.ID), Places: -1}
	in.Kind = l.kind(file, &ri.Kind, formula.KindMoney, what)
	f.Symbols[id] = &formula.Symbol{Name: id, Sym: formula.SymInput, Kind: in.Kind, Slot: in.Slot}
	switch in.Kind {
	case formula.KindMoney:
		in.Places = 2
	case formula.KindInt:
		in.Places = 0
	}
	if ri.Places.Kind != 0 {
		v, err := strconv.Atoi(ri.Places.Value)
		if err != nil || v < 0 || v > 10 {
			l.errorf(l.pos(file, &ri.Places), "%s: places must be a whole number from 0 to 10", what)
		} else {
			in.Places = int32(v)
		}
	}
	if in.Kind != formula.KindBool {
		zero, one := decimal.Zero, decimal.NewFromInt(1)
		in.Min = &zero
		if in.Kind == formula.KindRate {
			in.Max = &one
		}
		if in.Kind == formula.KindInt {
			in.Min = &one
		}
		for _, b := range []struct {
			n   *yaml.Node
			dst **decimal.Decimal
		}{{&ri.Min, &in.Min}, {&ri.Max, &in.Max}} {
			if b.n.Kind == 0 {
				continue
			}
			if b.n.Value == "none" {
				*b.dst = nil
				continue
			}
			if v, _, ok := l.value(file, b.n, in.Kind, what); ok {
				*b.dst = &v
			}
		}
	}
	for i := range ri.Choices {
		cn := &ri.Choices[i]
		p := l.cat.Params[cn.Value]
		if p == nil {
			l.errorf(l.pos(file, cn), "%s: choice %q is not a param", what, cn.Value)
			continue
		}
		if p.Kind != in.Kind {
			l.errorf(l.pos(file, cn), "%s: choice %s is a %s, the input a %s", what, p.ID, KindName(p.Kind), KindName(in.Kind))
			continue
		}
		in.Choices = append(in.Choices, p)
	}
	sym := f.Symbols[id]
	for _, p := range in.Choices {
		sym.Choices = append(sym.Choices, p.ID)
	}
	return in
}

func (l *loader) inputDefault(file string, f *Formula, in *Input, ri *rawInput) {
	if ri.Default.Kind == 0 {
		return
	}
	what := "formula " + f.ID + " input " + in.ID + " default"
	if ri.Default.Value == "part" && l.inScenario {
		in.FromPart, in.DefaultSrc = true, "part"
		return
	}
	want := formula.TNum
	if in.Kind == formula.KindBool {
		want = formula.TBool
	}
	sc := &scope{l: l, f: f, self: in.ID}
	n := l.expr(file, &ri.Default, sc, want, what)
	if n == nil {
		return
	}
	for _, id := range formula.Idents(n) {
		if id.Sym != nil && id.Sym.Sym == formula.SymStep {
			l.errorf(l.pos(file, &ri.Default), "%s: a default cannot read step %s", what, id.Name)
			return
		}
	}
	in.Default, in.DefaultSrc = n, ri.Default.Value
	if want == formula.TBool {
		in.DefaultBool = formula.CompileBool(n)
	} else {
		in.DefaultNum = formula.CompileNum(n)
	}
}

// defaultOrder finds, for each input, the inputs its default reads, and
// refuses cycles (a's default reads b, b's reads a).
func (l *loader) defaultOrder(f *Formula) {
	deps := map[int][]int{}
	for _, in := range f.Inputs {
		if in.Default == nil {
			continue
		}
		for _, id := range formula.Idents(in.Default) {
			if id.Sym != nil && id.Sym.Sym == formula.SymInput {
				deps[in.Slot] = append(deps[in.Slot], id.Sym.Slot)
			}
		}
	}
	const (
		white = iota
		grey
		black
	)
	color := map[int]int{}
	var visit func(int, []string) bool
	visit = func(s int, path []string) bool {
		switch color[s] {
		case grey:
			l.errorf(f.Inputs[s].Pos, "formula %s: the defaults of inputs form a cycle: %s", f.ID, strings.Join(append(path, f.Inputs[s].ID), " → "))
			return false
		case black:
			return true
		}
		color[s] = grey
		for _, d := range deps[s] {
			if !visit(d, append(path, f.Inputs[s].ID)) {
				return false
			}
		}
		color[s] = black
		return true
	}
	for _, in := range f.Inputs {
		if !visit(in.Slot, nil) {
			return
		}
		in.Order = deps[in.Slot]
	}
}

func (l *loader) practice(file string, f *Formula, n *yaml.Node) {
	l.mapping(file, n, "formula "+f.ID+" practice", func(k, v *yaml.Node) {
		in := f.Input(k.Value)
		what := "formula " + f.ID + " practice " + k.Value
		if in == nil {
			l.errorf(l.pos(file, k), "%s: no such input", what)
			return
		}
		if v.Kind == yaml.ScalarNode && v.Value == "choices" {
			if len(in.Choices) == 0 {
				l.errorf(l.pos(file, v), "%s: the input has no choices", what)
				return
			}
			f.Practice[in.ID] = Range{Choices: true}
			return
		}
		if v.Kind == yaml.MappingNode {
			vf := l.fields(file, v, what, "values")
			vals := vf["values"]
			if vals == nil || vals.Kind != yaml.SequenceNode || len(vals.Content) == 0 {
				l.errorf(l.pos(file, v), "%s: values must be a list", what)
				return
			}
			var r Range
			for _, n := range vals.Content {
				r.Values = append(r.Values, n.Value)
			}
			f.Practice[in.ID] = r
			return
		}
		var r Range
		// an expression of params and other drawn inputs
		expr := func(n *yaml.Node) formula.NumFn {
			sc := &scope{l: l, f: f, self: in.ID}
			ast := l.expr(file, n, sc, formula.TNum, what)
			if ast == nil {
				return nil
			}
			for _, id := range formula.Idents(ast) {
				if id.Sym != nil && id.Sym.Sym == formula.SymInput {
					r.After = append(r.After, id.Name)
				}
			}
			return formula.CompileNum(ast)
		}
		if v.Kind == yaml.ScalarNode {
			if r.Fn = expr(v); r.Fn != nil {
				f.Practice[in.ID] = r
			}
			return
		}
		if v.Kind != yaml.SequenceNode || len(v.Content) != 3 {
			l.errorf(l.pos(file, v), "%s: expected [min, max, step], choices, {values: [...]} or an expression", what)
			return
		}
		for i, dst := range []*decimal.Decimal{&r.Min, &r.Max, &r.Step} {
			if _, err := numparse.Parse(v.Content[i].Value); err != nil && i < 2 {
				fn := expr(v.Content[i])
				if fn == nil {
					return
				}
				if i == 0 {
					r.MinFn = fn
				} else {
					r.MaxFn = fn
				}
				continue
			}
			val, _, ok := l.value(file, v.Content[i], in.Kind, what)
			if !ok {
				return
			}
			*dst = val
		}
		if (r.MinFn == nil && r.MaxFn == nil && r.Max.LessThan(r.Min)) || !r.Step.IsPositive() {
			l.errorf(l.pos(file, v), "%s: need min ≤ max and a positive step", what)
			return
		}
		f.Practice[in.ID] = r
	})
	for id, r := range f.Practice {
		for _, dep := range r.After {
			if _, ok := f.Practice[dep]; !ok {
				l.errorf(f.Pos, "formula %s practice %s reads %s, which practice does not draw", f.ID, id, dep)
			}
		}
	}
}

func (l *loader) example(file string, f *Formula, re *rawExample) *Example {
	ex := &Example{Name: re.Name, Source: strings.TrimSpace(re.Source.Value), Refused: re.Refused, Inputs: map[string]string{}}
	ex.Pos = l.pos(file, &re.Date)
	what := "formula " + f.ID + " example"
	if re.Name != "" {
		what += " " + strconv.Quote(re.Name)
	}
	if re.Date.Kind == 0 {
		l.errorf(l.pos(file, &re.Source), "%s: date is required", what)
		return nil
	}
	if ex.Source == "" {
		l.errorf(ex.Pos, "%s: source is required (where the example comes from)", what)
	}
	d, ok := l.date(file, &re.Date, what)
	if !ok {
		return nil
	}
	ex.Date = d
	l.mapping(file, &re.Inputs, what+" inputs", func(k, v *yaml.Node) {
		if f.Input(k.Value) == nil {
			l.errorf(l.pos(file, k), "%s: %q is not an input", what, k.Value)
			return
		}
		ex.Inputs[k.Value] = v.Value
	})
	l.mapping(file, &re.Expect, what+" expect", func(k, v *yaml.Node) {
		if f.Step(k.Value) == nil && !f.carriedName(k.Value) {
			l.errorf(l.pos(file, k), "%s: %q is not a step", what, k.Value)
			return
		}
		ex.Expect = append(ex.Expect, Expect{Step: k.Value, Value: v.Value, Pos: l.pos(file, v)})
	})
	if len(ex.Expect) == 0 && ex.Refused == "" {
		l.errorf(ex.Pos, "%s: expect (step values) or refused is required", what)
	}
	return ex
}

// checkDates: every param or table a step reads must have a value on every
// day the formula is valid, or the formula would fail for a date it claims.
func (l *loader) checkDates(f *Formula) {
	from, to := f.ValidFrom, f.ValidTo
	covers := func(first date.Date, ends []date.Date) (bool, date.Date) {
		if first > from {
			return false, first
		}
		for _, e := range ends {
			if e > from && (to == 0 || e <= to) {
				return false, e
			}
		}
		return true, 0
	}
	for _, ps := range f.ParamSlots {
		if !ps.InSteps {
			continue
		}
		if ok, at := covers(ps.Param.Values[0].From, endsOf(ps.Param)); !ok {
			l.errorf(f.Pos, "formula %s (valid %s) reads param %s, which has no value on %s", f.ID, validText(f), ps.Param.ID, at)
		}
	}
	for _, t := range f.TableSlots {
		var ends []date.Date
		for _, v := range t.Values {
			if v.Table == nil {
				ends = append(ends, v.From)
			}
		}
		if ok, at := covers(t.Values[0].From, ends); !ok {
			l.errorf(f.Pos, "formula %s (valid %s) reads table %s, which has no brackets on %s", f.ID, validText(f), t.ID, at)
		}
	}
}

// endsOf lists the dates on which a param stops having a value.
func endsOf(p *Param) []date.Date {
	var out []date.Date
	for _, v := range p.Values {
		if v.Ended {
			out = append(out, v.From)
		}
	}
	return out
}

func validText(f *Formula) string {
	if f.ValidTo == 0 {
		return "from " + f.ValidFrom.String()
	}
	return f.ValidFrom.String() + " to " + f.ValidTo.String()
}

// CheckLabels reports every name a user can see that lacks a label in
// either catalog. Load does this when given the catalogs; a caller that
// loads the catalogs concurrently calls it after.
func (c *Catalog) CheckLabels(cats map[i18n.Lang]*i18n.Catalog) error {
	l := &loader{cat: c, i18n: cats}
	l.checkLabels()
	return errors.Join(l.errs...)
}

func (l *loader) checkReplaced() {
	for _, id := range sortedKeys(l.cat.Params) {
		p := l.cat.Params[id]
		if p.ReplacedBy != "" && l.cat.Params[p.ReplacedBy] == nil {
			l.errorf(p.Pos, "param %s: replaced_by %q is not a param id", p.ID, p.ReplacedBy)
		}
	}
	for _, f := range l.cat.Formulas {
		if f.ReplacedBy != "" && l.cat.byID[f.ReplacedBy] == nil {
			l.errorf(f.Pos, "formula %s: replaced_by %q is not a formula id", f.ID, f.ReplacedBy)
		}
	}
}

// checkLabels: every name a user can see must exist in both catalogs.
func (l *loader) checkLabels() {
	if l.i18n == nil {
		return
	}
	for _, lang := range i18n.Langs {
		c := l.i18n[lang]
		if c == nil {
			l.errorf(Pos{File: "i18n/" + string(lang) + ".toml"}, "catalog missing")
			continue
		}
		miss := func(p Pos, what string, keys ...string) {
			for _, k := range keys {
				if c.Has(k) {
					return
				}
			}
			l.errorf(p, "%s has no label in %s (add %q to i18n/%s.toml)", what, lang, keys[0], lang)
		}
		for _, cat := range l.cat.Categories {
			miss(Pos{File: cat.File, Line: 1}, "category "+cat.ID, i18n.CategoryKey(cat.ID))
		}
		for _, id := range sortedKeys(l.cat.Params) {
			p := l.cat.Params[id]
			miss(p.Pos, "param "+id, i18n.ParamKey(id))
			// Notes are read in the user's language too (the unverified
			// warnings); the file's note is the author's draft.
			if p.Note != "" {
				miss(p.Pos, "param "+id+" note", i18n.ParamNoteKey(id, ""))
			}
			for _, v := range p.Values {
				if v.Unverified && v.Note != "" {
					miss(p.Pos, "param "+id+" note of the value from "+v.From.String(), i18n.ParamNoteKey(id, v.From.String()))
				}
			}
		}
		for _, id := range sortedKeys(l.cat.Tables) {
			t := l.cat.Tables[id]
			miss(t.Pos, "table "+id, i18n.TableKey(id))
			if t.Note != "" {
				miss(t.Pos, "table "+id+" note", i18n.TableNoteKey(id, ""))
			}
			for _, v := range t.Values {
				if v.Unverified && v.Note != "" {
					miss(t.Pos, "table "+id+" note of the table from "+v.From.String(), i18n.TableNoteKey(id, v.From.String()))
				}
			}
		}
		for _, f := range l.cat.Formulas {
			miss(f.Pos, "formula "+f.ID, i18n.FormulaKey(f.ID))
			miss(f.Pos, "formula "+f.ID+" summary", i18n.SummaryKey(f.ID))
			if f.Note != "" {
				// The note is read in the user's language; the file's own
				// (English) note is only the author's draft of it.
				miss(f.Pos, "formula "+f.ID+" note", i18n.NoteKey(f.ID))
			}
			for _, in := range f.Inputs {
				own, shared := i18n.LabelKeys(f.ID, in.ID)
				miss(in.Pos, "input "+in.ID+" of "+f.ID, own, shared)
			}
			for _, st := range f.Steps {
				own, shared := i18n.LabelKeys(f.ID, st.ID)
				miss(st.Pos, "step "+st.ID+" of "+f.ID, own, shared)
			}
			for _, r := range f.Refusals {
				miss(r.Pos, "refusal "+r.Key+" of "+f.ID, i18n.RefuseKey(r.Key))
			}
			for _, w := range f.Warnings {
				miss(w.Pos, "warning "+w.Key+" of "+f.ID, i18n.WarnKey(w.Key))
			}
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// stepShow compiles a step's show condition. It may read params only, so
// that whether a step applies depends on the date and nothing else.
func (l *loader) stepShow(file string, f *Formula, st *Step, n *yaml.Node) {
	what := "formula " + f.ID + " step " + st.ID + " show"
	sc := &scope{l: l, f: f, inSteps: true}
	ast := l.expr(file, n, sc, formula.TBool, what)
	if ast == nil {
		return
	}
	for _, id := range formula.Idents(ast) {
		if id.Sym == nil || id.Sym.Sym != formula.SymParam {
			l.errorf(l.pos(file, n), "%s: %s is not a param; show may read params only (a step applies or not by date)", what, id.Name)
			return
		}
	}
	st.ShowExpr, st.Show = ast, formula.CompileBool(ast)
}
