package engine

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
)

// A formula with a dated rate, a refusal and a rounding step, and a
// scenario that calls it twice.
const scnFormula = `category: t
params:
  t.rate:
    unit: rate
    source: "test law art. 1"
    values: {2000-01-01: 10%, 2010-01-01: 20%}
formulas:
  - id: t.f
    valid: {from: 2000-01-01}
    source: "test law"
    inputs:
      - {id: a, kind: money}
      - {id: b, kind: money, default: 0}
      - {id: k, kind: money, default: 7}
    refuse:
      - {when: "a > 1000000", message: t.big}
    steps:
      - {id: s1, expr: "a * t.rate / 3"}
      - {id: s2, expr: "s1 + b"}
    result: s2
    examples:
      - {source: "x", date: 2001-01-01, inputs: {a: 100}, expect: {s1: "3.33"}}
`

const scnChain = `category: s
scenarios:
  - id: s.chain
    valid: {from: 2000-01-01}
    source: "test law art. 2"
    inputs:
      - {id: x, kind: money}
      - {id: big, kind: bool, default: "false"}
      - {id: k, kind: money, default: part}
    parts:
      - id: one
        formula: t.f
        bind: {a: x, k: k}
      - id: two
        choose:
          - when: "big"
            formula: t.f
            bind: {a: one.s2 * 1000000}
          - when: "x > 0"
            formula: t.f
            bind: {a: one.s2 * 3, b: one.s1}
    steps:
      - {id: total, expr: "one.s2 + two.s2"}
    result: total
    examples:
      - {source: "x", date: 2001-01-01, inputs: {x: 100}, expect: {total: "3.33"}}
`

func scnEngine(t *testing.T) *Engine {
	t.Helper()
	cat, err := catalog.Load(fstest.MapFS{"t.yaml": {Data: []byte(scnFormula)}, "s.yaml": {Data: []byte(scnChain)}}, "formulas", nil)
	if err != nil {
		t.Fatal(err)
	}
	return &Engine{Cat: cat}
}

