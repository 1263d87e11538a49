package practice

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// For every category, 1,000 questions of each kind: the right option is
// the catalog's value on the date, the four options are distinct, and no
// wrong option or false statement equals the answer.
func TestChoiceDraws(t *testing.T) {
	eng, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := cats[i18n.ZH]
	n := 1000
	if testing.Short() {
		n = 100
	}
	asked := 0
	scopes := []string{""}
	for _, cg := range eng.Cat.Categories {
		scopes = append(scopes, cg.ID)
	}
	for _, cg := range scopes {
		params := ChoiceParams(eng.Cat, cg, today, cats[i18n.ZH], cats[i18n.EN])
		if len(params) == 0 {
			continue
		}
		asked++
		rng := rand.New(rand.NewSource(1))
		for i := 0; i < n; i++ {
			for _, kind := range []ChoiceKind{Single, TrueFalse} {
				q, err := GenerateChoice(eng.Cat, params, today, kind, rng)
				if err != nil {
					t.Fatal(err)
				}
				v, ok := q.Param.At(today)
				if !ok || !v.Value.Equal(q.Value.Value) {
					t.Fatalf("%s: answer %v, catalog %v", q.Param.ID, q.Value.Value, v.Value)
				}
				if kind == TrueFalse {
					if (q.Answer == 1) != q.Shown.Equal(v.Value) {
						t.Fatalf("%s: statement %v marked %d", q.Param.ID, q.Shown, q.Answer)
					}
					continue
				}
				if len(q.Options) != 4 {
					t.Fatalf("%s: %d options", q.Param.ID, len(q.Options))
				}
				for j, o := range q.Options {
					if o.Equal(v.Value) != (j == q.Answer) {
						t.Fatalf("%s: option %d %v, answer %d %v", q.Param.ID, j, o, q.Answer, v.Value)
					}
					for k := j + 1; k < 4; k++ {
						if o.Equal(q.Options[k]) {
							t.Fatalf("%s: options %v repeat", q.Param.ID, q.Options)
						}
					}
				}
				if q.Stem(c) == "" || q.History(c) == "" {
					t.Fatal("no stem or history")
				}
			}
		}
	}
	if asked < 3 {
		t.Errorf("only %d scopes can be asked", asked)
	}
}

// No question names its answer: 退还比例60% is never asked for its rate.
func TestChoiceNoGiveaway(t *testing.T) {
	eng, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		c := cats[l]
		for _, p := range ChoiceParams(eng.Cat, "", today, c) {
			v, _ := p.At(today)
			q := &Choice{Param: p, Date: today, Value: v}
			if name := c.T(i18n.ParamKey(p.ID)); strings.Contains(name, q.Text(c, v.Value)) {
				t.Errorf("%s: %q gives away %s", p.ID, name, q.Text(c, v.Value))
			}
		}
	}
}

// A scope asks its own tax's rules: VAT's questions are about vat.* params.
func TestChoiceScope(t *testing.T) {
	eng, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	ps := ChoiceParams(eng.Cat, "vat", today, cats[i18n.ZH])
	if len(ps) == 0 {
		t.Fatal("no VAT question")
	}
	for _, p := range ps {
		if !strings.HasPrefix(p.ID, "vat.") {
			t.Errorf("%s asked under VAT", p.ID)
		}
	}
}
