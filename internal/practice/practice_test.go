package practice

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
	"github.com/cntax/cntax/internal/race"
)

var today = date.MustParse("2026-11-22")

// practiceDate is a day the formula applies: today, or its last valid day.
func practiceDate(f *catalog.Formula) date.Date {
	if f.ValidOn(today) {
		return today
	}
	return f.ValidTo
}

// For every formula, 1,000 raw draws are all accepted: no refusal, no
// missing input, no division by zero.
func TestDrawsAccepted(t *testing.T) {
	eng, _, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 1000
	if testing.Short() || race.Enabled { // .ci/run runs it in full without -race
		n = 100
	}
	for _, f := range eng.Cat.Formulas {
		t.Run(f.ID, func(t *testing.T) {
			d := practiceDate(f)
			for _, in := range f.Inputs {
				if _, ok := f.Practice[in.ID]; !ok && in.Required() {
					t.Fatalf("required input %s has no practice range", in.ID)
				}
			}
			rng := rand.New(rand.NewSource(1))
			bad := 0
			for i := 0; i < n; i++ {
				raw := Draw(f, d, rng)
				if _, err := eng.Calc(f.ID, raw, d); err != nil {
					if bad < 3 {
						t.Errorf("draw %v refused on %s: %v", raw, d, err)
					}
					bad++
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d draws refused", bad, n)
			}
		})
	}
}

// Every formula has a problem template in both languages, naming only
// its inputs and the date, and stating every input that is drawn.
func TestTemplates(t *testing.T) {
	eng, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range eng.Cat.Formulas {
		allowed := map[string]bool{"date": true, "year": true, "month": true}
		for _, in := range f.Inputs {
			allowed[in.ID], allowed[in.ID+"_name"] = true, true
		}
		for _, l := range i18n.Langs {
			s, ok := cats[l].Raw(i18n.ProblemKey(f.ID))
			if !ok {
				t.Errorf("%s: no %s", l, i18n.ProblemKey(f.ID))
				continue
			}
			used := map[string]bool{}
			for _, p := range i18n.Placeholders(s) {
				used[strings.TrimSuffix(p, "_name")] = true
				if !allowed[p] {
					t.Errorf("%s %s: unknown placeholder {%s}", l, f.ID, p)
				}
			}
			for id := range f.Practice {
				if !used[id] {
					t.Errorf("%s %s: the drawn input %s is not stated", l, f.ID, id)
				}
			}
		}
		p, err := Generate(eng, f, practiceDate(f), rand.New(rand.NewSource(7)))
		if err != nil {
			t.Errorf("%s: %v", f.ID, err)
			continue
		}
		for _, l := range i18n.Langs {
			if s := p.Statement(cats[l]); strings.Contains(s, "{") || strings.Contains(s, "⟦") {
				t.Errorf("%s %s: statement not filled: %s", l, f.ID, s)
			}
		}
	}
}

func TestSeedIsDeterministic(t *testing.T) {
	eng, cats, _ := engine.Default()
	f := eng.Cat.Formula("vat.general")
	a, _ := Generate(eng, f, today, rand.New(rand.NewSource(42)))
	b, _ := Generate(eng, f, today, rand.New(rand.NewSource(42)))
	if a.Statement(cats[i18n.ZH]) != b.Statement(cats[i18n.ZH]) {
		t.Error("same seed, different problems")
	}
}

func TestGrade(t *testing.T) {
	eng, _, _ := engine.Default()
	f := eng.Cat.Formula("vat.general")
	res, err := eng.Calc("vat.general", map[string]string{"sales": "568300", "input_tax": "20000"}, today)
	if err != nil {
		t.Fatal(err)
	}
	p := &Problem{Formula: f, Date: today, Result: res}
	// output tax 73,879.00
	for _, tt := range []struct {
		ans string
		ok  bool
	}{{"73879", true}, {"73,879.00", true}, {"7.3879万", true}, {"73879.01", true}, {"73879.02", false}, {"73878.98", false}, {"abc", false}} {
		if m := p.Grade(0, tt.ans); m.OK != tt.ok {
			t.Errorf("%q: ok=%v", tt.ans, m.OK)
		}
	}
	if m := p.Grade(0, "abc"); m.Parsed {
		t.Error("unreadable answer counted")
	}
	res, _ = eng.Calc("vat.small_scale", map[string]string{"sales_incl": "50500"}, today)
	p = &Problem{Formula: eng.Cat.Formula("vat.small_scale"), Date: today, Result: res}
	if m := p.Grade(2, "是"); !m.OK {
		t.Error("exempt: 是 should be right")
	}
	if m := p.Grade(2, "no"); m.OK {
		t.Error("exempt: no should be wrong")
	}
}

func TestStatsStore(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "practice.json")}
	st, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	st.Record("vat.general", []float64{1, 1, 1}, "2026-11-22")
	st.Record("vat.general", []float64{1, 0.5, 0}, "2026-11-22")
	if err := s.Save(st); err != nil {
		t.Fatal(err)
	}
	st, _ = s.Load()
	fs := st.Formulas["vat.general"]
	if fs.Problems != 2 || fs.Steps != 6 || fs.StepsRight != 4.5 || fs.Streak != 0 || fs.Best != 1 {
		t.Errorf("%+v", fs)
	}
	os.WriteFile(s.Path, []byte("{not json"), 0o644)
	st, err = s.Load()
	var ce *CorruptError
	if err == nil || !asCorrupt(err, &ce) || len(st.Formulas) != 0 {
		t.Fatalf("corrupt file: %v", err)
	}
	if _, err := os.Stat(ce.Aside); err != nil {
		t.Errorf("not set aside: %v", err)
	}
	if _, err := os.Stat(s.Path); !os.IsNotExist(err) {
		t.Error("corrupt file still in place")
	}
}

