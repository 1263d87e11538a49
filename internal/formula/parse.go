package formula

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// SyntaxError is a parse or check error at a rune offset of the expression.
type SyntaxError struct {
	Pos int // rune offset into the expression
	Msg string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("column %d: %s", e.Pos+1, e.Msg) }

type tokKind uint8

const (
	tEOF tokKind = iota
	tNum
	tIdent
	tOp // + - * / ( ) , < <= > >= == !=
)

type token struct {
	kind       tokKind
	text       string // op text, identifier, or digits of a number
	suffix     string // % or ‰ right after a number
	start, end int    // rune offsets
}

// lexer works on runes so that positions are rune offsets, which is what the
// caret under a CJK line needs.
type lexer struct {
	src []rune
	pos int
}

func isIdentStart(r rune) bool { return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }
func isIdentRune(r rune) bool  { return isIdentStart(r) || (r >= '0' && r <= '9') || r == '.' }
func isDigit(r rune) bool      { return r >= '0' && r <= '9' }

func (l *lexer) next() (token, error) {
	for l.pos < len(l.src) && (l.src[l.pos] == ' ' || l.src[l.pos] == '\t' || l.src[l.pos] == '\n' || l.src[l.pos] == '\r') {
		l.pos++
	}
	start := l.pos
	if l.pos >= len(l.src) {
		return token{kind: tEOF, start: start, end: start}, nil
	}
	r := l.src[l.pos]
	switch {
	case isDigit(r):
		for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
			l.pos++
		}
		if l.pos < len(l.src) && l.src[l.pos] == '.' {
			l.pos++
			if l.pos >= len(l.src) || !isDigit(l.src[l.pos]) {
				return token{}, &SyntaxError{l.pos, "a digit must follow the decimal point"}
			}
			for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
				l.pos++
			}
		}
		t := token{kind: tNum, text: string(l.src[start:l.pos]), start: start}
		if l.pos < len(l.src) && (l.src[l.pos] == '%' || l.src[l.pos] == '‰') {
			t.suffix = string(l.src[l.pos])
			l.pos++
		}
		if l.pos < len(l.src) && isIdentRune(l.src[l.pos]) {
			return token{}, &SyntaxError{l.pos, fmt.Sprintf("unexpected %q after a number", l.src[l.pos])}
		}
		t.end = l.pos
		return t, nil
	case isIdentStart(r):
		for l.pos < len(l.src) && isIdentRune(l.src[l.pos]) {
			l.pos++
		}
		name := string(l.src[start:l.pos])
		if strings.HasSuffix(name, ".") || strings.Contains(name, "..") {
			return token{}, &SyntaxError{start, fmt.Sprintf("malformed identifier %q", name)}
		}
		return token{kind: tIdent, text: name, start: start, end: l.pos}, nil
	}
	two := ""
	if l.pos+1 < len(l.src) {
		two = string(l.src[l.pos : l.pos+2])
	}
	switch two {
	case "<=", ">=", "==", "!=":
		l.pos += 2
		return token{kind: tOp, text: two, start: start, end: l.pos}, nil
	}
	switch r {
	case '+', '-', '*', '/', '(', ')', ',', '<', '>':
		l.pos++
		return token{kind: tOp, text: string(r), start: start, end: l.pos}, nil
	case '%', '‰':
		return token{}, &SyntaxError{start, fmt.Sprintf("%q must follow a number, as in 13%% or 0.5‰", r)}
	}
	if unicode.IsPrint(r) {
		return token{}, &SyntaxError{start, fmt.Sprintf("unexpected character %q", r)}
	}
	return token{}, &SyntaxError{start, fmt.Sprintf("unexpected character %U", r)}
}

