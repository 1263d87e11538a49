package tui

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/practice"
)

// c, not k: k moves up (vim keys) on every list
var keyChoice = key.NewBinding(key.WithKeys("c"))

// choiceRun asks choice questions about the rules of a scope, single
// choice and true/false in turn; an answer shows the right value, the
// rule's history and its source.
type choiceRun struct {
	pager
	scope    string
	params   []*catalog.Param
	q        *practice.Choice
	n, right int
	answered int // -1: not yet; else the option chosen
	rng      *rand.Rand
}

func newChoiceRun(c *common, scope string) *choiceRun {
	r := &choiceRun{pager: newPager(c), scope: scope, rng: c.rng()}
	r.params = practice.ChoiceParams(c.eng.Cat, scope, c.date, c.langs()...)
	r.next()
	return r
}

func (r *choiceRun) next() {
	kind := practice.Single
	if r.n%2 == 1 {
		kind = practice.TrueFalse
	}
	r.q, _ = practice.GenerateChoice(r.c.eng.Cat, r.params, r.c.date, kind, r.rng)
	r.answered = -1
	r.rebuild()
}

func (r *choiceRun) title() string      { return r.c.t("choice.title") }
func (r *choiceRun) capturesText() bool { return r.q != nil && r.answered < 0 } // a–d are answers, not d (date)
func (r *choiceRun) setSize(w, h int)   { r.w, r.h = w, h; r.rebuild() }
func (r *choiceRun) relabel() {
	r.params = practice.ChoiceParams(r.c.eng.Cat, r.scope, r.c.date, r.c.langs()...)
	r.rebuild()
}

func (r *choiceRun) help() helpKeys {
	k := r.c.keys
	if r.answered >= 0 {
		return helpKeys{short: []key.Binding{k.NextProblem, k.Back}, full: [][]key.Binding{{k.NextProblem, k.Back}}}
	}
	return helpKeys{short: []key.Binding{k.Back}, full: [][]key.Binding{{k.Back}}}
}

func (r *choiceRun) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return r, nil
	}
	if key.Matches(km, r.c.keys.Back) {
		return r, pop()
	}
	if r.q == nil {
		return r, nil
	}
	if r.answered >= 0 {
		if key.Matches(km, r.c.keys.NextProblem) {
			r.next()
		}
		return r, nil
	}
	pick := -1
	s := strings.ToLower(km.String())
	if r.q.Kind == practice.TrueFalse {
		switch s {
		case "y", "t", "1":
			pick = 1
		case "n", "f", "0", "2":
			pick = 0
		}
	} else if len(s) == 1 {
		switch {
		case s[0] >= 'a' && s[0] <= 'd':
			pick = int(s[0] - 'a')
		case s[0] >= '1' && s[0] <= '4':
			pick = int(s[0] - '1')
		}
	}
	if pick >= 0 {
		r.answered = pick
		r.n++
		if r.q.Right(pick) {
			r.right++
		}
		r.rebuild()
	}
	return r, nil
}

func (r *choiceRun) rebuild() {
	c := r.c
	cat := c.cat()
	if r.q == nil {
		r.set(c.st.Warn.Render(cat.T("choice.none")), 0)
		return
	}
	q := r.q
	var b []string
	for _, l := range c.set.Mode.Langs() {
		b = append(b, c.st.Title.Render(q.Stem(c.set.Cats[l])))
	}
	b = append(b, c.st.Dim.Render(q.Param.ID), "")
	if q.Kind == practice.TrueFalse {
		b = append(b, "  y  "+cat.T("choice.true"), "  n  "+cat.T("choice.false"))
	} else {
		for i, o := range q.Options {
			line := fmt.Sprintf("  %c. %s", 'A'+i, q.Text(cat, o))
			if r.answered >= 0 && i == q.Answer {
				line = c.st.Result.Render(line + "  ✓")
			} else if i == r.answered {
				line = c.st.Error.Render(line + "  ✗")
			}
			b = append(b, line)
		}
	}
	b = append(b, "")
	if r.answered < 0 {
		b = append(b, c.st.Dim.Render(cat.T("choice.hint")))
	} else {
		ans := q.Text(cat, q.Value.Value)
		if q.Kind == practice.TrueFalse {
			ans = cat.T("choice.false")
			if q.Answer == 1 {
				ans = cat.T("choice.true")
			}
			ans += " (" + q.Text(cat, q.Value.Value) + ")"
		}
		if q.Right(r.answered) {
			b = append(b, c.st.Result.Render("✓ "+cat.T("choice.right")))
		} else {
			b = append(b, c.st.Error.Render("✗ "+cat.T("choice.wrong", "answer", ans)))
		}
		b = append(b, cat.T("choice.history", "history", q.History(cat)),
			c.st.Dim.Render(cat.T("choice.source", "source", q.Param.Source)), "",
			c.st.Dim.Render(cat.T("choice.score", "n", fmt.Sprint(r.n), "right", fmt.Sprint(r.right))),
			c.st.Dim.Render(cat.T("practice.next_hint")))
	}
	r.set(strings.Join(b, "\n"), 0)
}

func (r *choiceRun) view() string { return r.vp.View() + "\n" + r.more() }

// choiceKey is the practice home's key to choice questions, with its help.
func (c *common) choiceKey() key.Binding {
	k := keyChoice
	k.SetHelp("c", c.t("choice.title"))
	return k
}

// langs are the catalogs of the mode.
func (c *common) langs() []*i18n.Catalog {
	var out []*i18n.Catalog
	for _, l := range c.set.Mode.Langs() {
		out = append(out, c.set.Cats[l])
	}
	return out
}
