package numparse

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		unit  Unit
		money bool
	}{
		{"113000", "113000", Plain, false},
		{"113,000", "113000", Plain, false},
		{"1,130,000.50", "1130000.5", Plain, false},
		{"113000.50", "113000.5", Plain, false},
		{"11.3万", "113000", Wan, false},
		{"11.3万元", "113000", Wan, true},
		{"1.2亿", "120000000", Yi, false},
		{"13%", "0.13", Percent, false},
		{"0.13", "0.13", Plain, false},
		{"3‰", "0.003", Permille, false},
		{"0.5‰", "0.0005", Permille, false},
		{"１１３，０００．５０", "113000.5", Plain, false},
		{"１３％", "0.13", Percent, false},
		{"¥113,000", "113000", Plain, true},
		{"￥113000", "113000", Plain, true},
		{"113000元", "113000", Plain, true},
		{" 113000 ", "113000", Plain, false},
		{"-500", "-500", Plain, false},
		{"0", "0", Plain, false},
		{"007", "7", Plain, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !n.Value.Equal(decimal.RequireFromString(tt.want)) || n.Unit != tt.unit || n.Money != tt.money {
				t.Errorf("got %s unit %d money %v", n.Value, n.Unit, n.Money)
			}
		})
	}
}

func TestReject(t *testing.T) {
	tests := []struct{ in, code string }{
		{"", ErrEmpty},
		{"   ", ErrEmpty},
		{"abc", ErrSyntax},
		{"1,13,000", ErrGrouping},
		{"11,3000", ErrGrouping},
		{",113", ErrGrouping},
		{"1.2.3", ErrSyntax},
		{"13%%", ErrSyntax},
		{"¥13%", ErrMixed},
		{"13 000", ErrSyntax},
		{"1e5", ErrSyntax},
		{"0x10", ErrSyntax},
		{".5", ErrSyntax},
		{"5.", ErrSyntax},
		{"万", ErrSyntax},
		{"--5", ErrSyntax},
		{"+5", ErrSyntax},
		{"NaN", ErrSyntax},
		{"1万亿", ErrSyntax},
		{"123456789012345678901234567890123456789012345678901234567890123456789", ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			var e *Error
			if !errors.As(err, &e) || e.Code != tt.code {
				t.Fatalf("got %v, want code %s", err, tt.code)
			}
			if e.Error() == "" {
				t.Error("empty message")
			}
		})
	}
}

func TestFormat(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct{ got, want string }{
		{Money(d("100000")), "100,000.00"},
		{Money(d("14690.5")), "14,690.50"},
		{Money(d("0.003")), "0.003"},
		{Money(d("-1234.5")), "-1,234.50"},
		{Money(d("0")), "0.00"},
		{Money(d("999")), "999.00"},
		{Rate(d("0.13"), Plain), "13%"},
		{Rate(d("0.0003"), Plain), "0.3‰"},
		{Rate(d("0.001"), Permille), "1‰"},
		{Rate(d("0.005"), Percent), "0.5%"},
		{Rate(d("0"), Plain), "0%"},
		{Plainnum(d("50000")), "50,000"},
		{Fixed2(d("5000")), "5000.00"},
		{Fixed2(d("0.003")), "0.003"},
		{Group("-1234567.891"), "-1,234,567.891"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"113000", "113,000", "11.3万", "1.2亿", "13%", "3‰", "１３％", "¥113,000", "113000元", "-5", "0.5‰"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Error() == "" {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		// The canonical form and the display forms read back to the value.
		for _, out := range []string{Canonical(n.Value), Plainnum(n.Value), Money(n.Value), Rate(n.Value, Plain)} {
			m, err := Parse(out)
			if err != nil {
				t.Fatalf("%q parsed to %s, whose form %q does not parse: %v", s, n.Value, out, err)
			}
			if !m.Value.Equal(n.Value) {
				t.Fatalf("%q: %s printed %q reads back %s", s, n.Value, out, m.Value)
			}
		}
	})
}
