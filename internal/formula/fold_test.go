package formula

import "testing"

func TestFold(t *testing.T) {
	sc, env := testScope() // x.y = 0.09, a param; flag is an input
	tests := []struct{ src, want string }{
		// the branch of a param-only condition is taken; a sum put under
		// an operator keeps its parentheses
		{"a * if(x.y > 0.05, a - b, c)", "a * (a - b)"},
		{"if(x.y > 0.05, a - b, c) + b", "(a - b) + b"},
		{"if(x.y < 0.05, a, b + c)", "b + c"},
		{"max(if(x.y > 0.05, a, b), 0)", "max(a, 0)"},
		{"if(x.y > 0.05, if(x.y > 0.08, a, b), c)", "a"},
		// conditions that read an input or call a function stay
		{"if(flag, a, b)", "if(flag, a, b)"},
		{"if(x.y > 0.05 and flag, a, b)", "if(x.y > 0.05 and flag, a, b)"},
		{"if(x.y > 0.05 and flag, a, if(x.y > 1, a, b))", "if(x.y > 0.05 and flag, a, b)"},
		{"if(max(x.y, 0) > 0.05, a, b)", "if(max(x.y, 0) > 0.05, a, b)"},
		{"a * c", "a * c"},
	}
	for _, tt := range tests {
		n, err := Parse(tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		if _, err := Check(n, sc); err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		before := (&Printer{Source: true}).Print(n)
		got := (&Printer{Source: true}).Print(Fold(n, env))
		if got != tt.want {
			t.Errorf("Fold(%s) = %s, want %s", tt.src, got, tt.want)
		}
		if after := (&Printer{Source: true}).Print(n); after != before {
			t.Errorf("Fold changed its input: %s became %s", before, after)
		}
		// what is shown computes what the original computes
		if tt.want == tt.src || n == nil {
			continue
		}
		f := Fold(n, env)
		v1, e1 := CompileNum(n)(env)
		v2, e2 := CompileNum(f)(env)
		if e1 != nil || e2 != nil || !v1.Equal(v2) {
			t.Errorf("%s: folded value %v (%v), original %v (%v)", tt.src, v2, e2, v1, e1)
		}
	}
}
