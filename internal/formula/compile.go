package formula

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// DivPrecision is the number of decimal places kept by a division. It is far
// beyond the 0.01 yuan any step rounds to, and it is explicit because the
// package default (16) is a global that other code could change.
const DivPrecision = 20

// Env holds the values an evaluation reads: Vals by symbol slot (booleans as
// 1 or 0) and the tables in force.
type Env struct {
	Vals   []decimal.Decimal
	Tables []*Table
	// Read, when set, records which value slots and tables an evaluation
	// actually read (a param in the branch of an if not taken is not read).
	Read  []bool
	TRead []bool
	// Chosen is, per input slot, the id of the param the input was chosen
	// as, for chose(input, param).
	Chosen []string
}

// NumFn and BoolFn are compiled expressions.
type (
	NumFn  func(*Env) (decimal.Decimal, error)
	BoolFn func(*Env) (bool, error)
)

// EvalError is a failure while evaluating, located in the expression.
// Code is stable (div_zero, no_table) so callers can translate it.
type EvalError struct {
	Start, End int
	Code       string
	Detail     string
}

func (e *EvalError) Error() string {
	return fmt.Sprintf("column %d: %s", e.Start+1, e.Detail)
}

var one = decimal.NewFromInt(1)

// CompileNum compiles a checked numeric expression.
func CompileNum(n Node) NumFn {
	switch n := n.(type) {
	case *NumberLit:
		v := n.Value
		return func(*Env) (decimal.Decimal, error) { return v, nil }
	case *Ident:
		slot := n.Sym.Slot
		if n.Sym.Sym == SymParam {
			return func(e *Env) (decimal.Decimal, error) {
				if e.Read != nil {
					e.Read[slot] = true
				}
				return e.Vals[slot], nil
			}
		}
		return func(e *Env) (decimal.Decimal, error) { return e.Vals[slot], nil }
	case *Paren:
		return CompileNum(n.X)
	case *Unary:
		x := CompileNum(n.X)
		return func(e *Env) (decimal.Decimal, error) {
			v, err := x(e)
			return v.Neg(), err
		}
	case *Binary:
		return compileArith(n)
	case *Call:
		return compileCall(n)
	}
	panic(fmt.Sprintf("formula: CompileNum on unchecked %T", n))
}

func compileArith(n *Binary) NumFn {
	x, y := CompileNum(n.X), CompileNum(n.Y)
	switch n.Op {
	case OpAdd:
		return func(e *Env) (decimal.Decimal, error) {
			a, err := x(e)
			if err != nil {
				return a, err
			}
			b, err := y(e)
			return Add(a, b), err
		}
	case OpSub:
		return func(e *Env) (decimal.Decimal, error) {
			a, err := x(e)
			if err != nil {
				return a, err
			}
			b, err := y(e)
			return Sub(a, b), err
		}
	case OpMul:
		return func(e *Env) (decimal.Decimal, error) {
			a, err := x(e)
			if err != nil {
				return a, err
			}
			b, err := y(e)
			return Mul(a, b), err
		}
	case OpDiv:
		start, end := n.Span()
		return func(e *Env) (decimal.Decimal, error) {
			a, err := x(e)
			if err != nil {
				return a, err
			}
			b, err := y(e)
			if err != nil {
				return b, err
			}
			if b.IsZero() {
				return decimal.Zero, &EvalError{Start: start, End: end, Code: "div_zero", Detail: "division by zero"}
			}
			return a.DivRound(b, DivPrecision), nil
		}
	}
	panic("formula: arithmetic on non-arithmetic operator")
}

