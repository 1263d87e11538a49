// Package formula parses, checks, evaluates and prints the small expression
// language of the formula files. One AST serves all three jobs, so the text a
// user reads can never drift from the arithmetic that produced the number.
package formula

import "github.com/shopspring/decimal"

// Op is an operator of the language.
type Op uint8

const (
	OpAdd Op = iota + 1
	OpSub
	OpMul
	OpDiv
	OpLt
	OpLe
	OpGt
	OpGe
	OpEq
	OpNe
	OpAnd
	OpOr
	OpNot
	OpNeg
)

// Type is what an expression yields; checked at load time so evaluation
// never meets a boolean where it needs a number.
type Type uint8

const (
	TNum Type = iota + 1
	TBool
)

func (t Type) String() string {
	if t == TBool {
		return "boolean"
	}
	return "number"
}

// Kind is how a value is read by people: it decides display and rounding.
type Kind uint8

const (
	KindMoney Kind = iota + 1
	KindRate
	KindNumber
	KindInt
	KindBool
)

// SymKind says what an identifier names.
type SymKind uint8

const (
	SymInput SymKind = iota + 1
	SymStep
	SymParam
	SymTable
	// SymCarried is a value of an earlier part of a scenario (vat.payable),
	// read like a step.
	SymCarried
)

// Symbol is a resolved identifier. Slot indexes Env.Vals (or Env.Tables for
// tables).
type Symbol struct {
	Name string
	Sym  SymKind
	Kind Kind
	Slot int
	// QuickRate marks a table whose quick column is a coefficient (LAT), so
	// it prints as a rate rather than as money.
	QuickRate bool
	// Choices are the param ids an input offers, for chose(input, param).
	Choices []string
}

// Type of the values the symbol holds.
func (s *Symbol) Type() Type {
	if s.Kind == KindBool {
		return TBool
	}
	return TNum
}

// Node is an expression node. Start and End are rune offsets into the
// expression source, End exclusive.
type Node interface {
	Span() (start, end int)
}

// Literal suffixes keep how a number was written, so "13%" prints as 13%.
const (
	SuffixNone     = ""
	SuffixPercent  = "%"
	SuffixPermille = "‰"
)

type NumberLit struct {
	Start, End int
	Value      decimal.Decimal // already scaled: 13% holds 0.13
	Digits     string          // the digits as written, without suffix
	Suffix     string
}

type BoolLit struct {
	Start, End int
	Value      bool
}

type Ident struct {
	Start, End int
	Name       string
	Sym        *Symbol // set by Check
}

type Unary struct {
	Start int
	Op    Op
	X     Node
}

type Binary struct {
	Op    Op
	X, Y  Node
	OpPos int
}

type Paren struct {
	Start, End int
	X          Node
}

type Call struct {
	Start, End int
	Name       string
	Args       []Node
	fn         *builtin
	// Set by Compile for table functions, so the printer can show a lookup
	// by its value and a progressive sum by its slices.
	num, argX, argScale NumFn
}

func (n *NumberLit) Span() (int, int) { return n.Start, n.End }
func (n *BoolLit) Span() (int, int)   { return n.Start, n.End }
func (n *Ident) Span() (int, int)     { return n.Start, n.End }
func (n *Unary) Span() (int, int)     { _, e := n.X.Span(); return n.Start, e }
func (n *Binary) Span() (int, int) {
	s, _ := n.X.Span()
	_, e := n.Y.Span()
	return s, e
}
func (n *Paren) Span() (int, int) { return n.Start, n.End }
func (n *Call) Span() (int, int)  { return n.Start, n.End }

// Walk calls f for n and every node below it, parents first.
func Walk(n Node, f func(Node)) {
	f(n)
	switch n := n.(type) {
	case *Unary:
		Walk(n.X, f)
	case *Binary:
		Walk(n.X, f)
		Walk(n.Y, f)
	case *Paren:
		Walk(n.X, f)
	case *Call:
		for _, a := range n.Args {
			Walk(a, f)
		}
	}
}

// Idents lists the identifiers of n in source order.
func Idents(n Node) []*Ident {
	var out []*Ident
	Walk(n, func(n Node) {
		if id, ok := n.(*Ident); ok {
			out = append(out, id)
		}
	})
	return out
}
