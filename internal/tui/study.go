package tui

import (
	"errors"
	"fmt"

	"github.com/charmbracelet/bubbles/key"

	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/practice"
	"github.com/cntax/cntax/internal/termsafe"
)

// The study keys of the practice home: redo the notebook, review.
var (
	keyMistakes = key.NewBinding(key.WithKeys("m"))
	keyReview   = key.NewBinding(key.WithKeys("r"))
)

// studyKeys are the home's study keys with help in c's language.
func (c *common) studyKeys() (m, r key.Binding) {
	m, r = keyMistakes, keyReview
	m.SetHelp("m", c.t("practice.study.help_mistakes"))
	r.SetHelp("r", c.t("practice.study.help_review"))
	return m, r
}

func newQueuedRun(c *common, kind string) *practiceRun {
	ti := newInput()
	ti.Prompt = ""
	ti.CharLimit = 40
	return &practiceRun{pager: newPager(c), rng: c.rng(), ti: ti, kind: kind}
}

// newMistakesRun redoes the notebook's problems, each exactly as it was
// missed: the same inputs under the same date's rules.
func newMistakesRun(c *common) *practiceRun {
	r := newQueuedRun(c, "mistakes")
	st, err := c.book.Load()
	r.study, r.bookErr = st, err
	for _, m := range st.Due() {
		m := m
		r.queue = append(r.queue, func() (*practice.Problem, error) { return practice.Replay(c.eng, m) })
	}
	r.total = len(r.queue)
	r.next()
	return r
}

// newReviewRun asks n formulas of scope (a category, or all) in the
// schedule's order, each a new problem on the current date.
func newReviewRun(c *common, scope string, n int) *practiceRun {
	r := newQueuedRun(c, "review")
	if n < 1 {
		n = 10
	}
	stats, _ := c.stats.Load()
	st, err := c.book.Load()
	r.study, r.bookErr = st, err
	var pool []string
	for _, f := range c.eng.Cat.Formulas {
		if (scope == "" || f.Category == scope || f.ID == scope) && len(f.Practice) > 0 && f.ValidOn(c.date) {
			pool = append(pool, f.ID)
		}
	}
	for _, id := range practice.Pick(st.Schedule(stats, pool, c.today), n) {
		f := c.eng.Cat.Formula(id)
		r.queue = append(r.queue, func() (*practice.Problem, error) { return practice.Generate(c.eng, f, c.date, r.rng) })
	}
	r.total = len(r.queue)
	r.next()
	return r
}

// nextQueued asks the next problem of the queue.
func (r *practiceRun) nextQueued() {
	if len(r.queue) == 0 {
		r.over = true
		r.ti.Blur()
		return
	}
	f := r.queue[0]
	r.queue = r.queue[1:]
	r.asked++
	if r.p, r.err = f(); r.p == nil {
		if r.err == nil {
			r.err = errors.New(r.c.t("practice.failed"))
		}
		return
	}
	r.start()
}

// overText closes a queue: the notebook redone, or the review done.
func (r *practiceRun) overText() string {
	c := r.c
	empty, over := "practice.study.empty_mistakes", "practice.study.over_mistakes"
	if r.kind == "review" {
		empty, over = "practice.study.empty_review", "practice.study.over_review"
	}
	if r.total == 0 {
		return c.t(empty)
	}
	left := 0
	if r.study != nil {
		left = len(r.study.Mistakes)
	}
	return c.t(over, "n", fmt.Sprint(r.total), "left", fmt.Sprint(left)) + "\n\n" + c.t("practice.study.over_hint")
}

// bookLine says what the problem did to the notebook.
func (r *practiceRun) bookLine() string {
	cat := r.c.cat()
	o := practice.OutcomeOf(r.p, r.marks, r.c.today)
	var in *practice.Mistake
	if r.study != nil {
		for _, m := range r.study.Mistakes {
			if m.Formula == o.Formula && m.Date == o.Date && sameInputs(m.Inputs, o.Inputs) {
				in = m
			}
		}
	}
	n := 0
	if r.study != nil {
		n = len(r.study.Mistakes)
	}
	switch {
	case in != nil && !o.Right:
		return cat.T("practice.study.book_added", "n", fmt.Sprint(n))
	case in != nil:
		return cat.T("practice.study.book_once", "left", fmt.Sprint(practice.RightDaysToLeave-len(in.RightDays)))
	case r.kind == "mistakes":
		return cat.T("practice.study.book_removed", "n", fmt.Sprint(n))
	}
	return cat.T("practice.study.book_count", "n", fmt.Sprint(n))
}

func sameInputs(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// bookWarning says why the study file was set aside, not read or not
// saved.
func (c *common) bookWarning(cat *i18n.Catalog, err error) string {
	var ce *practice.CorruptError
	if errors.As(err, &ce) {
		return cat.T("practice.study.book_reset", "detail", termsafe.String(err.Error()))
	}
	return cat.T("practice.study.book_unsaved", "detail", termsafe.String(err.Error()), "n", fmt.Sprint(c.book.Unsaved()))
}

// studyHead is the practice home's line about the notebook and the review.
func (ph *practiceHome) studyHead() string {
	c := ph.c
	if ph.study == nil {
		return ""
	}
	due := 0
	var pool []string
	for _, f := range ph.formulas() {
		pool = append(pool, f.ID)
	}
	for _, it := range ph.study.Schedule(ph.stats, pool, c.today) {
		if it.Due() {
			due++
		}
	}
	return c.t("practice.study.home", "mistakes", fmt.Sprint(len(ph.study.Mistakes)), "due", fmt.Sprint(due))
}