func TestScenarioEval(t *testing.T) {
	e := scnEngine(t)
	val := func(r *Result, id string) string {
		t.Helper()
		_, v, ok := r.Find(id)
		if !ok {
			t.Fatalf("%s not computed", id)
		}
		return v.StringFixed(2)
	}
	// 2001: 10%. one.s1 = 100 × 10% ÷ 3 = 3.333… → 3.33 as shown; two reads
	// the rounded values: a = 3.33 × 3 = 9.99, s1 = 0.333 → 0.33, s2 =
	// 0.33 + 3.33 = 3.66; total 3.33 + 3.66.
	r, err := e.Calc("s.chain", map[string]string{"x": "100"}, date.MustParse("2001-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"one.s1": "3.33", "one.s2": "3.33", "two.a": "9.99", "two.b": "3.33", "two.s1": "0.33", "two.s2": "3.66", "total": "6.99"} {
		if got := val(r, id); got != want {
			t.Errorf("%s = %s, want %s", id, got, want)
		}
	}
	// default: part: k was not given, so t.f's own default 7 applied and
	// the scenario input shows it.
	if got := val(r, "one.k"); got != "7.00" || r.Inputs[2].Value.StringFixed(2) != "7.00" {
		t.Errorf("k from the part's default: %s / %s", got, r.Inputs[2].Value)
	}
	r, err = e.Calc("s.chain", map[string]string{"x": "100", "k": "9"}, date.MustParse("2001-01-01"))
	if err != nil || val(r, "one.k") != "9.00" {
		t.Fatalf("k given: %v", err)
	}
	// Dates reach every part: 2010 has 20%.
	r, err = e.Calc("s.chain", map[string]string{"x": "100"}, date.MustParse("2010-01-01"))
	if err != nil || val(r, "one.s1") != "6.67" {
		t.Fatalf("2010: %v", err)
	}
	// No alternative applies: the part is skipped and reads as 0.
	r, err = e.Calc("s.chain", map[string]string{"x": "0"}, date.MustParse("2001-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Parts[1].Skipped() || val(r, "total") != "0.00" {
		t.Fatalf("skipped part: %+v", r.Parts[1])
	}
	if _, _, ok := r.Find("two.s2"); ok {
		t.Error("a skipped part's step was found")
	}
	// The first alternative whose condition holds runs; its refusal
	// refuses the scenario with the part named.
	_, err = e.Calc("s.chain", map[string]string{"x": "100", "big": "yes"}, date.MustParse("2001-01-01"))
	var pe *PartError
	var re *RefusedError
	if !errors.As(err, &pe) || pe.Part.ID != "two" || !errors.As(err, &re) || re.Refusal.Key != "t.big" || !IsUserError(err) {
		t.Fatalf("refusal: %v", err)
	}
	cats, err2 := i18n.Load(fstest.MapFS{
		"zh-Hans.toml": {Data: []byte("\"err.part\" = \"第 {part} 部分（{formula}，{id}）：\"\n\"refuse.t.big\" = \"太大\"\n\"formula.t.f\" = \"测试\"\n")},
		"en.toml":      {Data: []byte("\"err.part\" = \"Part {part} ({formula}, {id}): \"\n\"refuse.t.big\" = \"too big\"\n\"formula.t.f\" = \"Test\"\n")},
	})
	if err2 != nil {
		t.Fatal(err2)
	}
	if got := strings.Join(Messages(err, cats[i18n.EN]), "|"); got != "Part two (Test, t.f): too big" {
		t.Errorf("message %q", got)
	}
	// A carried value outside the called input's range is refused like a
	// typed one, naming the part.
	_, err = e.Calc("s.chain", map[string]string{"x": "-1"}, date.MustParse("2001-01-01"))
	if err == nil {
		// x is money ≥ 0: refused before the parts
	}
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("negative x: %v", err)
	}
}

// Every scenario of CATALOG.md exists with its inputs, and its JSON steps
// carry PART.STEP ids (checked in the render tests); here the ids.
var scenarioContract = []contractRow{
	{"scn.general_month", []string{"sales", "rate", "input_tax", "input_out", "carried_credit", "ct_sales", "ct_rate", "ct_quantity", "ct_unit_tax", "city_rate", "halve"},
		[]string{"vat.payable", "ct.tax", "surcharge.urban_tax", "surcharge.education", "surcharge.local_education", "total"}},
	{"scn.small_scale_quarter", []string{"sales_incl", "rate", "city_rate", "halve"}, []string{"vat.tax", "surcharge.total", "total"}},
	{"scn.import", []string{"fob", "freight", "insurance", "duty_rate", "ct_rate", "quantity", "unit_tax", "vat_rate"},
		[]string{"value.customs_value", "import.duty", "import.consumption_tax", "import.import_vat", "total"}},
	{"scn.property_sale", []string{"proceeds_incl", "land_cost", "dev_cost", "interest", "interest_provable", "input_tax", "simplified", "vat_rate", "city_rate", "contract_rate"},
		[]string{"vat.payable", "surcharge.total", "lat.tax", "stamp.tax", "total"}},
	{"scn.eit_annual", []string{"accounting_profit", "sales_revenue", "wages", "entertainment", "advertising", "welfare", "union", "education", "donations",
		"rd_expense", "rd_other", "exempt_income", "non_taxable", "other_addback", "other_decrease", "losses", "rate", "small_low_profit", "credits", "prepaid"},
		[]string{"limits.addback", "rd.extra", "taxable.taxable_income", "tax.tax", "balance"}},
	// not in CATALOG.md: the seed era's property sale (issue 15's wiring)
	{"scn.property_sale_bt", []string{"proceeds", "land_cost", "dev_cost", "interest", "interest_provable", "city_rate", "contract_rate"},
		[]string{"bt.tax", "surcharge.urban_tax", "surcharge.education", "surcharge.local_education", "lat.tax", "stamp.tax", "total"}},
}

func TestScenarioContract(t *testing.T) {
	checkContract(t, scenarioContract)
	e, _ := load(t)
	for _, c := range scenarioContract {
		if f := e.Cat.Formula(c.id); f != nil && !f.IsScenario() {
			t.Errorf("%s is not a scenario", c.id)
		}
	}
}

func carriedByPart(f *catalog.Formula, id string) bool {
	pi, ident, ok := f.PartFormulaIdent(id)
	if !ok {
		return false
	}
	for _, a := range f.Parts[pi].Alts {
		if a.Formula.Step(ident) == nil {
			return false
		}
	}
	return true
}

// A scenario costs no more than its parts: benchmark it beside them.
func BenchmarkScenarioGeneralMonth(b *testing.B) {
	e, _ := load(b)
	d := date.MustParse("2026-06-30")
	raw := map[string]string{"sales": "1000000", "input_tax": "80000", "input_out": "5000"}
	for b.Loop() {
		if _, err := e.Calc("scn.general_month", raw, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScenarioGeneralMonthParts(b *testing.B) {
	e, _ := load(b)
	d := date.MustParse("2026-06-30")
	vat := map[string]string{"sales": "1000000", "input_tax": "75000"}
	ct := map[string]string{"sales": "0", "rate": "0", "quantity": "0", "unit_tax": "0"}
	sur := map[string]string{"vat": "55000", "ct": "0"}
	for b.Loop() {
		for _, c := range []struct {
			id  string
			raw map[string]string
		}{{"vat.general", vat}, {"ct.compound", ct}, {"surcharge.city", sur}} {
			if _, err := e.Calc(c.id, c.raw, d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// The continue action is derived from the scenarios' bindings.
func TestContinuations(t *testing.T) {
	e, _ := load(t)
	got := map[string]bool{}
	for _, c := range e.Continuations(e.Cat.Formula("vat.general")) {
		got[c.Step+"→"+c.To.ID+"."+c.Input.ID] = true
	}
	for _, want := range []string{"payable→surcharge.city.vat"} {
		if !got[want] {
			t.Errorf("vat.general lacks %s: %v", want, got)
		}
	}
	got = map[string]bool{}
	for _, c := range e.Continuations(e.Cat.Formula("customs.value")) {
		got[c.Step+"→"+c.To.ID+"."+c.Input.ID] = true
	}
	if !got["customs_value→customs.import.customs_value"] || len(got) != 1 {
		t.Errorf("customs.value: %v", got)
	}
	if n := len(e.Continuations(e.Cat.Formula("iit.flat"))); n != 0 {
		t.Errorf("iit.flat continues %d ways", n)
	}
}

// BenchmarkScenarioOverhead runs the scenario and its parts alternately in
// one loop, so that a loaded machine slows both alike, and reports the
// scenario's cost as a ratio of its parts' (issue 9: at most 1.2).
func BenchmarkScenarioOverhead(b *testing.B) {
	e, _ := load(b)
	d := date.MustParse("2026-06-30")
	scn := map[string]string{"sales": "1000000", "input_tax": "80000", "input_out": "5000"}
	parts := []struct {
		id  string
		raw map[string]string
	}{
		{"vat.general", map[string]string{"sales": "1000000", "input_tax": "75000"}},
		{"ct.compound", map[string]string{"sales": "0", "rate": "0", "quantity": "0", "unit_tax": "0"}},
		{"surcharge.city", map[string]string{"vat": "55000", "ct": "0", "small_exempt": "no"}},
	}
	var ts, tp time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := e.Calc("scn.general_month", scn, d); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		for _, p := range parts {
			if _, err := e.Calc(p.id, p.raw, d); err != nil {
				b.Fatal(err)
			}
		}
		ts, tp = ts+t1.Sub(t0), tp+time.Since(t1)
	}
	b.ReportMetric(float64(ts)/float64(tp), "scenario/parts")
}