type parser struct {
	lex lexer
	tok token
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 200

// Parse turns an expression into an AST. Identifiers are not resolved here;
// Check does that against a scope.
func Parse(src string) (Node, error) {
	if !utf8.ValidString(src) {
		return nil, &SyntaxError{0, "expression is not valid UTF-8"}
	}
	p := &parser{lex: lexer{src: []rune(src)}}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tEOF {
		return nil, &SyntaxError{0, "empty expression"}
	}
	n, err := p.expr(0, 0)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tEOF {
		return nil, &SyntaxError{p.tok.start, fmt.Sprintf("unexpected %s", p.describe())}
	}
	return n, nil
}

func (p *parser) advance() error {
	t, err := p.lex.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

func (p *parser) describe() string {
	switch p.tok.kind {
	case tEOF:
		return "end of expression"
	case tNum:
		return "number " + p.tok.text + p.tok.suffix
	case tIdent:
		return "identifier " + p.tok.text
	}
	return fmt.Sprintf("%q", p.tok.text)
}

// Binding powers. Comparisons do not chain: a < b < c is an error.
const (
	bpOr  = 10
	bpAnd = 20
	bpNot = 30
	bpCmp = 40
	bpAdd = 50
	bpMul = 60
	bpNeg = 70
)

func (p *parser) infix() (Op, int, bool) {
	switch p.tok.kind {
	case tOp:
		switch p.tok.text {
		case "+":
			return OpAdd, bpAdd, true
		case "-":
			return OpSub, bpAdd, true
		case "*":
			return OpMul, bpMul, true
		case "/":
			return OpDiv, bpMul, true
		case "<":
			return OpLt, bpCmp, true
		case "<=":
			return OpLe, bpCmp, true
		case ">":
			return OpGt, bpCmp, true
		case ">=":
			return OpGe, bpCmp, true
		case "==":
			return OpEq, bpCmp, true
		case "!=":
			return OpNe, bpCmp, true
		}
	case tIdent:
		switch p.tok.text {
		case "and":
			return OpAnd, bpAnd, true
		case "or":
			return OpOr, bpOr, true
		}
	}
	return 0, 0, false
}

func (p *parser) expr(minBP, depth int) (Node, error) {
	if depth > maxDepth {
		return nil, &SyntaxError{p.tok.start, "expression nested too deeply"}
	}
	left, err := p.prefix(depth)
	if err != nil {
		return nil, err
	}
	for {
		op, bp, ok := p.infix()
		if !ok || bp <= minBP {
			break
		}
		opPos := p.tok.start
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := p.expr(bp, depth+1)
		if err != nil {
			return nil, err
		}
		if bp == bpCmp {
			if _, _, more := p.infix(); more && p.tokIsCmp() {
				return nil, &SyntaxError{p.tok.start, "comparisons do not chain; join them with and"}
			}
		}
		left = &Binary{Op: op, X: left, Y: right, OpPos: opPos}
	}
	return left, nil
}

func (p *parser) tokIsCmp() bool {
	_, bp, ok := p.infix()
	return ok && bp == bpCmp
}

func (p *parser) prefix(depth int) (Node, error) {
	t := p.tok
	switch t.kind {
	case tEOF:
		return nil, &SyntaxError{t.start, "expression ends too early"}
	case tNum:
		if err := p.advance(); err != nil {
			return nil, err
		}
		v, err := decimal.NewFromString(t.text)
		if err != nil {
			return nil, &SyntaxError{t.start, fmt.Sprintf("bad number %q", t.text)}
		}
		switch t.suffix {
		case SuffixPercent:
			v = v.Shift(-2)
		case SuffixPermille:
			v = v.Shift(-3)
		}
		return &NumberLit{Start: t.start, End: t.end, Value: v, Digits: t.text, Suffix: t.suffix}, nil
	case tIdent:
		switch t.text {
		case "true", "false":
			if err := p.advance(); err != nil {
				return nil, err
			}
			return &BoolLit{Start: t.start, End: t.end, Value: t.text == "true"}, nil
		case "not":
			if err := p.advance(); err != nil {
				return nil, err
			}
			x, err := p.expr(bpNot, depth+1)
			if err != nil {
				return nil, err
			}
			return &Unary{Start: t.start, Op: OpNot, X: x}, nil
		case "and", "or":
			return nil, &SyntaxError{t.start, fmt.Sprintf("%q needs a value on its left", t.text)}
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
		if p.tok.kind == tOp && p.tok.text == "(" {
			return p.call(t, depth)
		}
		return &Ident{Start: t.start, End: t.end, Name: t.text}, nil
	case tOp:
		switch t.text {
		case "-":
			if err := p.advance(); err != nil {
				return nil, err
			}
			x, err := p.expr(bpNeg, depth+1)
			if err != nil {
				return nil, err
			}
			return &Unary{Start: t.start, Op: OpNeg, X: x}, nil
		case "(":
			if err := p.advance(); err != nil {
				return nil, err
			}
			x, err := p.expr(0, depth+1)
			if err != nil {
				return nil, err
			}
			if p.tok.kind != tOp || p.tok.text != ")" {
				return nil, &SyntaxError{p.tok.start, fmt.Sprintf("expected ) to close the ( at column %d, found %s", t.start+1, p.describe())}
			}
			end := p.tok.end
			if err := p.advance(); err != nil {
				return nil, err
			}
			return &Paren{Start: t.start, End: end, X: x}, nil
		}
	}
	return nil, &SyntaxError{t.start, fmt.Sprintf("unexpected %s", p.describe())}
}

func (p *parser) call(name token, depth int) (Node, error) {
	c := &Call{Start: name.start, Name: name.text}
	if err := p.advance(); err != nil { // the (
		return nil, err
	}
	if p.tok.kind == tOp && p.tok.text == ")" {
		c.End = p.tok.end
		return c, p.advance()
	}
	for {
		a, err := p.expr(0, depth+1)
		if err != nil {
			return nil, err
		}
		c.Args = append(c.Args, a)
		if p.tok.kind == tOp && p.tok.text == "," {
			if err := p.advance(); err != nil {
				return nil, err
			}
			continue
		}
		if p.tok.kind == tOp && p.tok.text == ")" {
			c.End = p.tok.end
			return c, p.advance()
		}
		return nil, &SyntaxError{p.tok.start, fmt.Sprintf("expected , or ) in the arguments of %s, found %s", c.Name, p.describe())}
	}
}
