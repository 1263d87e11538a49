package engine

import (
	"bytes"
	"errors"
	"github.com/shopspring/decimal"
	"io/fs"
	"math/rand"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
)

func load(t testing.TB) (*Engine, map[i18n.Lang]*i18n.Catalog) {
	t.Helper()
	e, cats, err := Default()
	if err != nil {
		t.Fatalf("loading the embedded catalog:\n%v", err)
	}
	return e, cats
}

// Every worked example of every formula file holds. Load already proves
// this; running it as subtests names each one in the test output.
func TestWorkedExamples(t *testing.T) {
	e, cats := load(t)
	n := 0
	for _, f := range e.Cat.Formulas {
		for _, ex := range f.Examples {
			n++
			t.Run(f.ID+"/"+ex.Name, func(t *testing.T) {
				for _, err := range e.CheckExample(f, ex, cats[i18n.EN]) {
					t.Error(err)
				}
			})
		}
	}
	if n == 0 {
		t.Fatal("no examples")
	}
}

func TestCalc(t *testing.T) {
	e, _ := load(t)
	d := date.MustParse("2026-06-30")
	tests := []struct {
		id    string
		in    map[string]string
		step  string
		value string
	}{
		{"vat.general", map[string]string{"sales": "11.3万"}, "payable", "14690"},
		{"vat.general", map[string]string{"sales": "１１３，０００", "rate": "9%"}, "output_tax", "10170"},
		{"vat.general", map[string]string{"sales": "¥100,000", "rate": "vat.rate.service"}, "output_tax", "6000"},
		{"vat.separate", map[string]string{"amount_incl": "113000元"}, "sales", "100000"},
		{"surcharge.city", map[string]string{"vat": "10000", "halve": "是"}, "total", "600"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			res, err := e.Calc(tt.id, tt.in, d)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range res.Steps {
				if s.Step.ID == tt.step {
					if s.Value.String() != tt.value {
						t.Errorf("%s = %s, want %s", tt.step, s.Value, tt.value)
					}
					return
				}
			}
			t.Fatalf("no step %s", tt.step)
		})
	}
}

func TestInputErrors(t *testing.T) {
	e, cats := load(t)
	d := date.MustParse("2026-06-30")
	tests := []struct {
		in   map[string]string
		code string
		msg  string // in the English message
	}{
		{map[string]string{}, CodeRequired, "sales (Sales) is missing"},
		{map[string]string{"sales": "abc"}, CodeNumber, "Accepted: 113000"},
		{map[string]string{"sales": "13%"}, CodeNotMoney, "percent"},
		{map[string]string{"sales": "100", "rate": "13"}, CodeRateOver, "over 100%"},
		{map[string]string{"sales": "100", "rate": "1万"}, CodeNotRate, "amount"},
		{map[string]string{"sales": "100.001"}, CodePlaces, "at most 2"},
		{map[string]string{"sales": "-5"}, CodeMin, "below the minimum"},
		{map[string]string{"sales": "1,00"}, CodeNumber, "group three digits"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			_, err := e.Calc("vat.general", tt.in, d)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Code != tt.code {
				t.Fatalf("got %v, want code %s", err, tt.code)
			}
			if msg := strings.Join(Messages(err, cats[i18n.EN]), "\n"); !strings.Contains(msg, tt.msg) {
				t.Errorf("message %q lacks %q", msg, tt.msg)
			}
			if msg := strings.Join(Messages(err, cats[i18n.ZH]), "\n"); strings.Contains(msg, "⟦") {
				t.Errorf("untranslated: %s", msg)
			}
		})
	}
}

func TestRefusalsAndDates(t *testing.T) {
	e, cats := load(t)
	_, err := e.Calc("vat.general", map[string]string{"sales": "1", "bogus": "1"}, date.MustParse("2026-01-01"))
	var ui *UnknownInputError
	if !errors.As(err, &ui) || !strings.Contains(Messages(err, cats[i18n.EN])[0], "sales (Sales)") {
		t.Errorf("unknown input: %v", err)
	}
	_, err = e.Calc("vat.general", map[string]string{"sales": "1"}, date.MustParse("1993-12-31"))
	var ve *ValidityError
	if !errors.As(err, &ve) || !strings.Contains(Messages(err, cats[i18n.EN])[0], "applies from 1994-01-01") {
		t.Errorf("validity: %v", err)
	}
	_, err = e.Calc("surcharge.city", map[string]string{"vat": "1", "halve": "yes"}, date.MustParse("2018-12-31"))
	var re *RefusedError
	if !errors.As(err, &re) || !strings.Contains(Messages(err, cats[i18n.ZH])[0], "2018-12-31") {
		t.Errorf("refusal: %v", err)
	}
	_, err = e.Calc("vat.small_scale", map[string]string{"sales_incl": "1", "rate": "vat.levy.commercial"}, date.MustParse("2026-01-01"))
	var ie *InputError
	if !errors.As(err, &ie) || ie.Code != CodeChoiceOff || !strings.Contains(Messages(err, cats[i18n.EN])[0], "2008-12-31") {
		t.Errorf("choice not in force: %v", err)
	}
	_, err = e.Calc("no.such", nil, date.MustParse("2026-01-01"))
	var uf *UnknownFormulaError
	if !errors.As(err, &uf) {
		t.Errorf("unknown formula: %v", err)
	}
	if !IsUserError(err) {
		t.Error("unknown formula is a user error")
	}
}

