package engine

import (
	"errors"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
)

// otherTaxes is CATALOG.md "The other taxes" for property, deed, tobacco,
// tonnage, land use and farmland tax (issue 11): these ids, inputs and
// steps are called from outside and must exist exactly.
var otherTaxes = []struct {
	id     string
	inputs []string
	steps  []string
}{
	{"property.value", []string{"original_value", "deduction", "months", "halve"}, []string{"base", "tax"}},
	{"property.rent", []string{"rent", "rate", "halve"}, []string{"tax"}},
	{"land_use.tax", []string{"area", "unit_tax", "months", "halve"}, []string{"tax"}},
	{"deed.tax", []string{"price", "rate"}, []string{"tax"}},
	{"farmland.tax", []string{"area", "unit_tax", "basic_farmland", "halve_rural", "halve"}, []string{"tax"}},
	{"tobacco.tax", []string{"price"}, []string{"amount", "tax"}},
	{"tonnage.tax", []string{"net_tonnage", "period", "preferential", "kind", "halve"}, []string{"unit_tax", "tax"}},
}

func TestOtherTaxesContract(t *testing.T) {
	e, _ := load(t)
	for _, c := range otherTaxes {
		f := e.Cat.Formula(c.id)
		if f == nil {
			t.Errorf("formula %s is missing", c.id)
			continue
		}
		if want := c.id[:strings.IndexByte(c.id, '.')]; f.Category != want {
			t.Errorf("%s is in category %s, want %s", c.id, f.Category, want)
		}
		for _, in := range c.inputs {
			if f.Input(in) == nil {
				t.Errorf("%s has no input %s", c.id, in)
			}
		}
		for _, st := range c.steps {
			if f.Step(st) == nil {
				t.Errorf("%s has no step %s", c.id, st)
			}
		}
	}
}

// The choice ids the contract names, typed as outside checks type them,
// give the table's figures; the 六税两费 halving is refused where it does
// not exist (tonnage tax) and outside 2019–2027.
func TestOtherTaxesChoices(t *testing.T) {
	e, _ := load(t)
	d := date.MustParse("2025-06-30")
	ok := []struct {
		id   string
		in   map[string]string
		step string
		want string
	}{
		{"tonnage.tax", map[string]string{"net_tonnage": "30000", "period": "1y"}, "unit_tax", "27.6"},
		{"tonnage.tax", map[string]string{"net_tonnage": "30000", "period": "90d", "preferential": "true"}, "unit_tax", "6.6"},
		{"tonnage.tax", map[string]string{"net_tonnage": "30000", "period": "30d", "kind": "tug"}, "unit_tax", "2.3"},
		{"tonnage.tax", map[string]string{"net_tonnage": "30000", "period": "30d", "kind": "barge", "preferential": "yes"}, "tax", "49500"},
		{"property.value", map[string]string{"original_value": "1000万", "deduction": "30%", "months": "3", "halve": "true"}, "tax", "10500"},
		{"property.rent", map[string]string{"rent": "120000", "rate": "4%"}, "tax", "4800"},
		{"deed.tax", map[string]string{"price": "3000000", "rate": "1.5%"}, "tax", "45000"},
		{"deed.tax", map[string]string{"price": "3000000", "rate": "pref_2"}, "tax", "60000"},
		{"land_use.tax", map[string]string{"area": "5000", "unit_tax": "5", "months": "6", "halve": "yes"}, "tax", "6250"},
		{"farmland.tax", map[string]string{"area": "500", "unit_tax": "20", "halve_rural": "true", "halve": "true"}, "tax", "2500"},
		{"tobacco.tax", map[string]string{"price": "20万"}, "amount", "220000"},
	}
	for _, c := range ok {
		res, err := e.Calc(c.id, c.in, d)
		if err != nil {
			t.Errorf("%s %v: %v", c.id, c.in, err)
			continue
		}
		got := "missing"
		for _, sv := range res.Steps {
			if sv.Step.ID == c.step {
				got = sv.Value.String()
			}
		}
		if got != c.want {
			t.Errorf("%s %v: %s = %s, want %s", c.id, c.in, c.step, got, c.want)
		}
	}
	refused := []struct {
		id   string
		in   map[string]string
		date string
	}{
		{"tonnage.tax", map[string]string{"net_tonnage": "30000", "period": "1y", "halve": "true"}, "2025-06-30"},
		{"property.value", map[string]string{"original_value": "100", "deduction": "30%", "halve": "true"}, "2018-12-31"},
		{"land_use.tax", map[string]string{"area": "100", "unit_tax": "5", "halve": "true"}, "2028-01-01"},
		{"farmland.tax", map[string]string{"area": "100", "unit_tax": "20", "halve": "true"}, "2018-12-31"},
		{"property.rent", map[string]string{"rent": "100", "halve": "true"}, "2018-12-31"},
	}
	for _, c := range refused {
		_, err := e.Calc(c.id, c.in, date.MustParse(c.date))
		var re *RefusedError
		if !errors.As(err, &re) {
			t.Errorf("%s %v on %s: got %v, want a refusal", c.id, c.in, c.date, err)
		}
	}
}
