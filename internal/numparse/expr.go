package numparse

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Error codes of arithmetic.
const (
	ErrExpr    = "expr"     // an operator or parenthesis out of place
	ErrDivZero = "div_zero" // division by zero
)

// DivPlaces is how many decimals a division keeps. No amount, rate or count
// of a tax form needs more; a quotient that does not end within them has
// more places than any field accepts, so the engine refuses it by the
// field's places rather than taking a rounded value silently.
const DivPlaces = 20

// Limits of arithmetic: nesting, and the size of a value on the way.
const (
	maxDepth      = 32
	maxWorkDigits = 120
)

// opFold turns the operators people type (and the full-width forms an IME
// gives) into ASCII ones.
var opFold = strings.NewReplacer(
	"×", "*", "÷", "/", "−", "-", "＋", "+", "＊", "*", "／", "/",
	"（", "(", "）", ")",
)

// IsExpr says whether s is arithmetic rather than one number: it has an
// operator or a parenthesis other than a leading minus.
func IsExpr(s string) bool {
	s = opFold.Replace(Normalize(s))
	s = strings.TrimPrefix(s, "-")
	return strings.ContainsAny(s, "+-*/()")
}

// Expr reads one number or simple arithmetic on numbers: + − × ÷ (also
// * and /), parentheses and unary minus, each operand written as Parse
// reads it (20000*5, 11.3万+5000, (1,000-200)×13%). The arithmetic is
// exact decimal; a division keeps DivPlaces decimals. A single number is
// exactly Parse; arithmetic gives a Plain number (13%×2 is 0.26), Money
// if an operand was written as money.
func Expr(s string) (Number, error) {
	if len(s) > maxRaw {
		return Number{}, &Error{Input: "", Code: ErrTooLong}
	}
	if !IsExpr(s) {
		return Parse(s)
	}
	p := exprParser{in: s, s: opFold.Replace(Normalize(s))}
	v, err := p.sum(0)
	if err == nil && p.pos < len(p.s) {
		err = p.fail(ErrExpr)
	}
	if err != nil {
		return Number{}, err
	}
	// What Parse could not read back (a ten-billionth of a ten-billionth)
	// is no value of a tax form.
	if intDigits(v.Abs()) > maxIntDig || len(strings.Replace(v.Abs().String(), ".", "", 1)) > maxDigits {
		return Number{}, &Error{Input: s, Code: ErrTooLong}
	}
	return Number{Value: v, Unit: Plain, Money: p.money}, nil
}

type exprParser struct {
	in    string // as typed, for the error
	s     string // folded
	pos   int
	money bool
}

func (p *exprParser) fail(code string) error { return &Error{Input: p.in, Code: code} }

func (p *exprParser) skip() {
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

// peek is the next operator or parenthesis, or 0.
func (p *exprParser) peek() byte {
	p.skip()
	if p.pos < len(p.s) && strings.IndexByte("+-*/()", p.s[p.pos]) >= 0 {
		return p.s[p.pos]
	}
	return 0
}

func (p *exprParser) sum(depth int) (decimal.Decimal, error) {
	v, err := p.product(depth)
	for err == nil {
		op := p.peek()
		if op != '+' && op != '-' {
			break
		}
		p.pos++
		var w decimal.Decimal
		if w, err = p.product(depth); err != nil {
			break
		}
		if op == '+' {
			v = v.Add(w)
		} else {
			v = v.Sub(w)
		}
		err = p.check(v)
	}
	return v, err
}

func (p *exprParser) product(depth int) (decimal.Decimal, error) {
	v, err := p.unary(depth)
	for err == nil {
		op := p.peek()
		if op != '*' && op != '/' {
			break
		}
		p.pos++
		var w decimal.Decimal
		if w, err = p.unary(depth); err != nil {
			break
		}
		if op == '*' {
			v = v.Mul(w)
		} else {
			if w.IsZero() {
				return v, p.fail(ErrDivZero)
			}
			v = v.DivRound(w, DivPlaces)
		}
		err = p.check(v)
	}
	return v, err
}

func (p *exprParser) unary(depth int) (decimal.Decimal, error) {
	if depth > maxDepth {
		return decimal.Decimal{}, p.fail(ErrTooLong)
	}
	switch p.peek() {
	case '-':
		p.pos++
		v, err := p.unary(depth + 1)
		return v.Neg(), err
	case '+':
		p.pos++
		return p.unary(depth + 1)
	case '(':
		p.pos++
		v, err := p.sum(depth + 1)
		if err != nil {
			return v, err
		}
		if p.peek() != ')' {
			return v, p.fail(ErrExpr)
		}
		p.pos++
		return v, nil
	case ')', '*', '/':
		return decimal.Decimal{}, p.fail(ErrExpr)
	}
	start := p.pos
	for p.pos < len(p.s) && strings.IndexByte("+-*/() ", p.s[p.pos]) < 0 {
		p.pos++
	}
	if p.pos == start {
		return decimal.Decimal{}, p.fail(ErrExpr) // ends after an operator
	}
	n, err := Parse(p.s[start:p.pos])
	if err != nil {
		if e, ok := err.(*Error); ok {
			return decimal.Decimal{}, &Error{Input: p.s[start:p.pos], Code: e.Code}
		}
		return decimal.Decimal{}, err
	}
	p.money = p.money || n.Money
	return n.Value, nil
}

// check keeps a value on the way within reach: 20 digits multiplied by
// itself a dozen times is no tax amount, only work.
func (p *exprParser) check(v decimal.Decimal) error {
	if v.NumDigits() > maxWorkDigits || intDigits(v.Abs()) > 2*maxIntDig {
		return p.fail(ErrTooLong)
	}
	return nil
}
