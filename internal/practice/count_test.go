package practice

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// A drawn count of 1 reads "1 day late", "1 year remains" in English
// (issue 17, item 10), and 2 or more the plural.
func TestStatementCountWords(t *testing.T) {
	eng, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ formula, input, one, other string }{
		{"customs.late_fee", "days", "1 day late", " days late"},
		{"iit.early_retirement", "years", "1 year remains", " years remain"},
		{"property.value", "months", "1 month of the year", " months of the year"},
		{"vvt.vessel", "months", "1 month of the year is taxed", " months of the year are taxed"},
	} {
		f := eng.Cat.Formula(tc.formula)
		seen := map[bool]bool{}
		for seed := int64(0); seed < 400 && len(seen) < 2; seed++ {
			p, err := Generate(eng, f, practiceDate(f), rand.New(rand.NewSource(seed)))
			if err != nil {
				t.Fatal(err)
			}
			one := false
			for _, iv := range p.Result.Inputs {
				if iv.Input.ID == tc.input {
					one = iv.Value.String() == "1"
				}
			}
			s := p.Statement(cats[i18n.EN])
			want := tc.other
			if one {
				want = tc.one
			}
			if !strings.Contains(s, want) || strings.Contains(s, "|") {
				t.Errorf("%s (%s is 1: %v): want %q in %s", tc.formula, tc.input, one, want, s)
			}
			seen[one] = true
		}
		if !seen[true] {
			t.Errorf("%s: no draw of %s = 1 in 400 seeds", tc.formula, tc.input)
		}
	}
}