func asCorrupt(err error, ce **CorruptError) bool {
	c, ok := err.(*CorruptError)
	*ce = c
	return ok
}

// Every numeric draw lies on its range's grid: min, min + step, … ≤ max.
func TestDrawsOnGrid(t *testing.T) {
	eng, _, _ := engine.Default()
	rng := rand.New(rand.NewSource(3))
	for _, f := range eng.Cat.Formulas {
		d := practiceDate(f)
		for i := 0; i < 200; i++ {
			raw := Draw(f, d, rng)
			for id, r := range f.Practice {
				if r.Fn != nil || r.MinFn != nil || r.MaxFn != nil || r.Choices || len(r.Values) > 0 {
					continue
				}
				n, err := numparse.Parse(raw[id])
				if err != nil {
					t.Fatalf("%s %s: %q", f.ID, id, raw[id])
				}
				k := n.Value.Sub(r.Min).Div(r.Step)
				if !k.IsInteger() || n.Value.LessThan(r.Min) || n.Value.GreaterThan(r.Max) {
					t.Fatalf("%s %s: %s is off the grid [%s, %s, %s]", f.ID, id, n.Value, r.Min, r.Max, r.Step)
				}
			}
		}
	}
}

// A ratio over 100% answered as a decimal is right; so is 13 for 13%.
func TestGradeRates(t *testing.T) {
	eng, _, _ := engine.Default()
	res, err := eng.Calc("lat.tax", map[string]string{"proceeds": "19000万", "deductions": "4221万"}, today)
	if err != nil {
		t.Fatal(err)
	}
	p := &Problem{Formula: eng.Cat.Formula("lat.tax"), Date: today, Result: res}
	ratio := p.Result.Steps[1]
	if ratio.Step.ID != "ratio" {
		t.Fatal(ratio.Step.ID)
	}
	for _, ans := range []string{ratio.Value.String(), ratio.Value.Shift(2).String() + "%", ratio.Value.Shift(2).String()} {
		if !p.Grade(1, ans).OK {
			t.Errorf("%q for %s marked wrong", ans, ratio.Value)
		}
	}
}
