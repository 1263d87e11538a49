// Package numparse reads numbers the way Chinese bookkeepers type them
// (113,000 · 11.3万 · 1.2亿 · 13% · 3‰ · full-width digits · ¥ and 元) and
// formats them back for display. It is strict: anything it does not
// understand is refused, because a misread amount is worse than an error.
package numparse

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Unit is how the number was written; it decides how it reads back.
type Unit uint8

const (
	Plain Unit = iota
	Percent
	Permille
	Wan // 万, 10⁴
	Yi  // 亿, 10⁸
)

// Number is a parsed number with the unit it was written in.
type Number struct {
	Value decimal.Decimal // 13% is 0.13; 11.3万 is 113000
	Unit  Unit
	Money bool // written with ¥/￥ or 元
}

// Error codes, stable so that the i18n catalogs can explain each one.
const (
	ErrEmpty    = "empty"
	ErrSyntax   = "syntax"
	ErrGrouping = "grouping"
	ErrMixed    = "mixed" // a percent written as money, ¥13%
	ErrTooLong  = "too_long"
)

// Error says why s was refused.
type Error struct {
	Input string
	Code  string
}

func (e *Error) Error() string {
	switch e.Code {
	case ErrEmpty:
		return "empty number"
	case ErrGrouping:
		return "digit groups must be of three: 113,000 or 1,130,000.50 (" + quote(e.Input) + ")"
	case ErrMixed:
		return "a percent or per-mille is not an amount of money (" + quote(e.Input) + ")"
	case ErrTooLong:
		return "number too long or too large (at most 20 digits before the point)"
	}
	return quote(e.Input) + " is not a number; accepted: 113000, 113,000, 113000.50, 11.3万, 1.2亿, 13%, 0.13, 3‰, ¥113,000, 113000元"
}

func quote(s string) string { return "“" + s + "”" }

// Limits keep a pasted novel from becoming a 10,000-digit decimal; no tax
// amount comes near them.
const (
	maxRaw    = 256 // bytes typed
	maxDigits = 48  // digits after removing grouping
	maxIntDig = 20  // digits before the point, after 万/亿
)

var fullWidth = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"，", ",", "．", ".", "％", "%", "－", "-", "。", ".",
	"￥", "¥", "\u3000", " ",
)

// Normalize folds full-width digits and punctuation to ASCII and trims
// spaces; it is what Parse reads.
func Normalize(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.TrimSpace(fullWidth.Replace(s))
		}
	}
	return strings.TrimSpace(s) // ASCII: nothing full-width to fold
}

// Parse reads one number.
func Parse(s string) (Number, error) {
	in := s
	if len(s) > maxRaw {
		return Number{}, &Error{Input: "", Code: ErrTooLong}
	}
	s = Normalize(s)
	if s == "" {
		return Number{}, &Error{Input: in, Code: ErrEmpty}
	}
	var n Number
	if strings.HasPrefix(s, "¥") {
		n.Money = true
		s = strings.TrimSpace(strings.TrimPrefix(s, "¥"))
	}
	if strings.HasSuffix(s, "元") {
		n.Money = true
		s = strings.TrimSpace(strings.TrimSuffix(s, "元"))
	}
	neg := false
	if strings.HasPrefix(s, "-") {
		neg = true
		s = s[1:]
	}
	switch {
	case strings.HasSuffix(s, "%"):
		n.Unit, s = Percent, strings.TrimSuffix(s, "%")
	case strings.HasSuffix(s, "‰"):
		n.Unit, s = Permille, strings.TrimSuffix(s, "‰")
	case strings.HasSuffix(s, "万"):
		n.Unit, s = Wan, strings.TrimSuffix(s, "万")
	case strings.HasSuffix(s, "亿"):
		n.Unit, s = Yi, strings.TrimSuffix(s, "亿")
	}
	if n.Money && (n.Unit == Percent || n.Unit == Permille) {
		return Number{}, &Error{Input: in, Code: ErrMixed}
	}
	digits, err := ungroup(s)
	if err != "" {
		return Number{}, &Error{Input: in, Code: err}
	}
	if len(digits) > maxDigits {
		return Number{}, &Error{Input: in, Code: ErrTooLong}
	}
	v, perr := fromDigits(digits)
	if perr != nil {
		return Number{}, &Error{Input: in, Code: ErrSyntax}
	}
	switch n.Unit {
	case Percent:
		v = v.Shift(-2)
	case Permille:
		v = v.Shift(-3)
	case Wan:
		v = v.Shift(4)
	case Yi:
		v = v.Shift(8)
	}
	if intDigits(v) > maxIntDig {
		return Number{}, &Error{Input: in, Code: ErrTooLong}
	}
	if neg {
		v = v.Neg()
	}
	n.Value = v
	return n, nil
}

