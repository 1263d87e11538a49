package formula

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/numparse"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// testScope: a, b, c are money inputs in slots 0..2, flag is a bool in slot
// 3, t is a table in table slot 0, lat a coefficient table in slot 1.
func testScope() (MapScope, *Env) {
	sc := MapScope{
		"a":    {Name: "a", Sym: SymInput, Kind: KindMoney, Slot: 0},
		"b":    {Name: "b", Sym: SymInput, Kind: KindMoney, Slot: 1},
		"c":    {Name: "c", Sym: SymInput, Kind: KindRate, Slot: 2},
		"flag": {Name: "flag", Sym: SymInput, Kind: KindBool, Slot: 3},
		"x.y":  {Name: "x.y", Sym: SymParam, Kind: KindRate, Slot: 4},
		"t":    {Name: "t", Sym: SymTable, Slot: 0},
		"lat":  {Name: "lat", Sym: SymTable, Slot: 1, QuickRate: true},
	}
	annual := &Table{Brackets: []Bracket{
		{Upto: dec("36000"), Rate: dec("0.03"), Quick: dec("0")},
		{Upto: dec("144000"), Rate: dec("0.10"), Quick: dec("2520")},
		{Upto: dec("300000"), Rate: dec("0.20"), Quick: dec("16920")},
		{Upto: dec("420000"), Rate: dec("0.25"), Quick: dec("31920")},
		{Upto: dec("660000"), Rate: dec("0.30"), Quick: dec("52920")},
		{Upto: dec("960000"), Rate: dec("0.35"), Quick: dec("85920")},
		{Open: true, Rate: dec("0.45"), Quick: dec("181920")},
	}}
	lat := &Table{Brackets: []Bracket{
		{Upto: dec("0.5"), Rate: dec("0.3"), Quick: dec("0")},
		{Upto: dec("1"), Rate: dec("0.4"), Quick: dec("0.05")},
		{Upto: dec("2"), Rate: dec("0.5"), Quick: dec("0.15")},
		{Open: true, Rate: dec("0.6"), Quick: dec("0.35")},
	}}
	env := &Env{
		Vals:   []decimal.Decimal{dec("100000"), dec("8000"), dec("0.13"), dec("1"), dec("0.09")},
		Tables: []*Table{annual, lat},
	}
	return sc, env
}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"a * c", "13000"},
		{"a * 13%", "13000"},
		{"a * 0.5‰", "50"},
		{"max(a * c - b, 0)", "5000"},
		{"max(b - a * c, 0)", "0"},
		{"min(a, b, 7000)", "7000"},
		{"-a + b", "-92000"},
		{"a - b - 1000", "91000"},
		{"a / 3", "33333.33333333333333333333"},
		{"round(a / 3, 2)", "33333.33"},
		{"round(2.345, 2)", "2.35"},
		{"round(-2.345, 2)", "-2.35"},
		{"ceil(2.301)", "3"},
		{"floor(2.999, 1)", "2.9"},
		{"if(a > 50000, 1, 2)", "1"},
		{"if(flag and not (a < 0), 10, 20)", "10"},
		{"if(a >= 100000 or b == 0, 1, 0)", "1"},
		{"if(flag == true, 1, 0)", "1"},
		{"bracket_rate(t, 36000)", "0.03"},
		{"bracket_rate(t, 36000.01)", "0.1"},
		{"bracket_quick(t, 36000.01)", "2520"},
		{"bracket_rate(t, 1000000)", "0.45"},
		{"progressive(t, 100000)", "7480"},
		{"a * bracket_rate(t, a) - bracket_quick(t, a)", "7480"},
		{"progressive(t, 0)", "0"},
		{"bracket_rate(lat, 500, 1000)", "0.3"},
		{"bracket_rate(lat, 500.01, 1000)", "0.4"},
		{"progressive(lat, 2500, 1000)", "1150"},
		{"2500 * bracket_rate(lat, 2500, 1000) - 1000 * bracket_quick(lat, 2500, 1000)", "1150"},
		{"a * x.y", "9000"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			sc, env := testScope()
			n, err := Parse(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			typ, err := Check(n, sc)
			if err != nil {
				t.Fatal(err)
			}
			if typ != TNum {
				t.Fatalf("type %v", typ)
			}
			got, err := CompileNum(n)(env)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(dec(tt.want)) {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		src string
		pos int
		msg string
	}{
		{"", 0, "empty expression"},
		{"a +", 3, "ends too early"},
		{"a * (b", 6, "expected )"},
		{"a % 3", 2, "must follow a number"},
		{"3%x", 2, "after a number"},
		{"zz * 2", 0, `unknown identifier "zz"`},
		{"foo(a)", 0, `unknown function "foo"`},
		{"min(a)", 0, "at least 2 arguments"},
		{"round(a, b)", 9, "literal"},
		{"round(a, 1.5)", 9, "literal"},
		{"if(a, 1, 2)", 3, "condition of if must be a boolean"},
		{"a < b < c", 6, "do not chain"},
		{"a and b", 0, "must be a boolean"},
		{"flag + 1", 0, "must be a number"},
		{"bracket_rate(a, 1)", 13, "not a table"},
		{"t * 2", 0, "only be the first argument"},
		{"a 、b", 2, "unexpected character"},
		{"1.", 2, "digit must follow"},
		{"x..y", 0, "malformed identifier"},
		{"if(flag, 1, flag)", 12, "else branch"},
		{"max", 0, "is a function"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			sc, _ := testScope()
			n, err := Parse(tt.src)
			if err == nil {
				_, err = Check(n, sc)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("want SyntaxError, got %v", err)
			}
			if se.Pos != tt.pos || !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("got pos %d %q, want pos %d containing %q", se.Pos, se.Msg, tt.pos, tt.msg)
			}
		})
	}
}

