package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/practice"
)

// examTick advances the countdown once a second.
type examTick struct{ at time.Time }

func tick() tea.Cmd { return tea.Tick(time.Second, func(t time.Time) tea.Msg { return examTick{t} }) }

// examRun is a timed mock exam: choice questions, then calculation
// problems, each asked by the screen that asks it in practice; the
// countdown is in the title; at the end (or when time is up) the marks per
// section. Calculation problems go to the records and the notebook as in
// practice.
type examRun struct {
	c       *common
	w, h    int
	items   []practice.ExamItem
	i       int
	cur     screen
	limit   time.Duration
	start   time.Time
	now     func() time.Time
	tick    func() tea.Cmd // the countdown's clock; tests stop it
	ticking bool
	over    bool
	leaving bool
	// marks per section
	choiceN, choiceRight int
	calcGot              float64
	calcOf               int
}

func newExam(c *common, scope string, minutes int) *examRun {
	if minutes < 1 {
		minutes = 30
	}
	e := &examRun{c: c, limit: time.Duration(minutes) * time.Minute, now: time.Now, tick: tick}
	e.items = practice.Exam(c.eng, scope, c.date, c.rng(), 6, 4, c.langs()...)
	e.start = e.now()
	e.open()
	return e
}

// open puts item i on screen.
func (e *examRun) open() {
	if e.i >= len(e.items) {
		e.over = true
		return
	}
	it := e.items[e.i]
	if it.Choice != nil {
		r := &choiceRun{pager: newPager(e.c), q: it.Choice, answered: -1, rng: e.c.rng()}
		e.cur = r
	} else {
		p := it.Problem
		r := newQueuedRun(e.c, "exam")
		r.queue = append(r.queue, func() (*practice.Problem, error) { return p, nil })
		r.total = 1
		r.next()
		e.cur = r
	}
	e.cur.setSize(e.w, e.h)
}

// close counts item i's marks.
func (e *examRun) close() {
	switch s := e.cur.(type) {
	case *choiceRun:
		e.choiceN++
		if s.answered >= 0 && s.q.Right(s.answered) {
			e.choiceRight++
		}
	case *practiceRun:
		for _, m := range s.marks {
			e.calcGot += m
		}
		e.calcOf += len(s.marks)
	}
}

// finished: the item on screen has been answered.
func (e *examRun) finished() bool {
	switch s := e.cur.(type) {
	case *choiceRun:
		return s.answered >= 0
	case *practiceRun:
		return s.done
	}
	return true
}

func (e *examRun) left() time.Duration { return e.limit - e.now().Sub(e.start) }

func (e *examRun) title() string {
	if e.over {
		return e.c.t("exam.title_over")
	}
	l := max(e.left(), 0)
	return e.c.t("exam.title", "n", fmt.Sprint(e.i+1), "of", fmt.Sprint(len(e.items)),
		"left", fmt.Sprintf("%02d:%02d", int(l.Minutes()), int(l.Seconds())%60))
}

func (e *examRun) capturesText() bool { return !e.over && e.cur != nil && e.cur.capturesText() }
func (e *examRun) relabel() {
	if e.cur != nil {
		e.cur.relabel()
	}
}

func (e *examRun) setSize(w, h int) {
	e.w, e.h = w, h
	if e.cur != nil {
		e.cur.setSize(w, h)
	}
}

func (e *examRun) help() helpKeys {
	if e.over || e.cur == nil {
		k := e.c.keys
		return helpKeys{short: []key.Binding{k.Back}, full: [][]key.Binding{{k.Back}}}
	}
	return e.cur.help()
}

func (e *examRun) update(msg tea.Msg) (screen, tea.Cmd) {
	var cmd tea.Cmd
	if !e.ticking && !e.over {
		e.ticking, cmd = true, e.tick()
	}
	if _, ok := msg.(examTick); ok {
		if e.over {
			return e, nil
		}
		if e.left() <= 0 {
			e.end()
			return e, nil
		}
		return e, e.tick()
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return e, cmd
	}
	k := e.c.keys
	if key.Matches(km, k.Back) {
		if !e.over && !e.leaving {
			e.leaving = true
			return e, cmd
		}
		return e, pop()
	}
	e.leaving = false
	if e.over {
		return e, cmd
	}
	if e.left() <= 0 {
		e.end()
		return e, cmd
	}
	if e.finished() && key.Matches(km, k.NextProblem) {
		e.close()
		e.i++
		e.open()
		return e, cmd
	}
	if e.finished() {
		return e, cmd
	}
	_, c2 := e.cur.update(msg)
	return e, tea.Batch(cmd, c2)
}

// end closes the exam when time is up: what was answered counts, the rest
// scores nothing.
func (e *examRun) end() {
	if e.over {
		return
	}
	if e.cur != nil {
		e.close()
		e.i++
	}
	for ; e.i < len(e.items); e.i++ {
		if e.items[e.i].Choice != nil {
			e.choiceN++
		} else {
			e.calcOf += len(e.items[e.i].Problem.Questions())
		}
	}
	e.over = true
}

func (e *examRun) view() string {
	c := e.c
	if len(e.items) == 0 {
		return wrapText(c.st.Warn.Render(c.t("choice.none")), e.w)
	}
	if !e.over {
		v := e.cur.view()
		if e.leaving {
			lines := strings.Split(v, "\n")
			lines = append(lines[:max(len(lines)-1, 0)], c.st.Warn.Render(truncate(c.t("exam.leave"), e.w)))
			v = strings.Join(lines, "\n")
		}
		return v
	}
	used := min(e.now().Sub(e.start), e.limit)
	b := []string{
		c.st.Title.Render(c.t("exam.summary")),
		"",
		c.t("exam.section_choice", "got", fmt.Sprint(e.choiceRight), "of", fmt.Sprint(e.choiceN)),
		c.t("exam.section_calc", "got", trimFloat(e.calcGot), "of", fmt.Sprint(e.calcOf)),
	}
	total, of := float64(e.choiceRight)+e.calcGot, e.choiceN+e.calcOf
	pct := 0.0
	if of > 0 {
		pct = total / float64(of) * 100
	}
	b = append(b, c.st.Label.Render(c.t("exam.total", "got", trimFloat(total), "of", fmt.Sprint(of), "pct", fmt.Sprintf("%.0f", pct))),
		c.st.Dim.Render(c.t("exam.time", "used", fmt.Sprintf("%02d:%02d", int(used.Minutes()), int(used.Seconds())%60), "limit", fmt.Sprint(int(e.limit.Minutes())))),
		"", c.st.Dim.Render(c.t("exam.saved")))
	return wrapText(strings.Join(b, "\n"), e.w)
}

var keyExam = key.NewBinding(key.WithKeys("x"))

func (c *common) examKey() key.Binding {
	k := keyExam
	k.SetHelp("x", c.t("exam.help"))
	return k
}
