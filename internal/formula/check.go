package formula

import (
	"fmt"
	"sort"
	"strings"
)

// Scope resolves identifiers while checking. It returns nil for a name it
// does not know.
type Scope interface {
	Lookup(name string) *Symbol
}

// MapScope is the simplest scope.
type MapScope map[string]*Symbol

func (m MapScope) Lookup(name string) *Symbol { return m[name] }

type builtin struct {
	name     string
	min, max int // argument counts; max < 0 means any number
	table    bool
}

var builtins = map[string]*builtin{
	"min":           {name: "min", min: 2, max: -1},
	"max":           {name: "max", min: 2, max: -1},
	"round":         {name: "round", min: 2, max: 2},
	"ceil":          {name: "ceil", min: 1, max: 2},
	"floor":         {name: "floor", min: 1, max: 2},
	"if":            {name: "if", min: 3, max: 3},
	"bracket_rate":  {name: "bracket_rate", min: 2, max: 3, table: true},
	"bracket_quick": {name: "bracket_quick", min: 2, max: 3, table: true},
	"progressive":   {name: "progressive", min: 2, max: 3, table: true},
	"chose":         {name: "chose", min: 2, max: 2},
}

// Functions lists the built-in function names, for documentation and for
// the i18n completeness test.
func Functions() []string {
	out := make([]string, 0, len(builtins))
	for k := range builtins {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// maxRoundPlaces bounds round/ceil/floor places to what money and rates need.
const maxRoundPlaces = 10

// Check resolves every identifier of n in scope, checks types and function
// arity, and returns the type of n. Errors carry the rune offset.
func Check(n Node, scope Scope) (Type, error) {
	c := checker{scope: scope}
	return c.check(n)
}

type checker struct{ scope Scope }

func errAt(n Node, format string, args ...any) error {
	s, _ := n.Span()
	return &SyntaxError{Pos: s, Msg: fmt.Sprintf(format, args...)}
}

func (c *checker) want(n Node, t Type, what string) error {
	got, err := c.check(n)
	if err != nil {
		return err
	}
	if got != t {
		return errAt(n, "%s must be a %s, not a %s", what, t, got)
	}
	return nil
}

func (c *checker) check(n Node) (Type, error) {
	switch n := n.(type) {
	case *NumberLit:
		return TNum, nil
	case *BoolLit:
		return TBool, nil
	case *Ident:
		if _, ok := builtins[n.Name]; ok {
			return 0, errAt(n, "%s is a function; call it as %s(...)", n.Name, n.Name)
		}
		sym := c.scope.Lookup(n.Name)
		if sym == nil {
			return 0, errAt(n, "unknown identifier %q", n.Name)
		}
		if sym.Sym == SymTable {
			return 0, errAt(n, "table %s can only be the first argument of bracket_rate, bracket_quick or progressive", n.Name)
		}
		n.Sym = sym
		return sym.Type(), nil
	case *Paren:
		return c.check(n.X)
	case *Unary:
		if n.Op == OpNot {
			return TBool, c.want(n.X, TBool, "the operand of not")
		}
		return TNum, c.want(n.X, TNum, "the operand of -")
	case *Binary:
		switch n.Op {
		case OpAnd, OpOr:
			if err := c.want(n.X, TBool, "the left side of "+opWord(n.Op)); err != nil {
				return 0, err
			}
			return TBool, c.want(n.Y, TBool, "the right side of "+opWord(n.Op))
		case OpEq, OpNe:
			lt, err := c.check(n.X)
			if err != nil {
				return 0, err
			}
			return TBool, c.want(n.Y, lt, "the right side of "+opWord(n.Op))
		case OpLt, OpLe, OpGt, OpGe:
			if err := c.want(n.X, TNum, "the left side of "+opWord(n.Op)); err != nil {
				return 0, err
			}
			return TBool, c.want(n.Y, TNum, "the right side of "+opWord(n.Op))
		default:
			if err := c.want(n.X, TNum, "the left side of "+opWord(n.Op)); err != nil {
				return 0, err
			}
			return TNum, c.want(n.Y, TNum, "the right side of "+opWord(n.Op))
		}
	case *Call:
		return c.call(n)
	}
	return 0, errAt(n, "unsupported expression")
}

func (c *checker) call(n *Call) (Type, error) {
	b, ok := builtins[n.Name]
	if !ok {
		names := Functions()
		return 0, errAt(n, "unknown function %q; the functions are %s", n.Name, strings.Join(names, ", "))
	}
	n.fn = b
	if len(n.Args) < b.min || (b.max >= 0 && len(n.Args) > b.max) {
		switch {
		case b.max < 0:
			return 0, errAt(n, "%s takes at least %d arguments, got %d", b.name, b.min, len(n.Args))
		case b.min == b.max:
			return 0, errAt(n, "%s takes %d arguments, got %d", b.name, b.min, len(n.Args))
		default:
			return 0, errAt(n, "%s takes %d to %d arguments, got %d", b.name, b.min, b.max, len(n.Args))
		}
	}
	if b.table {
		id, ok := n.Args[0].(*Ident)
		if !ok {
			return 0, errAt(n.Args[0], "the first argument of %s must be a table name", b.name)
		}
		sym := c.scope.Lookup(id.Name)
		if sym == nil {
			return 0, errAt(id, "unknown table %q", id.Name)
		}
		if sym.Sym != SymTable {
			return 0, errAt(id, "%s is not a table", id.Name)
		}
		id.Sym = sym
		for i, a := range n.Args[1:] {
			what := "the amount"
			if i == 1 {
				what = "the scale"
			}
			if err := c.want(a, TNum, what+" of "+b.name); err != nil {
				return 0, err
			}
		}
		return TNum, nil
	}
	switch b.name {
	case "chose":
		// chose(rate, stamp.law.lease): the input was given (or defaulted
		// to) that param of its choices. The param is named, not read, so it
		// need not be in force on every day the formula is.
		in, ok := n.Args[0].(*Ident)
		if !ok {
			return 0, errAt(n.Args[0], "the first argument of chose must be an input with choices")
		}
		sym := c.scope.Lookup(in.Name)
		if sym == nil || sym.Sym != SymInput || len(sym.Choices) == 0 {
			return 0, errAt(in, "%s is not an input with choices", in.Name)
		}
		in.Sym = sym
		p, ok := n.Args[1].(*Ident)
		if !ok {
			return 0, errAt(n.Args[1], "the second argument of chose must be a param id")
		}
		found := false
		for _, ch := range sym.Choices {
			found = found || ch == p.Name
		}
		if !found {
			return 0, errAt(p, "%s is not among the choices of %s", p.Name, in.Name)
		}
		p.Sym = &Symbol{Name: p.Name, Sym: SymParam, Slot: -1}
		return TBool, nil
	case "if":
		if err := c.want(n.Args[0], TBool, "the condition of if"); err != nil {
			return 0, err
		}
		t, err := c.check(n.Args[1])
		if err != nil {
			return 0, err
		}
		return t, c.want(n.Args[2], t, "the else branch of if (like the then branch)")
	case "round", "ceil", "floor":
		if err := c.want(n.Args[0], TNum, "the value of "+b.name); err != nil {
			return 0, err
		}
		if len(n.Args) == 2 {
			lit, ok := n.Args[1].(*NumberLit)
			if !ok || lit.Suffix != SuffixNone || !lit.Value.IsInteger() || lit.Value.IsNegative() || lit.Value.IntPart() > maxRoundPlaces {
				return 0, errAt(n.Args[1], "the places of %s must be a whole number from 0 to %d written as a literal", b.name, maxRoundPlaces)
			}
		}
		return TNum, nil
	default: // min, max
		for i, a := range n.Args {
			if err := c.want(a, TNum, fmt.Sprintf("argument %d of %s", i+1, b.name)); err != nil {
				return 0, err
			}
		}
		return TNum, nil
	}
}

func opWord(op Op) string {
	switch op {
	case OpAdd:
		return "+"
	case OpSub:
		return "-"
	case OpMul:
		return "*"
	case OpDiv:
		return "/"
	case OpLt:
		return "<"
	case OpLe:
		return "<="
	case OpGt:
		return ">"
	case OpGe:
		return ">="
	case OpEq:
		return "=="
	case OpNe:
		return "!="
	case OpAnd:
		return "and"
	case OpOr:
		return "or"
	case OpNot:
		return "not"
	}
	return "-"
}