// fromDigits is decimal.NewFromString of digits with an optional point
// (what ungroup returns): the same coefficient and exponent (113000.50 is
// 11300050 × 10⁻²), read without big numbers when 18 digits hold it.
func fromDigits(s string) (decimal.Decimal, error) {
	if len(s) > 19 {
		return decimal.NewFromString(s)
	}
	var c int64
	exp, point, n := int32(0), false, 0
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '.' && !point:
			point = true
		case ch >= '0' && ch <= '9':
			c = c*10 + int64(ch-'0')
			n++
			if point {
				exp--
			}
		default:
			return decimal.NewFromString(s)
		}
	}
	if n == 0 || n > 18 {
		return decimal.NewFromString(s)
	}
	return decimal.New(c, exp), nil
}

// intDigits counts the digits before the point of v ≥ 0, as written
// without leading zeros ("0" for a fraction).
func intDigits(v decimal.Decimal) int {
	return max(v.NumDigits()+int(v.Exponent()), 1)
}

// ungroup checks the digits (with optional 3-digit comma groups and one
// decimal point) and returns them without commas.
func ungroup(s string) (string, string) {
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart == "" || (hasPoint && frac == "") {
		return "", ErrSyntax
	}
	for i := 0; i < len(frac); i++ {
		if frac[i] < '0' || frac[i] > '9' {
			return "", ErrSyntax
		}
	}
	if !strings.Contains(intPart, ",") {
		for i := 0; i < len(intPart); i++ {
			if intPart[i] < '0' || intPart[i] > '9' {
				return "", ErrSyntax
			}
		}
		return s, "" // nothing to take out
	}
	groups := strings.Split(intPart, ",")
	for i, g := range groups {
		if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return "", ErrGrouping
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, g := range groups {
		for j := 0; j < len(g); j++ {
			if g[j] < '0' || g[j] > '9' {
				return "", ErrSyntax
			}
		}
		b.WriteString(g)
	}
	if hasPoint {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String(), ""
}

// Canonical is the plain form Parse reads back to the same value: no
// grouping, no trailing zeros, no unit.
func Canonical(d decimal.Decimal) string { return String(d) }

// Money formats an amount with thousands separators and at least two
// decimals (more if the amount has them, as unit taxes of 0.003 yuan do).
func Money(d decimal.Decimal) string {
	// String drops trailing zeros, so it shows the places the amount has;
	// padding to two is what rounding to two would write.
	return Group(atLeast2(String(d)))
}

// Fixed2 is money in the JSON contract: exactly two places unless more are
// significant, no grouping.
func Fixed2(d decimal.Decimal) string {
	s := String(d)
	if places(s) > 2 {
		return s
	}
	return atLeast2(s)
}

// Rate formats a rate as a percent, or per-mille when it is under 1% and
// reads more naturally that way (stamp duty 0.3‰ rather than 0.03%).
func Rate(d decimal.Decimal, u Unit) string {
	switch u {
	case Percent:
		return shifted(d, 2) + "%"
	case Permille:
		return shifted(d, 3) + "‰"
	}
	if !d.IsZero() && d.Abs().LessThan(decimal.New(1, -2)) {
		return shifted(d, 3) + "‰"
	}
	return shifted(d, 2) + "%"
}

// shifted is d.Shift(k).String().
func shifted(d decimal.Decimal, k int32) string {
	if c, exp, ok := small(d); ok && decimal.TrimTrailingZeros && !decimal.UseScientificNotation {
		if s, ok := plain(c, exp+k); ok {
			return s
		}
	}
	return d.Shift(k).String()
}

// Plainnum formats a count or other plain number with grouping.
func Plainnum(d decimal.Decimal) string { return Group(String(d)) }

// Group puts thousands separators into the integer part of a plain decimal
// string: 3000000.5 → 3,000,000.5.
func Group(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if len(intPart) > 3 {
		var b strings.Builder
		lead := len(intPart) % 3
		b.WriteString(intPart[:lead])
		for i := lead; i < len(intPart); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(intPart[i : i+3])
		}
		intPart = b.String()
	}
	if hasPoint {
		intPart += "." + frac
	}
	if neg {
		return "-" + intPart
	}
	return intPart
}