// CompileBool compiles a checked boolean expression.
func CompileBool(n Node) BoolFn {
	switch n := n.(type) {
	case *BoolLit:
		v := n.Value
		return func(*Env) (bool, error) { return v, nil }
	case *Ident:
		slot := n.Sym.Slot
		param := n.Sym.Sym == SymParam
		return func(e *Env) (bool, error) {
			if param && e.Read != nil {
				e.Read[slot] = true
			}
			return !e.Vals[slot].IsZero(), nil
		}
	case *Paren:
		return CompileBool(n.X)
	case *Unary:
		x := CompileBool(n.X)
		return func(e *Env) (bool, error) {
			v, err := x(e)
			return !v, err
		}
	case *Call:
		if n.Name == "chose" {
			slot, id := n.Args[0].(*Ident).Sym.Slot, n.Args[1].(*Ident).Name
			return func(e *Env) (bool, error) { return slot < len(e.Chosen) && e.Chosen[slot] == id, nil }
		}
		// if(c, a, b) with boolean branches
		c, a, b := CompileBool(n.Args[0]), CompileBool(n.Args[1]), CompileBool(n.Args[2])
		return func(e *Env) (bool, error) {
			cond, err := c(e)
			if err != nil {
				return false, err
			}
			if cond {
				return a(e)
			}
			return b(e)
		}
	case *Binary:
		switch n.Op {
		case OpAnd, OpOr:
			x, y := CompileBool(n.X), CompileBool(n.Y)
			and := n.Op == OpAnd
			return func(e *Env) (bool, error) {
				a, err := x(e)
				if err != nil || a != and { // short-circuit
					return a, err
				}
				return y(e)
			}
		}
		if isBoolOperand(n.X) {
			x, y := CompileBool(n.X), CompileBool(n.Y)
			eq := n.Op == OpEq
			return func(e *Env) (bool, error) {
				a, err := x(e)
				if err != nil {
					return false, err
				}
				b, err := y(e)
				return (a == b) == eq, err
			}
		}
		x, y := CompileNum(n.X), CompileNum(n.Y)
		var test func(int) bool
		switch n.Op {
		case OpLt:
			test = func(c int) bool { return c < 0 }
		case OpLe:
			test = func(c int) bool { return c <= 0 }
		case OpGt:
			test = func(c int) bool { return c > 0 }
		case OpGe:
			test = func(c int) bool { return c >= 0 }
		case OpEq:
			test = func(c int) bool { return c == 0 }
		default:
			test = func(c int) bool { return c != 0 }
		}
		return func(e *Env) (bool, error) {
			a, err := x(e)
			if err != nil {
				return false, err
			}
			b, err := y(e)
			if err != nil {
				return false, err
			}
			return test(Cmp(a, b)), nil
		}
	}
	panic(fmt.Sprintf("formula: CompileBool on unchecked %T", n))
}

// isBoolOperand reports whether a checked node has boolean type. Check has
// already proved both sides of == agree, so the left side decides.
func isBoolOperand(n Node) bool {
	switch n := n.(type) {
	case *BoolLit:
		return true
	case *Ident:
		return n.Sym != nil && n.Sym.Type() == TBool
	case *Paren:
		return isBoolOperand(n.X)
	case *Unary:
		return n.Op == OpNot
	case *Binary:
		switch n.Op {
		case OpAdd, OpSub, OpMul, OpDiv:
			return false
		}
		return true
	case *Call:
		return n.Name == "chose" || (n.Name == "if" && isBoolOperand(n.Args[1]))
	}
	return false
}

func compileCall(n *Call) NumFn {
	var f NumFn
	switch n.Name {
	case "min", "max":
		args := make([]NumFn, len(n.Args))
		for i, a := range n.Args {
			args[i] = CompileNum(a)
		}
		isMax := n.Name == "max"
		f = func(e *Env) (decimal.Decimal, error) {
			best, err := args[0](e)
			if err != nil {
				return best, err
			}
			for _, a := range args[1:] {
				v, err := a(e)
				if err != nil {
					return v, err
				}
				if c := Cmp(v, best); (isMax && c > 0) || (!isMax && c < 0) {
					best = v
				}
			}
			return best, nil
		}
	case "round", "ceil", "floor":
		x := CompileNum(n.Args[0])
		places := int32(0)
		if len(n.Args) == 2 {
			places = int32(n.Args[1].(*NumberLit).Value.IntPart())
		}
		var r func(decimal.Decimal, int32) decimal.Decimal
		switch n.Name {
		case "round":
			r = RoundHalfUp
		case "ceil":
			r = decimal.Decimal.RoundCeil
		default:
			r = decimal.Decimal.RoundFloor
		}
		f = func(e *Env) (decimal.Decimal, error) {
			v, err := x(e)
			return r(v, places), err
		}
	case "if":
		c, a, b := CompileBool(n.Args[0]), CompileNum(n.Args[1]), CompileNum(n.Args[2])
		f = func(e *Env) (decimal.Decimal, error) {
			cond, err := c(e)
			if err != nil {
				return decimal.Zero, err
			}
			if cond {
				return a(e)
			}
			return b(e)
		}
	default: // table functions
		slot := n.Args[0].(*Ident).Sym.Slot
		name := n.Args[0].(*Ident).Name
		x := CompileNum(n.Args[1])
		scale := func(*Env) (decimal.Decimal, error) { return one, nil }
		if len(n.Args) == 3 {
			scale = CompileNum(n.Args[2])
		}
		n.argX, n.argScale = x, scale
		start, end := n.Span()
		kind := n.Name
		f = func(e *Env) (decimal.Decimal, error) {
			if e.TRead != nil {
				e.TRead[slot] = true
			}
			t := e.Tables[slot]
			if t == nil || len(t.Brackets) == 0 {
				return decimal.Zero, &EvalError{Start: start, End: end, Code: "no_table", Detail: "table " + name + " has no brackets in force"}
			}
			v, err := x(e)
			if err != nil {
				return v, err
			}
			s, err := scale(e)
			if err != nil {
				return s, err
			}
			switch kind {
			case "bracket_rate":
				return t.Brackets[t.find(v, s)].Rate, nil
			case "bracket_quick":
				return t.Brackets[t.find(v, s)].Quick, nil
			}
			return t.Progressive(v, s), nil
		}
	}
	n.num = f
	return f
}
