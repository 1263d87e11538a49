package practice

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/race"
)

// A relief, found by its id anywhere in the catalog: a step that is an
// amount taken off a tax (…relief, …reduction), a yes/no input that claims
// one (halve, …relief, …exempt…) or an amount input of one (…relief,
// …reduction; not …exempt…: exempt sales raise the input VAT to transfer
// out, rightly).
func isReliefStep(st *catalog.Step) bool {
	return st.Kind == formula.KindMoney && (strings.Contains(st.ID, "relief") || strings.Contains(st.ID, "reduction"))
}

func isReliefChoice(in *catalog.Input) bool {
	return in.Kind == formula.KindBool && (in.ID == "halve" || strings.Contains(in.ID, "relief") || strings.Contains(in.ID, "exempt"))
}

func isReliefAmount(f *catalog.Formula, in *catalog.Input) bool {
	return in.Kind == formula.KindMoney && (strings.Contains(in.ID, "relief") || strings.Contains(in.ID, "reduction")) &&
		!notRelief[f.ID+"."+in.ID]
}

// notRelief are inputs whose name reads like a relief but which take one
// back: vat.super_credit's reduction is the 调减额 of the super credit when
// input tax is transferred out, so it raises the tax by design.
var notRelief = map[string]bool{"vat.super_credit.reduction": true}

// Property over every formula (issue 8, case 9): no relief step is ever
// negative, and claiming a relief, or a larger one, never raises the tax,
// over random draws from the practice ranges at several dates.
func TestReliefNeverRaisesTax(t *testing.T) {
	eng, _, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 300
	if testing.Short() || race.Enabled { // .ci/run runs it in full without -race
		n = 40
	}
	days := []string{"2019-12-31", "2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31", "2027-12-31"}
	checked := 0
	for _, f := range eng.Cat.Formulas {
		var steps []*catalog.Step
		var choices, amounts []*catalog.Input
		for _, st := range f.Steps {
			if isReliefStep(st) {
				steps = append(steps, st)
			}
		}
		for _, in := range f.Inputs {
			switch {
			case isReliefChoice(in):
				choices = append(choices, in)
			case isReliefAmount(f, in):
				amounts = append(amounts, in)
			}
		}
		if len(steps)+len(choices)+len(amounts) == 0 {
			continue
		}
		checked++
		t.Run(f.ID, func(t *testing.T) {
			var ds []date.Date
			for _, s := range append(days, practiceDate(f).String()) {
				if d := date.MustParse(s); f.ValidOn(d) {
					ds = append(ds, d)
				}
			}
			rng := rand.New(rand.NewSource(8))
			fails := 0
			fail := func(format string, args ...any) {
				if fails++; fails <= 3 {
					t.Errorf(format, args...)
				}
			}
			result := func(raw map[string]string, d date.Date) (decimal.Decimal, *engine.Result, bool) {
				res, err := eng.Calc(f.ID, raw, d)
				if err != nil {
					return decimal.Zero, nil, false // refused on that day: nothing to compare
				}
				return res.Answer().Value, res, true
			}
			for _, d := range ds {
				for i := 0; i < n; i++ {
					raw := Draw(f, d, rng)
					base, res, ok := result(raw, d)
					if !ok {
						continue
					}
					for _, sv := range res.Steps {
						if isReliefStep(sv.Step) && sv.Value.IsNegative() {
							fail("%s on %s: relief step %s is %s for %v", f.ID, d, sv.Step.ID, sv.Value, raw)
						}
					}
					for _, in := range choices {
						with, without := clone(raw), clone(raw)
						with[in.ID], without[in.ID] = "true", "false"
						a, _, okA := result(with, d)
						b, _, okB := result(without, d)
						if okA && okB && a.GreaterThan(b) {
							fail("%s on %s: %s=yes gives %s, more than %s without, for %v", f.ID, d, in.ID, a, b, raw)
						}
					}
					for _, in := range amounts {
						v, err := decimal.NewFromString(strings.ReplaceAll(raw[in.ID], ",", ""))
						if err != nil {
							v = decimal.Zero
						}
						// a larger relief, up to the scale of the tax itself
						for _, more := range []decimal.Decimal{v.Add(decimal.NewFromInt(1)), v.Mul(decimal.NewFromInt(10)), base, base.Mul(decimal.NewFromFloat(1.5))} {
							if !more.GreaterThan(v) {
								continue
							}
							bigger := clone(raw)
							bigger[in.ID] = more.StringFixed(2)
							if a, _, ok := result(bigger, d); ok && a.GreaterThan(base) {
								fail("%s on %s: %s=%s gives %s, more than %s with %s=%s (%v)", f.ID, d, in.ID, more.StringFixed(2), a, base, in.ID, v, raw)
							}
						}
					}
				}
			}
		})
	}
	t.Logf("%d formulas with a relief", checked)
	if checked == 0 {
		t.Fatal("no relief found in the catalog: the property checks nothing")
	}
}

func clone(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