func TestDivisionByZero(t *testing.T) {
	sc, env := testScope()
	n, _ := Parse("a / (b - 8000)")
	if _, err := Check(n, sc); err != nil {
		t.Fatal(err)
	}
	_, err := CompileNum(n)(env)
	var ee *EvalError
	if !errors.As(err, &ee) || ee.Code != "div_zero" || ee.Start != 0 {
		t.Fatalf("got %v", err)
	}
}

func TestMissingTable(t *testing.T) {
	sc, env := testScope()
	env.Tables[0] = nil
	n, _ := Parse("bracket_rate(t, a)")
	if _, err := Check(n, sc); err != nil {
		t.Fatal(err)
	}
	_, err := CompileNum(n)(env)
	var ee *EvalError
	if !errors.As(err, &ee) || ee.Code != "no_table" {
		t.Fatalf("got %v", err)
	}
}

func TestPrint(t *testing.T) {
	labels := map[string]string{"a": "销售额", "b": "进项税额", "c": "税率", "t": "税率表", "lat": "LAT"}
	tests := []struct {
		src, symbolic, substituted string
	}{
		{"max(a * c - b, 0)", "max(销售额 × 税率 − 进项税额, 0)", "max(100,000 × 0.13 − 8,000, 0)"},
		{"(a + b) / (1 - 13%)", "(销售额 + 进项税额) ÷ (1 − 13%)", "(100,000 + 8,000) ÷ (1 − 13%)"},
		{"a * bracket_rate(t, a) - bracket_quick(t, a)", "销售额 × bracket_rate(税率表, 销售额) − bracket_quick(税率表, 销售额)", "100,000 × 0.1 − 2520[money]"},
		{"progressive(t, a)", "progressive(税率表, 销售额)", "36000[money] × 0.03 + (100000[money] − 36000[money]) × 0.1"},
		{"2 * progressive(t, 40000)", "2 × progressive(税率表, 40,000)", "2 × (36000[money] × 0.03 + (40000[money] − 36000[money]) × 0.1)"},
		{"if(not flag, 1, 2)", "if(not flag, 1, 2)", "if(not 1, 1, 2)"},
		{"1000000 * 0.5‰", "1,000,000 × 0.5‰", "1,000,000 × 0.5‰"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			sc, env := testScope()
			n, err := Parse(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Check(n, sc); err != nil {
				t.Fatal(err)
			}
			CompileNum(n)
			sym := (&Printer{Label: func(id *Ident) string {
				if l, ok := labels[id.Name]; ok {
					return l
				}
				return id.Name
			}}).Print(n)
			if sym != tt.symbolic {
				t.Errorf("symbolic %q, want %q", sym, tt.symbolic)
			}
			num := func(v decimal.Decimal, k Kind) string {
				if k == KindMoney {
					return v.String() + "[money]"
				}
				return v.String()
			}
			sub := (&Printer{Env: env, Number: num, Value: func(id *Ident) string {
				return numparse.Group(env.Vals[id.Sym.Slot].String())
			}}).Print(n)
			if sub != tt.substituted {
				t.Errorf("substituted %q, want %q", sub, tt.substituted)
			}
		})
	}
}

