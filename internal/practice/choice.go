package practice

import (
	"errors"
	"math/rand"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// ChoiceKind is the form of a choice question.
type ChoiceKind int

const (
	Single    ChoiceKind = iota // 单项选择: four options, one right
	TrueFalse                   // 判断: a statement, right or wrong
)

// Choice is a question about one dated value of the catalog: which value a
// rate, threshold or deduction has on a date. The wrong options are drawn
// from the catalog itself — the same rule at its other dates, then the
// other rules of the same kind in the same family (vat.rate.*) and tax —
// never written by hand, and never equal to the answer.
type Choice struct {
	Kind    ChoiceKind
	Param   *catalog.Param
	Date    date.Date
	Value   catalog.ParamValue // the right value on Date
	Options []decimal.Decimal  // Single: four values, one of them right
	Answer  int                // Single: the right option; TrueFalse: 1 true, 0 false
	Shown   decimal.Decimal    // TrueFalse: the value the statement gives
}

// ErrNoChoice: no question can be drawn from the scope on the date.
var ErrNoChoice = errors.New("no rule of the scope can be asked on the date")

// choosable: a rule worth asking — a rate or an amount in force on d,
// confirmed against its source (a question must not teach a number that
// is not), and named in c.
func choosable(p *catalog.Param, d date.Date, cs []*i18n.Catalog) bool {
	if p.Kind != formula.KindRate && p.Kind != formula.KindMoney {
		return false
	}
	v, ok := p.At(d)
	if !ok || !p.Verified || v.Unverified || v.Value.IsZero() {
		return false
	}
	for _, c := range cs {
		if !c.Has(i18n.ParamKey(p.ID)) {
			return false
		}
		// a name that gives the value away (退还比例60%) asks nothing
		name := c.T(i18n.ParamKey(p.ID))
		if strings.Contains(name, engine.Value(c, p.Kind, v.Value, v.Unit)) || strings.Contains(name, numparse.Plainnum(v.Value.Shift(2))+"%") {
			return false
		}
	}
	return true
}

// ChoiceParams are the params a choice question about scope (a category,
// or "" for all) can ask on d in the languages cs, sorted by id so a seed
// draws the same.
func ChoiceParams(cat *catalog.Catalog, scope string, d date.Date, cs ...*i18n.Catalog) []*catalog.Param {
	own := paramCategories(cat)
	var out []*catalog.Param
	for _, p := range cat.Params {
		if (scope == "" || own[p.ID] == scope) && choosable(p, d, cs) && len(distractors(cat, p, d)) >= 3 {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// GenerateChoice draws a question about one of params.
func GenerateChoice(cat *catalog.Catalog, params []*catalog.Param, d date.Date, kind ChoiceKind, rng *rand.Rand) (*Choice, error) {
	if len(params) == 0 {
		return nil, ErrNoChoice
	}
	p := params[rng.Intn(len(params))]
	v, _ := p.At(d)
	ds := distractors(cat, p, d)
	q := &Choice{Kind: kind, Param: p, Date: d, Value: v}
	switch kind {
	case TrueFalse:
		if rng.Intn(2) == 0 {
			q.Shown, q.Answer = v.Value, 1
		} else {
			q.Shown, q.Answer = ds[rng.Intn(len(ds))], 0
		}
	default:
		// the first distractors are the nearest kin: the rule's own history
		picked := append([]decimal.Decimal(nil), ds[:3]...)
		q.Answer = rng.Intn(4)
		q.Options = append(picked[:q.Answer:q.Answer], append([]decimal.Decimal{v.Value}, picked[q.Answer:]...)...)
	}
	return q, nil
}

// distractors are wrong values for p on d, nearest kin first: p's values
// at other dates, then its family's (same id up to the last dot, same
// kind), then its tax's, each once and none equal to the answer.
func distractors(cat *catalog.Catalog, p *catalog.Param, d date.Date) []decimal.Decimal {
	right, _ := p.At(d)
	var out []decimal.Decimal
	add := func(v decimal.Decimal) {
		if v.Equal(right.Value) || v.IsZero() {
			return
		}
		for _, o := range out {
			if o.Equal(v) {
				return
			}
		}
		out = append(out, v)
	}
	for _, pv := range p.Values {
		if !pv.Ended {
			add(pv.Value)
		}
	}
	family := p.ID[:strings.LastIndexByte(p.ID, '.')+1]
	tax, _, _ := strings.Cut(p.ID, ".")
	var kin, tax2 []*catalog.Param
	for _, o := range cat.Params {
		if o == p || o.Kind != p.Kind {
			continue
		}
		if strings.HasPrefix(o.ID, family) {
			kin = append(kin, o)
		} else if strings.HasPrefix(o.ID, tax+".") {
			tax2 = append(tax2, o)
		}
	}
	for _, group := range [][]*catalog.Param{kin, tax2} {
		sort.Slice(group, func(i, j int) bool { return group[i].ID < group[j].ID })
		for _, o := range group {
			if ov, ok := o.At(d); ok {
				add(ov.Value)
			}
		}
	}
	return out
}

// paramCategories gives each param the tax it belongs to: that of a
// formula of its own family (ct.* → a ct.* formula's category), else of
// the first formula that reads it (VAT's deemed price reads ct rates, but
// they are consumption tax's).
func paramCategories(cat *catalog.Catalog) map[string]string {
	out := map[string]string{}
	own := map[string]bool{}
	prefix := func(id string) string { p, _, _ := strings.Cut(id, "."); return p }
	note := func(p *catalog.Param, f *catalog.Formula) {
		mine := prefix(p.ID) == prefix(f.ID)
		if _, ok := out[p.ID]; !ok || (mine && !own[p.ID]) {
			out[p.ID], own[p.ID] = f.Category, mine
		}
	}
	for _, f := range cat.Formulas {
		for _, ps := range f.ParamSlots {
			note(ps.Param, f)
		}
		for _, in := range f.Inputs {
			for _, p := range in.Choices {
				note(p, f)
			}
		}
	}
	return out
}

// Text reads a value of the question's rule in c.
func (q *Choice) Text(c *i18n.Catalog, v decimal.Decimal) string {
	u := q.Value.Unit
	if q.Param.Kind == formula.KindMoney {
		u = numparse.Plain
	}
	return engine.Value(c, q.Param.Kind, v, u)
}

// Stem is the question in c.
func (q *Choice) Stem(c *i18n.Catalog) string {
	name := c.T(i18n.ParamKey(q.Param.ID))
	d := dateText(c, q.Date)
	if q.Kind == TrueFalse {
		return c.T("choice.tf", "date", d, "name", name, "value", q.Text(c, q.Shown))
	}
	return c.T("choice.single", "date", d, "name", name)
}

// Right reports whether answer i (an option; for true/false 1 or 0) is right.
func (q *Choice) Right(i int) bool { return i == q.Answer }

// History is the rule's dated values on one line, the explanation's core:
// 17% (1994-01-01) → 16% (2018-05-01) → 13% (2019-04-01).
func (q *Choice) History(c *i18n.Catalog) string {
	var parts []string
	last := ""
	for _, v := range q.Param.Values {
		s := "—"
		if !v.Ended {
			s = q.Text(c, v.Value)
		}
		if s == last {
			continue // re-enacted unchanged (a new regulation, the same value)
		}
		last = s
		parts = append(parts, s+" ("+v.From.String()+")")
	}
	return strings.Join(parts, " → ")
}
