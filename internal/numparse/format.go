package numparse

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Formatting without big-number arithmetic: an amount's coefficient fits
// in 64 bits, so the digits come from strconv and the point is placed by
// the exponent. Every function here writes exactly what decimal's own
// String and StringFixed write (the tests compare them on random values);
// a value too large for the fast path takes decimal's.

// pow10 is 10^i for i ≤ 18.
var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// small is d's coefficient and exponent when the coefficient has at most
// 18 digits.
func small(d decimal.Decimal) (int64, int32, bool) {
	if d.NumDigits() > 18 {
		return 0, 0, false
	}
	return d.CoefficientInt64(), d.Exponent(), true
}

// String is d.String(): no exponent, trailing zeros after the point
// dropped.
func String(d decimal.Decimal) string {
	c, exp, ok := small(d)
	if !ok || !decimal.TrimTrailingZeros || decimal.UseScientificNotation {
		return d.String()
	}
	if s, ok := plain(c, exp); ok {
		return s
	}
	return d.String()
}

// plain writes c × 10^exp as d.String() does.
func plain(c int64, exp int32) (string, bool) {
	if c == 0 {
		return "0", true
	}
	if exp >= 0 {
		if int(exp) >= len(pow10) {
			return "", false
		}
		p := pow10[exp]
		if c > (1<<63-1)/p || c < -(1<<63-1)/p {
			return "", false
		}
		return strconv.FormatInt(c*p, 10), true
	}
	var buf [48]byte
	digits := strconv.AppendUint(buf[:0], abs(c), 10)
	for len(digits) > 0 && -exp > 0 && digits[len(digits)-1] == '0' {
		digits, exp = digits[:len(digits)-1], exp+1 // trailing zeros of the fraction
	}
	var out [64]byte
	b := out[:0]
	if c < 0 {
		b = append(b, '-')
	}
	if exp >= 0 { // the fraction was all zeros
		return string(append(b, digits...)), true
	}
	n := int(-exp)
	if len(digits) > n {
		b = append(b, digits[:len(digits)-n]...)
		b = append(b, '.')
		b = append(b, digits[len(digits)-n:]...)
	} else {
		b = append(b, '0', '.')
		for range n - len(digits) {
			b = append(b, '0')
		}
		b = append(b, digits...)
	}
	return string(b), true
}

func abs(c int64) uint64 {
	if c < 0 {
		return uint64(-c)
	}
	return uint64(c)
}

// atLeast2 pads a plain decimal string to two places after the point.
func atLeast2(s string) string {
	i := strings.IndexByte(s, '.')
	switch {
	case i < 0:
		return s + ".00"
	case len(s)-i-1 == 1:
		return s + "0"
	}
	return s
}

// places counts the digits after the point of a plain decimal string.
func places(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}
