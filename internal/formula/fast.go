package formula

import (
	"math/bits"

	"github.com/shopspring/decimal"
)

// Tax amounts have well under 18 digits, so +, −, ×, comparison and
// rounding are done on the 64-bit coefficient when it fits, giving the
// very coefficient and exponent decimal would (the tests compare them on
// random values); anything larger takes decimal's own big-number path.
// decimal allocates for every rescale; this allocates only the result.

// pow10 is 10^i for i ≤ 18.
var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// limit keeps a sum of two scaled coefficients inside int64.
const limit = 1 << 62

// small is d's coefficient and exponent when the coefficient has at most
// 18 digits.
func small(d decimal.Decimal) (int64, int32, bool) {
	if d.NumDigits() > 18 {
		return 0, 0, false
	}
	return d.CoefficientInt64(), d.Exponent(), true
}

// scale is c × 10^k if it stays under limit.
func scale(c int64, k int32) (int64, bool) {
	if k < 0 || int(k) >= len(pow10) {
		return 0, false
	}
	p := pow10[k]
	if c >= limit/p || c <= -limit/p {
		return 0, false
	}
	return c * p, true
}

// common brings a and b to the smaller exponent, as decimal's Add does.
func common(a, b decimal.Decimal) (ca, cb int64, exp int32, ok bool) {
	ca, ea, ok1 := small(a)
	cb, eb, ok2 := small(b)
	if !ok1 || !ok2 {
		return 0, 0, 0, false
	}
	exp = min(ea, eb)
	ca, ok1 = scale(ca, ea-exp)
	cb, ok2 = scale(cb, eb-exp)
	return ca, cb, exp, ok1 && ok2
}

// Add is a.Add(b).
func Add(a, b decimal.Decimal) decimal.Decimal {
	if ca, cb, exp, ok := common(a, b); ok {
		switch {
		case cb == 0 && exp == a.Exponent():
			return a // the same coefficient and exponent: no new value
		case ca == 0 && exp == b.Exponent():
			return b
		}
		return decimal.New(ca+cb, exp)
	}
	return a.Add(b)
}

// Sub is a.Sub(b).
func Sub(a, b decimal.Decimal) decimal.Decimal {
	if ca, cb, exp, ok := common(a, b); ok {
		if cb == 0 && exp == a.Exponent() {
			return a
		}
		return decimal.New(ca-cb, exp)
	}
	return a.Sub(b)
}

// Mul is a.Mul(b).
func Mul(a, b decimal.Decimal) decimal.Decimal {
	ca, ea, ok1 := small(a)
	cb, eb, ok2 := small(b)
	if ok1 && ok2 {
		exp := int64(ea) + int64(eb)
		hi, lo := bits.Mul64(uabs(ca), uabs(cb))
		if hi == 0 && lo < limit && exp > -1<<30 && exp < 1<<30 {
			c := int64(lo)
			if (ca < 0) != (cb < 0) {
				c = -c
			}
			return decimal.New(c, int32(exp))
		}
	}
	return a.Mul(b)
}

// Cmp is a.Cmp(b).
func Cmp(a, b decimal.Decimal) int {
	if ca, cb, _, ok := common(a, b); ok {
		switch {
		case ca < cb:
			return -1
		case ca > cb:
			return 1
		}
		return 0
	}
	return a.Cmp(b)
}

func uabs(c int64) uint64 {
	if c < 0 {
		return uint64(-c)
	}
	return uint64(c)
}

// RoundHalfUp rounds half away from zero (四舍五入), the rule of tax returns:
// d.Round(places).
func RoundHalfUp(d decimal.Decimal, places int32) decimal.Decimal {
	c, exp, ok := small(d)
	switch {
	case !ok || exp == -places:
		return d.Round(places)
	case exp > -places:
		if v, ok := scale(c, exp+places); ok {
			return decimal.New(v, -places)
		}
	default:
		k := -places - exp
		if int(k) < len(pow10) {
			p := pow10[k]
			q, r := c/p, c%p
			if r >= (p+1)/2 {
				q++
			} else if r <= -(p+1)/2 {
				q--
			}
			return decimal.New(q, -places)
		}
	}
	return d.Round(places)
}
