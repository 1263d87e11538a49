package practice

import (
	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/formula"
)

// NearKind names a wrong answer that is off only by rounding, so the
// student is told what went wrong rather than only that it did: an exam
// marks it wrong all the same.
type NearKind int

const (
	NearNone NearKind = iota
	// NearResult: the answer is the right value rounded (or cut) to fewer
	// places than the step keeps — whole yuan, or one decimal.
	NearResult
	// NearStep: the answer is what the step gives when an earlier step is
	// rounded to whole yuan before it is used.
	NearStep
)

// Near is how a wrong answer came close.
type Near struct {
	Kind   NearKind
	Places int32 // NearResult: the places the student kept
	Step   int   // NearStep: the question whose value was rounded
}

// near tells whether v, a wrong answer to question i, is a rounding slip.
func (p *Problem) near(i int, v decimal.Decimal) Near {
	q := p.Questions()[i]
	sv := q.Step()
	switch sv.Step.Kind {
	case formula.KindMoney, formula.KindNumber:
	default:
		return Near{}
	}
	tol := Tolerance(sv.Step)
	for _, places := range []int32{0, 1} {
		if sv.Value.Round(places).Equal(sv.Value) {
			continue // nothing to round at that many places
		}
		for _, r := range []decimal.Decimal{formula.RoundHalfUp(sv.Value, places), sv.Value.Truncate(places)} {
			if r.Equal(v) {
				return Near{Kind: NearResult, Places: places}
			}
		}
	}
	// An earlier step of the same result rounded to whole yuan, the later
	// ones recomputed from it as the engine does.
	for j := 0; j < q.Index; j++ {
		prev := q.Res.Steps[j]
		if prev.Step.Bool != nil || (prev.Step.Kind != formula.KindMoney && prev.Step.Kind != formula.KindNumber) {
			continue
		}
		if prev.Value.IsInteger() {
			continue
		}
		got, ok := recompute(q.Res.Env, q.Res.Formula.Steps, prev.Step, formula.RoundHalfUp(prev.Value, 0), sv.Step)
		if ok && !got.Sub(sv.Value).Abs().LessThanOrEqual(tol) && got.Sub(v).Abs().LessThanOrEqual(tol) {
			if qi := p.questionOf(q, j); qi >= 0 {
				return Near{Kind: NearStep, Step: qi}
			}
		}
	}
	return Near{}
}

// recompute evaluates step upto with step from's value replaced by v, on a
// copy of the result's values (the result itself is not touched). It runs
// every step of the formula in between, the hidden ones too: a shown step
// may rest on them.
func recompute(env *formula.Env, steps []*catalog.Step, from *catalog.Step, v decimal.Decimal, upto *catalog.Step) (decimal.Decimal, bool) {
	if env == nil {
		return decimal.Zero, false
	}
	e := *env
	e.Vals = append([]decimal.Decimal(nil), env.Vals...)
	e.Read, e.TRead = nil, nil
	e.Vals[from.Slot] = v
	started := false
	for _, st := range steps {
		if st == from {
			started = true
			continue
		}
		if !started {
			continue
		}
		var x decimal.Decimal
		if st.Bool != nil {
			b, err := st.Bool(&e)
			if err != nil {
				return decimal.Zero, false
			}
			if b {
				x = decimal.NewFromInt(1)
			}
		} else {
			n, err := st.Num(&e)
			if err != nil {
				return decimal.Zero, false
			}
			x = n
			if st.Round != catalog.NoRound {
				x = formula.RoundHalfUp(x, st.Round)
			}
		}
		e.Vals[st.Slot] = x
		if st == upto {
			return x, true
		}
	}
	return decimal.Zero, false
}

// questionOf is the question that asks step j of q's result, or -1.
func (p *Problem) questionOf(q Question, j int) int {
	for i, o := range p.Questions() {
		if o.Res == q.Res && o.Index == j {
			return i
		}
	}
	return -1
}
