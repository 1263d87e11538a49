package numparse

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func TestExpr(t *testing.T) {
	ok := []struct{ in, want string }{
		{"20000*5", "100000"},
		{"20000×5", "100000"},
		{"11.3万+5000", "118000"},
		{"(1,000 - 200) × 13%", "104"},
		{"１００００÷４", "2500"},
		{"100/3", "33.33333333333333333333"},
		{"2/3", "0.66666666666666666667"}, // DivRound: half up at DivPlaces
		{"-(5-8)", "3"},
		{"--5", "5"},
		{"1−0.5", "0.5"},
		{"（1+2）＊3", "9"},
		{"0.1+0.2", "0.3"}, // exact, not 0.30000000000000004
		{"¥100*2", "200"},
		{"1.2亿/1万", "12000"},
		{"-5", "-5"}, // a plain number: Parse
	}
	for _, c := range ok {
		n, err := Expr(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if want := decimal.RequireFromString(c.want); !n.Value.Equal(want) {
			t.Errorf("%q = %s, want %s", c.in, n.Value, c.want)
		}
	}
	if n, _ := Expr("¥100*2"); !n.Money {
		t.Error("¥100*2 should be money")
	}
	if n, _ := Expr("13%"); n.Unit != Percent {
		t.Error("a single percent keeps its unit")
	}
	bad := []struct{ in, code string }{
		{"5/0", ErrDivZero},
		{"5/(1-1)", ErrDivZero},
		{"5*", ErrExpr},
		{"*5", ErrExpr},
		{"(5", ErrExpr},
		{"5)", ErrExpr},
		{"2(3)", ErrExpr},
		{"1 000+1", ErrExpr},
		{"1,00+1", ErrGrouping},
		{"abc+1", ErrSyntax},
		{"()", ErrExpr},
		{"99999999999999999999*99999999999999999999", ErrTooLong},
		{"((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))", ErrTooLong},
	}
	for _, c := range bad {
		_, err := Expr(c.in)
		var e *Error
		if !errors.As(err, &e) || e.Code != c.code {
			t.Errorf("%q: %v, want code %s", c.in, err, c.code)
		}
	}
}

func FuzzExpr(f *testing.F) {
	for _, s := range []string{"20000*5", "11.3万+5000", "(1,000-200)×13%", "100/3", "-(5-8)", "5/0", "（1+2）＊3", "¥100*2", "1.2亿÷1万", "((1)", "13%", "2--3", "1e5+1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Expr(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Error() == "" {
				t.Fatalf("%q: bad error %v", s, err)
			}
			return
		}
		if intDigits(n.Value.Abs()) > maxIntDig {
			t.Fatalf("%q = %s: over the limit", s, n.Value)
		}
		// A number alone reads as Parse reads it.
		if !IsExpr(s) {
			m, perr := Parse(s)
			if perr != nil || !m.Value.Equal(n.Value) || m.Unit != n.Unit {
				t.Fatalf("%q: Expr %v, Parse %v %v", s, n, m, perr)
			}
		}
		// The value printed plainly reads back the same, as arithmetic too.
		c := Canonical(n.Value)
		m, err := Expr("(" + c + ")*1")
		if len(c) < maxRaw-8 && (err != nil || !m.Value.Equal(n.Value)) {
			t.Fatalf("%q = %s; (%s)*1 = %s, %v", s, n.Value, c, m.Value, err)
		}
	})
}
