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

// maxCount bounds a worksheet: a class's homework, not a way to fill a disk.
const maxCount = 500

// worksheet prints drawn problems; answers says where their step-by-step
// answers go: "end" (a key after all the problems, so the sheet can be
// handed out and the key kept), "inline" (under each problem) or "none".
func (a *app) worksheet(scope string, seed int64, seeded bool, count int, answers string) error {
	if err := a.checkSheet(count, answers); err != nil {
		return err
	}
	if !seeded {
		seed = time.Now().UnixNano()
	}
	rng := rand.New(rand.NewSource(seed))
	pool := a.pool(scope)
	if len(pool) == 0 {
		return a.usage("err.practice.none", "date", a.date.String())
	}
	draw := func() (*practice.Problem, error) {
		var p *practice.Problem
		var err error
		for len(pool) > 0 {
			i := rng.Intn(len(pool))
			if p, err = practice.Generate(a.eng, pool[i], a.date, rng); err == nil {
				return p, nil
			}
			pool = append(pool[:i:i], pool[i+1:]...) // not on this date: try another
		}
		return nil, err
	}
	return a.printSheet(draw, count, answers, fmt.Sprintf("seed %d\n", seed))
}

func (a *app) checkSheet(count int, answers string) error {
	switch answers {
	case "end", "inline", "none":
	default:
		return a.usage("practice.study.answers", "text", answers)
	}
	if count < 1 || count > maxCount {
		return a.usage("practice.study.count", "n", fmt.Sprint(count), "max", fmt.Sprint(maxCount))
	}
	return nil
}

// printSheet prints count problems from draw, then tail.
func (a *app) printSheet(draw func() (*practice.Problem, error), count int, answers, tail string) error {
	var b, key strings.Builder
	c0 := a.set.Primary()
	for n := 1; n <= count; n++ {
		p, err := draw()
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
		qs := p.Questions()
		nw := len(fmt.Sprint(len(qs)))
		if answers == "end" {
			fmt.Fprintf(&key, "%s %d · %s (%s)\n", c0.T("practice.problem"), n, c0.T(i18n.FormulaKey(f.ID)), f.ID)
		}
		for i, q := range qs {
			var ls []string
			for _, l := range a.set.Mode.Langs() {
				ls = append(ls, q.Label(a.cats[l]))
			}
			label := strings.Join(ls, " · ")
			worked := fmt.Sprintf("  %*d. %s = %s\n  %*s  %s = %s\n", nw, i+1, label, q.Text(c0), nw, "", q.Symbolic(c0), q.Substituted(c0))
			switch answers {
			case "inline":
				b.WriteString(worked)
			case "end":
				fmt.Fprintf(&b, "  %*d. %s = ________\n", nw, i+1, label)
				key.WriteString(worked)
				if i == len(qs)-1 {
					key.WriteString("\n")
				}
			case "none":
				fmt.Fprintf(&b, "  %*d. %s = ________\n", nw, i+1, label)
			}
		}
		b.WriteString("\n")
	}
	if answers == "end" {
		var heads []string
		for _, l := range a.set.Mode.Langs() {
			heads = append(heads, a.cats[l].T("practice.study.key"))
		}
		fmt.Fprintf(&b, "==== %s ====\n\n%s\n", strings.Join(heads, " · "), key.String())
	}
	b.WriteString(tail)
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