func TestTableValidate(t *testing.T) {
	_, env := testScope()
	for i, tab := range env.Tables {
		if err := tab.Validate(); err != nil {
			t.Errorf("table %d: %v", i, err)
		}
	}
	bad := &Table{Brackets: []Bracket{
		{Upto: dec("1500"), Rate: dec("0.03")},
		{Upto: dec("4500"), Rate: dec("0.10"), Quick: dec("105")},
		{Upto: dec("9000"), Rate: dec("0.20"), Quick: dec("555")},
		{Upto: dec("35000"), Rate: dec("0.25"), Quick: dec("1055")}, // the typo seen in public code
		{Open: true, Rate: dec("0.30"), Quick: dec("2755")},
	}}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "should be 1005") {
		t.Errorf("got %v", err)
	}
	unordered := &Table{Brackets: []Bracket{{Upto: dec("10"), Rate: dec("0.1")}, {Upto: dec("5"), Rate: dec("0.1")}, {Open: true, Rate: dec("0.1")}}}
	if err := unordered.Validate(); err == nil || !strings.Contains(err.Error(), "not above") {
		t.Errorf("got %v", err)
	}
}

// Property: on every bracket table, quick method == slice-by-slice sum.
func TestQuickEqualsProgressive(t *testing.T) {
	_, env := testScope()
	for ti, tab := range env.Tables {
		scale := dec("1")
		if ti == 1 {
			scale = dec("12345.67")
		}
		for i := int64(0); i < 5000; i++ {
			x := decimal.New(i*i*37+i, -2)
			b := tab.Brackets[tab.find(x, scale)]
			quick := x.Mul(b.Rate).Sub(b.Quick.Mul(scale))
			if p := tab.Progressive(x, scale); !p.Equal(quick) {
				t.Fatalf("table %d x=%s: progressive %s, quick %s", ti, x, p, quick)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a * c", "max(a * c - b, 0)", "if(flag and a > 1, 13%, 0.5‰)", "progressive(t, a, b)", "((((a))))", "-(-a)", "round(a/3, 2)", "a <= b", "not not flag"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		wd := time.AfterFunc(2*time.Second, func() { panic(fmt.Sprintf("slow input %q", src)) })
		defer wd.Stop()
		sc, env := testScope()
		n, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Pos < 0 || se.Pos > len([]rune(src)) {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		typ, err := Check(n, sc)
		if err != nil {
			return
		}
		if typ == TNum {
			CompileNum(n)(env)
		} else {
			CompileBool(n)(env)
		}
		(&Printer{Label: func(id *Ident) string { return "标签" }}).Print(n)
		(&Printer{Env: env, Value: func(*Ident) string { return "1" }}).Print(n)
		// Printing back to source and parsing again must be a fixed point.
		p := &Printer{Source: true}
		out := p.Print(n)
		n2, err := Parse(out)
		if err != nil {
			t.Fatalf("%q printed as %q which does not parse: %v", src, out, err)
		}
		if out2 := p.Print(n2); out2 != out {
			t.Fatalf("%q: printed %q then %q", src, out, out2)
		}
	})
}
