package practice

import (
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// Question is one value the student answers: a step of the formula, or,
// for a scenario, one of its figures to file (a step of a part, asked as
// PART.STEP) and its result — the order an exam answer writes them.
type Question struct {
	ID    string         // step id, or PART.STEP
	Res   *engine.Result // the result that holds the step: the part's own
	Index int            // in Res.Steps
	owner *Problem
}

// Step is the answer's step and value.
func (q Question) Step() engine.StepValue { return q.Res.Steps[q.Index] }

// Label names the question in c: the scenario's own word for a carried
// figure (应纳增值税), else the step's label.
func (q Question) Label(c *i18n.Catalog) string {
	f := q.owner.Formula
	if f.Step(q.ID) == nil && f.IsScenario() {
		return engine.CarriedLabel(c, f, q.ID)
	}
	return c.Label(f.ID, q.ID)
}

// Text is the right value as read in c.
func (q Question) Text(c *i18n.Catalog) string { return q.Res.StepText(c, q.Index) }

// Symbolic is the step's formula in words.
func (q Question) Symbolic(c *i18n.Catalog) string {
	return engine.Symbolic(c, q.Res.Formula, q.Step().Expr())
}

// Substituted is the step's formula with the numbers put in.
func (q Question) Substituted(c *i18n.Catalog) string { return q.Res.Substituted(c, q.Index) }

// Questions lists what the student answers, in order.
func (p *Problem) Questions() []Question {
	if p.questions != nil {
		return p.questions
	}
	res := p.Result
	f := p.Formula
	if !f.IsScenario() {
		for i, sv := range res.Steps {
			p.questions = append(p.questions, Question{ID: sv.Step.ID, Res: res, Index: i, owner: p})
		}
		return p.questions
	}
	for _, id := range append(append([]string(nil), f.Filed...), f.Result.ID) {
		if q, ok := p.find(id); ok {
			p.questions = append(p.questions, q)
		}
	}
	return p.questions
}

// find locates a step of the scenario or PART.STEP of one of its parts.
func (p *Problem) find(id string) (Question, bool) {
	res, i, ok := p.Result.Locate(id)
	if !ok {
		return Question{}, false
	}
	if res.Steps[i].Hidden { // asked all the same: it is a figure to file
		return Question{ID: id, Res: res, Index: i, owner: p}, true
	}
	return Question{ID: id, Res: res.Visible(), Index: visibleIndex(res, i), owner: p}, true
}

// visibleIndex is step i of r counted among the steps Visible keeps.
func visibleIndex(r *engine.Result, i int) int {
	n := 0
	for j := 0; j < i; j++ {
		if !r.Steps[j].Hidden {
			n++
		}
	}
	return n
}
