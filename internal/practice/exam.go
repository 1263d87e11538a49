package practice

import (
	"math/rand"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// ExamItem is one question of a mock exam: a choice question or a
// calculation problem.
type ExamItem struct {
	Choice  *Choice
	Problem *Problem
}

// Exam draws a mock exam on the rules of d: nChoice choice questions
// (single choice and true/false in turn) on the rules of scope, then nCalc
// calculation problems, no formula twice in a row. Fewer come back when
// the scope has fewer to ask.
func Exam(eng *engine.Engine, scope string, d date.Date, rng *rand.Rand, nChoice, nCalc int, cs ...*i18n.Catalog) []ExamItem {
	var out []ExamItem
	params := ChoiceParams(eng.Cat, scope, d, cs...)
	for i := 0; i < nChoice && len(params) > 0; i++ {
		kind := Single
		if i%2 == 1 {
			kind = TrueFalse
		}
		if q, err := GenerateChoice(eng.Cat, params, d, kind, rng); err == nil {
			out = append(out, ExamItem{Choice: q})
			if len(params) > 1 { // one question per rule while there are others
				rest := make([]*catalog.Param, 0, len(params)-1)
				for _, p := range params {
					if p != q.Param {
						rest = append(rest, p)
					}
				}
				params = rest
			}
		}
	}
	var pool []*catalog.Formula
	for _, f := range eng.Cat.Formulas {
		if (scope == "" || f.Category == scope) && len(f.Practice) > 0 && f.ValidOn(d) {
			pool = append(pool, f)
		}
	}
	last := ""
	for i, tries := 0, 0; i < nCalc && len(pool) > 0 && tries < 10*nCalc; tries++ {
		f := pool[rng.Intn(len(pool))]
		if f.ID == last && len(pool) > 1 {
			continue
		}
		p, err := Generate(eng, f, d, rng)
		if err != nil {
			continue
		}
		out = append(out, ExamItem{Problem: p})
		last = f.ID
		i++
	}
	return out
}
