package cli

import (
	"errors"
	"fmt"
	"io"
	"math/rand"
	"strings"
	"time"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/practice"
)

// worksheet prints drawn problems with their step-by-step answers.
func (a *app) worksheet(scope string, seed int64, seeded bool, count int) error {
	if !seeded {
		seed = time.Now().UnixNano()
	}
	rng := rand.New(rand.NewSource(seed))
	pool := a.pool(scope)
	if len(pool) == 0 {
		return a.usage("err.practice.none", "date", a.date.String())
	}
	var b strings.Builder
	for n := 1; n <= max(count, 1); n++ {
		var p *practice.Problem
		var err error
		for len(pool) > 0 {
			i := rng.Intn(len(pool))
			if p, err = practice.Generate(a.eng, pool[i], a.date, rng); err == nil {
				break
			}
			pool = append(pool[:i:i], pool[i+1:]...) // not on this date: try another
		}
		if p == nil {
			var npe *practice.NoProblemError
			if errors.As(err, &npe) {
				return &usageError{msgs: a.localize(npe)}
			}
			return err
		}
		f := p.Formula
		for _, l := range a.set.Mode.Langs() {
			c := a.cats[l]
			fmt.Fprintf(&b, "%s %d · %s (%s)\n", c.T("practice.problem"), n, c.T(i18n.FormulaKey(f.ID)), f.ID)
			fmt.Fprintf(&b, "%s\n", p.Statement(c))
		}
		c0 := a.set.Primary()
		for i, q := range p.Questions() {
			var ls []string
			for _, l := range a.set.Mode.Langs() {
				ls = append(ls, q.Label(a.cats[l]))
			}
			fmt.Fprintf(&b, "  %d. %s = %s\n", i+1, strings.Join(ls, " · "), q.Text(c0))
			fmt.Fprintf(&b, "     %s = %s\n", q.Symbolic(c0), q.Substituted(c0))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "seed %d\n", seed)
	_, err := io.WriteString(a.env.Stdout, b.String())
	return err
}

// localize words a localized error in every language of the mode.
func (a *app) localize(err engine.Localized) []string {
	var out []string
	for _, l := range a.set.Mode.Langs() {
		out = append(out, err.Message(a.cats[l]))
	}
	return out
}

// pool is the formulas a practice scope covers on the date: one formula,
// a category, or everything.
func (a *app) pool(scope string) []*catalog.Formula {
	var out []*catalog.Formula
	for _, f := range a.eng.Cat.Formulas {
		if (scope == "" || scope == f.Category || scope == f.ID) && f.ValidOn(a.date) && len(f.Practice) > 0 {
			out = append(out, f)
		}
	}
	return out
}