func TestUnverifiedMarked(t *testing.T) {
	e, _ := load(t)
	res, err := e.Calc("vat.small_scale", map[string]string{"sales_incl": "200000"}, date.MustParse("2026-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	if u := res.Unverified(); len(u) != 1 || u[0] != "vat.small_scale.rate" {
		t.Errorf("unverified = %v", u)
	}
	res, err = e.Calc("vat.small_scale", map[string]string{"sales_incl": "200000"}, date.MustParse("2024-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	if u := res.Unverified(); len(u) != 0 {
		t.Errorf("2024 unverified = %v", u)
	}
}

func TestTexts(t *testing.T) {
	e, cats := load(t)
	res, err := e.Calc("vat.general", map[string]string{"sales": "100000", "input_tax": "8000"}, date.MustParse("2026-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	zh, en := cats[i18n.ZH], cats[i18n.EN]
	f := res.Formula
	checks := []struct{ got, want string }{
		{Symbolic(zh, f, f.Steps[0].Expr), "销售额 × 税率"},
		{Symbolic(en, f, f.Steps[1].Expr), "max(Output tax − Input tax − Credit carried in, 0)"},
		{res.Substituted(zh, 0), "100,000.00 × 13%"},
		{res.Substituted(zh, 1), "max(13,000.00 − 8,000.00 − 0.00, 0)"},
		{res.StepText(zh, 1), "5,000.00"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, _, err := Load(formulasFS(), i18nFS()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalVATGeneral(b *testing.B) {
	e, _ := load(b)
	f := e.Cat.Formula("vat.general")
	d := date.MustParse("2026-06-30")
	g := map[string]Given{}
	for k, v := range map[string]string{"sales": "113000", "input_tax": "8000"} {
		x, err := e.ParseInput(f, f.Input(k), v, d)
		if err != nil {
			b.Fatal(err)
		}
		g[k] = x
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(f, g, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCalcVATGeneral(b *testing.B) {
	e, _ := load(b)
	d := date.MustParse("2026-06-30")
	in := map[string]string{"sales": "11.3万", "input_tax": "8,000"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Calc("vat.general", in, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadAsStartup loads as the program does at start-up (garbage
// collection paused for the duration).
func BenchmarkLoadAsStartup(b *testing.B) {
	for b.Loop() {
		old := debug.SetGCPercent(-1)
		_, _, err := Load(formulasFS(), i18nFS())
		debug.SetGCPercent(old)
		if err != nil {
			b.Fatal(err)
		}
	}
}

// The embedded snapshot must be made from exactly the embedded formula
// files; otherwise the program parses the YAML itself (correct, but slow).
func TestSnapshotFresh(t *testing.T) {
	want, err := MakeSnapshot(formulasFS(), i18nFS())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := fs.ReadFile(formulasFS(), catalog.SnapshotName)
	if !bytes.Equal(got, want) {
		t.Fatal("formulas/catalog.snap is stale: run go generate ./formulas")
	}
	e, _ := load(t)
	if !e.Cat.FromSnapshot {
		t.Error("the embedded catalog did not load from the snapshot")
	}
}

// Property: LAT's quick-coefficient tax equals the slice-by-slice sum on
// random inputs, including the exact bracket edges.
func TestLATQuickEqualsSlices(t *testing.T) {
	e, _ := load(t)
	rng := rand.New(rand.NewSource(1))
	d := date.MustParse("2026-06-30")
	for i := 0; i < 3000; i++ {
		ded := decimal.New(rng.Int63n(100_000_000_00)+1, -2)
		var proceeds decimal.Decimal
		switch i % 4 {
		case 0: // exactly on an edge: 50%, 100%, 200%
			edge := []string{"1.5", "2", "3"}[rng.Intn(3)]
			proceeds = ded.Mul(decimal.RequireFromString(edge))
		default:
			proceeds = decimal.New(rng.Int63n(400_000_000_00), -2)
		}
		res, err := e.Calc("lat.tax", map[string]string{"proceeds": proceeds.StringFixed(2), "deductions": ded.String()}, d)
		if err != nil {
			t.Fatal(err)
		}
		var tax, prog decimal.Decimal
		for _, s := range res.Steps {
			switch s.Step.ID {
			case "tax":
				tax = s.Value
			case "tax_progressive":
				prog = s.Value
			}
		}
		if !tax.Equal(prog) {
			t.Fatalf("proceeds %s deductions %s: quick %s, slices %s", proceeds, ded, tax, prog)
		}
	}
}

// Property: on every bracket table of the catalog, at every date it
// changes, the quick method equals the slice-by-slice sum.
func TestEveryTableQuickEqualsSlices(t *testing.T) {
	e, _ := load(t)
	rng := rand.New(rand.NewSource(2))
	for id, td := range e.Cat.Tables {
		for _, v := range td.Values {
			if v.Table == nil {
				continue
			}
			scale := decimal.NewFromInt(1)
			if td.QuickRate {
				scale = decimal.New(rng.Int63n(1e9)+1, -2)
			}
			for i := 0; i < 500; i++ {
				x := decimal.New(rng.Int63n(2_000_000_00), -2)
				if td.QuickRate {
					x = scale.Mul(decimal.New(rng.Int63n(400), -2))
				}
				rate := bracketRate(v.Table, x, scale)
				quick := x.Mul(rate.Rate).Sub(rate.Quick.Mul(scale))
				if p := v.Table.Progressive(x, scale); !p.Equal(quick) && x.IsPositive() {
					t.Fatalf("%s from %s, x=%s: quick %s, slices %s", id, v.From, x, quick, p)
				}
			}
		}
	}
}

func bracketRate(t *formula.Table, x, scale decimal.Decimal) formula.Bracket {
	for _, b := range t.Brackets {
		if b.Open || x.LessThanOrEqual(b.Upto.Mul(scale)) {
			return b
		}
	}
	return t.Brackets[len(t.Brackets)-1]
}
