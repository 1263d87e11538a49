package formula

import (
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"
)

func same(a, b decimal.Decimal) bool {
	return a.Exponent() == b.Exponent() && a.Coefficient().Cmp(b.Coefficient()) == 0
}

// The 64-bit paths give decimal's own coefficient and exponent, so every
// printed value stays the same, including past the fast path's range.
func TestFastArithmeticIsDecimal(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	val := func() decimal.Decimal {
		switch rng.Intn(12) {
		case 0:
			return decimal.Zero
		case 1:
			return decimal.RequireFromString("98765432109876543210.123")
		case 2:
			return decimal.New(1<<61+rng.Int63n(1<<61), int32(rng.Intn(6)-3))
		}
		c := rng.Int63n(1 << uint(rng.Intn(50)+1))
		if rng.Intn(3) == 0 {
			c = -c
		}
		return decimal.New(c, int32(rng.Intn(16)-10))
	}
	for range 100000 {
		a, b := val(), val()
		if got, want := Add(a, b), a.Add(b); !same(got, want) {
			t.Fatalf("%s + %s = %s, want %s", a, b, got, want)
		}
		if got, want := Sub(a, b), a.Sub(b); !same(got, want) {
			t.Fatalf("%s - %s = %s, want %s", a, b, got, want)
		}
		if got, want := Mul(a, b), a.Mul(b); !same(got, want) {
			t.Fatalf("%s * %s = %s, want %s", a, b, got, want)
		}
		if got, want := Cmp(a, b), a.Cmp(b); got != want {
			t.Fatalf("cmp %s %s = %d, want %d", a, b, got, want)
		}
		p := int32(rng.Intn(8) - 2)
		if got, want := RoundHalfUp(a, p), a.Round(p); !same(got, want) {
			t.Fatalf("round(%s, %d) = %s (%d), want %s (%d)", a, p, got, got.Exponent(), want, want.Exponent())
		}
	}
	for _, s := range []string{"0.005", "-0.005", "0.015", "2.675", "-2.675", "0.0049999", "999999999999999999.995"} {
		d := decimal.RequireFromString(s)
		if got, want := RoundHalfUp(d, 2), d.Round(2); !same(got, want) {
			t.Errorf("round(%s) = %s, want %s", s, got, want)
		}
	}
}
