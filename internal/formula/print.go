package formula

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/numparse"
)

// Printer renders an AST for people. With Value nil it prints the symbolic
// formula (labels in place of identifiers); with Value set it prints the same
// formula with the numbers put in, and shows table lookups by their result
// (and a progressive sum slice by slice) because that is what a student
// checks by hand.
type Printer struct {
	// Label names an identifier (an input, step, param or table).
	Label func(id *Ident) string
	// Word translates function names and and/or/not; nil keeps them.
	Word func(name string) string
	// Value, when set, switches to substitution and gives an identifier's
	// value as text. Env is then needed to show lookups.
	Value func(id *Ident) string
	Env   *Env
	// Number formats a computed value of the given kind (lookup results,
	// slice bounds).
	Number func(v decimal.Decimal, k Kind) string
	// Source prints the expression back in the syntax of the formula files
	// (ASCII operators, no digit grouping): Parse(Print(n)) gives n again.
	Source bool
}

// Print renders n.
func (p *Printer) Print(n Node) string {
	var b strings.Builder
	p.print(&b, n, true)
	return b.String()
}

func (p *Printer) word(name string) string {
	if p.Word != nil && !p.Source {
		if w := p.Word(name); w != "" {
			return w
		}
	}
	return name
}

func (p *Printer) number(v decimal.Decimal, k Kind) string {
	if p.Number != nil {
		return p.Number(v, k)
	}
	return v.String()
}

// OpSign is how an operator reads on screen.
func OpSign(op Op) string {
	switch op {
	case OpAdd:
		return "+"
	case OpSub, OpNeg:
		return "−"
	case OpMul:
		return "×"
	case OpDiv:
		return "÷"
	case OpLt:
		return "<"
	case OpLe:
		return "≤"
	case OpGt:
		return ">"
	case OpGe:
		return "≥"
	case OpEq:
		return "="
	case OpNe:
		return "≠"
	}
	return opWord(op)
}

func (p *Printer) print(b *strings.Builder, n Node, root bool) {
	switch n := n.(type) {
	case *NumberLit:
		if p.Source {
			b.WriteString(n.Digits)
		} else {
			b.WriteString(numparse.Group(n.Digits))
		}
		b.WriteString(n.Suffix)
	case *BoolLit:
		if n.Value {
			b.WriteString(p.word("true"))
		} else {
			b.WriteString(p.word("false"))
		}
	case *Ident:
		if p.Value != nil {
			b.WriteString(p.Value(n))
		} else if p.Label != nil {
			b.WriteString(p.Label(n))
		} else {
			b.WriteString(n.Name)
		}
	case *Paren:
		b.WriteByte('(')
		p.print(b, n.X, true)
		b.WriteByte(')')
	case *Unary:
		switch {
		case n.Op == OpNot:
			b.WriteString(p.word("not"))
			b.WriteByte(' ')
		case p.Source:
			b.WriteString("-")
		default:
			b.WriteString("−")
		}
		p.print(b, n.X, false)
	case *Binary:
		p.print(b, n.X, false)
		b.WriteByte(' ')
		switch {
		case p.Source:
			b.WriteString(opWord(n.Op))
		case n.Op == OpAnd || n.Op == OpOr:
			b.WriteString(p.word(opWord(n.Op)))
		default:
			b.WriteString(OpSign(n.Op))
		}
		b.WriteByte(' ')
		p.print(b, n.Y, false)
	case *Call:
		if n.Name == "chose" {
			// names, not numbers, in both forms
			b.WriteString(p.word(n.Name))
			b.WriteByte('(')
			for i, a := range n.Args {
				if i > 0 {
					b.WriteString(", ")
				}
				id := a.(*Ident)
				switch {
				case p.Source || p.Label == nil:
					b.WriteString(id.Name)
				default:
					b.WriteString(p.Label(id))
				}
			}
			b.WriteByte(')')
			return
		}
		if n.Name == "if" && !p.Source && p.Word != nil && len(n.Args) == 3 {
			// as the law reads: 如果 条件 则 甲 否则 乙 (if … then … else …)
			if !root {
				b.WriteByte('(')
			}
			b.WriteString(p.word("if") + " ")
			p.print(b, n.Args[0], false) // a nested if in parentheses
			b.WriteString(" " + p.word("then") + " ")
			p.print(b, n.Args[1], false)
			b.WriteString(" " + p.word("else") + " ")
			p.print(b, n.Args[2], false)
			if !root {
				b.WriteByte(')')
			}
			return
		}
		if p.Value != nil && n.fn != nil && n.fn.table && n.num != nil && p.Env != nil {
			p.lookup(b, n, root)
			return
		}
		b.WriteString(p.word(n.Name))
		b.WriteByte('(')
		if n.fn != nil && n.fn.table && n.Name != "progressive" && len(n.Args) == 3 && !p.Source {
			// bounds scaled by s compare exactly what x ÷ s means: the LAT
			// ratio, the bonus ÷ 12; that is how a textbook writes it.
			p.print(b, n.Args[0], true)
			b.WriteString(", ")
			p.operand(b, n.Args[1])
			b.WriteString(" ÷ ")
			p.operand(b, n.Args[2])
			b.WriteByte(')')
			return
		}
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			p.print(b, a, true)
		}
		b.WriteByte(')')
	}
}

// operand prints n as one side of × or ÷, in parentheses unless it is a
// single term.
func (p *Printer) operand(b *strings.Builder, n Node) {
	switch n.(type) {
	case *Ident, *NumberLit, *Paren, *Call:
		p.print(b, n, false)
	default:
		b.WriteByte('(')
		p.print(b, n, true)
		b.WriteByte(')')
	}
}

// lookup prints a table function by its value; progressive is written out as
// the sum of its slices.
func (p *Printer) lookup(b *strings.Builder, n *Call, root bool) {
	tab := n.Args[0].(*Ident)
	if n.Name != "progressive" {
		v, err := n.num(p.Env)
		if err != nil {
			b.WriteString("?")
			return
		}
		k := KindRate
		if n.Name == "bracket_quick" && !(tab.Sym != nil && tab.Sym.QuickRate) {
			k = KindMoney
		}
		b.WriteString(p.number(v, k))
		return
	}
	t := p.Env.Tables[tab.Sym.Slot]
	x, err1 := n.argX(p.Env)
	scale, err2 := n.argScale(p.Env)
	if t == nil || err1 != nil || err2 != nil {
		b.WriteString("?")
		return
	}
	slices := t.Slices(x, scale)
	if len(slices) == 0 {
		b.WriteString("0")
		return
	}
	wrap := !root && len(slices) > 1
	if wrap {
		b.WriteByte('(')
	}
	for i, s := range slices {
		if i > 0 {
			b.WriteString(" + ")
		}
		if s.From.IsZero() {
			b.WriteString(p.number(s.To, KindMoney))
		} else {
			b.WriteByte('(')
			b.WriteString(p.number(s.To, KindMoney))
			b.WriteString(" − ")
			b.WriteString(p.number(s.From, KindMoney))
			b.WriteByte(')')
		}
		b.WriteString(" × ")
		b.WriteString(p.number(s.Rate, KindRate))
	}
	if wrap {
		b.WriteByte(')')
	}
}
