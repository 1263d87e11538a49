package numparse

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// The formatting before the fast path, kept as the reference.
func refMoney(d decimal.Decimal) string {
	places := int32(2)
	if t := d.String(); strings.Contains(t, ".") {
		if n := int32(len(t) - strings.IndexByte(t, '.') - 1); n > places {
			places = n
		}
	}
	return Group(d.StringFixed(places))
}

func refFixed2(d decimal.Decimal) string {
	s := d.StringFixed(2)
	if !decimal.RequireFromString(s).Equal(d) {
		return d.String()
	}
	return s
}

func refRate(d decimal.Decimal, u Unit) string {
	switch u {
	case Percent:
		return d.Shift(2).String() + "%"
	case Permille:
		return d.Shift(3).String() + "‰"
	}
	if !d.IsZero() && d.Abs().LessThan(decimal.New(1, -2)) {
		return d.Shift(3).String() + "‰"
	}
	return d.Shift(2).String() + "%"
}

// The fast formatting writes what decimal writes, on values of every size,
// sign and exponent, including those past the fast path.
func TestFormatMatchesDecimal(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	vals := []decimal.Decimal{decimal.Zero, decimal.New(0, -2), decimal.New(0, 3), decimal.New(-5, -1), decimal.New(1500, -2),
		decimal.New(100, -3), decimal.RequireFromString("123456789012345678901234.5"), decimal.New(1<<62, 0), decimal.New(-(1 << 62), -30), decimal.New(7, 25)}
	for range 20000 {
		c := rng.Int63n(1<<uint(rng.Intn(62)+1)) + rng.Int63n(2)
		if rng.Intn(3) == 0 {
			c = -c
		}
		if rng.Intn(4) == 0 {
			c = c / 1000 * 1000 // trailing zeros
		}
		vals = append(vals, decimal.New(c, int32(rng.Intn(30)-20)))
	}
	for _, d := range vals {
		if got, want := String(d), d.String(); got != want {
			t.Fatalf("String(%s) = %q", want, got)
		}
		if got, want := Money(d), refMoney(d); got != want {
			t.Fatalf("Money(%s) = %q, want %q", d, got, want)
		}
		if got, want := Fixed2(d), refFixed2(d); got != want {
			t.Fatalf("Fixed2(%s) = %q, want %q", d, got, want)
		}
		for _, u := range []Unit{Plain, Percent, Permille} {
			if got, want := Rate(d, u), refRate(d, u); got != want {
				t.Fatalf("Rate(%s, %d) = %q, want %q", d, u, got, want)
			}
		}
	}
}

// refUngroup is ungroup before it stopped allocating.
func refUngroup(s string) (string, string) {
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart == "" || (hasPoint && frac == "") {
		return "", ErrSyntax
	}
	for _, r := range frac {
		if r < '0' || r > '9' {
			return "", ErrSyntax
		}
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return "", ErrGrouping
			}
		}
		intPart = strings.Join(groups, "")
	}
	for _, r := range intPart {
		if r < '0' || r > '9' {
			return "", ErrSyntax
		}
	}
	if hasPoint {
		return intPart + "." + frac, ""
	}
	return intPart, ""
}

func FuzzUngroupAsBefore(f *testing.F) {
	for _, s := range []string{"113,000", "1,13,000", "1a,00", "1.5", "1,000.50", ",1", "1.", "１,000", "12345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, ae := ungroup(s)
		b, be := refUngroup(s)
		if a != b || ae != be {
			t.Fatalf("%q: %q %q, before %q %q", s, a, ae, b, be)
		}
		if v, err := decimal.NewFromString(a); ae == "" && err == nil && len(a) < 40 {
			if got, want := intDigits(v), len(v.Truncate(0).String()); got != want {
				t.Fatalf("%q: %d integer digits, before %d", s, got, want)
			}
		}
	})
}

func FuzzFromDigitsAsDecimal(f *testing.F) {
	for _, s := range []string{"113000.50", "007", "0.00", "1", "123456789012345678", "1234567890123456789", "1.", ".5", "1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err1 := fromDigits(s)
		want, err2 := decimal.NewFromString(s)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("%q: error %v, decimal's %v", s, err1, err2)
		}
		if err1 == nil && (got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0) {
			t.Fatalf("%q: %s (%d), decimal's %s (%d)", s, got, got.Exponent(), want, want.Exponent())
		}
	})
}
