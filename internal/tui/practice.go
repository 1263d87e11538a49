package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/practice"
	"github.com/cntax/cntax/internal/termsafe"
)

// practiceHome lists what can be practised in a category: every formula at
// random, or one of them, each with the student's record.
type practiceHome struct {
	c        *common
	category string
	cursor   int
	offset   int
	w, h     int
	stats    *practice.Stats
	statsErr error
	study    *practice.Study
}

func newPracticeStart(c *common, scope string) screen {
	if kind := c.opts.Study; kind != "" {
		c.opts.Study = "" // the first screen only: p later opens the home
		switch kind {
		case "review":
			return newReviewRun(c, scope, c.opts.Count)
		case "choice":
			return newChoiceRun(c, scope)
		case "exam":
			return newExam(c, scope, c.opts.Count)
		}
		return newMistakesRun(c)
	}
	if f := c.eng.Cat.Formula(scope); f != nil {
		return newPracticeFor(c, f)
	}
	ph := &practiceHome{c: c, category: scope}
	ph.load()
	return ph
}

func newPracticeFor(c *common, f *catalog.Formula) screen {
	return newPracticeRun(c, []*catalog.Formula{f})
}

func (c *common) practiceStore() *practice.Store { return c.stats }

// statsWarning says, in catalog cat, why the practice record was set
// aside, not read or not saved; outside text in it is made terminal-safe.
func (c *common) statsWarning(cat *i18n.Catalog, err error) string {
	var ce *practice.CorruptError
	var ue *practice.UnreadableError
	switch {
	case errors.As(err, &ce):
		return cat.T("practice.stats_reset", "detail", termsafe.String(err.Error()))
	case errors.As(err, &ue):
		reason := termsafe.String(ue.Err.Error())
		var pe *fs.PathError
		switch {
		case errors.Is(ue.Err, fs.ErrPermission):
			reason = cat.T("practice.reason.permission")
		case errors.As(ue.Err, &pe):
			reason = termsafe.String(pe.Err.Error())
		}
		return cat.N("practice.stats_unreadable", c.stats.Unsaved(), "path", termsafe.String(ue.Path), "reason", reason, "n", fmt.Sprint(c.stats.Unsaved()))
	}
	return cat.N("practice.stats_unsaved", c.stats.Unsaved(), "detail", termsafe.String(err.Error()), "n", fmt.Sprint(c.stats.Unsaved()))
}

// rng is the practice draw: the --seed when given, else the clock.
func (c *common) rng() *rand.Rand {
	if c.opts.SeedSet {
		return rand.New(rand.NewSource(c.opts.Seed))
	}
	return rand.New(rand.NewSource(time.Now().UnixNano()))
}

func (ph *practiceHome) formulas() []*catalog.Formula {
	var out []*catalog.Formula
	for _, f := range ph.c.eng.Cat.Formulas {
		if (ph.category == "" || f.Category == ph.category) && len(f.Practice) > 0 {
			out = append(out, f)
		}
	}
	return out
}

func (ph *practiceHome) title() string {
	t := ph.c.t("practice.title")
	if ph.category != "" {
		t += " · " + ph.c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.CategoryKey(ph.category)) })
	}
	return t
}
func (ph *practiceHome) relabel() {}

// setSize is also called when a run is closed over the home: the records
// are read again so they show the problems just finished.
func (ph *practiceHome) setSize(w, h int) {
	ph.w, ph.h = w, h
	ph.load()
}

// load reads the records and the notebook; a notebook that cannot be
// read is said when it is opened.
func (ph *practiceHome) load() {
	ph.stats, ph.statsErr = ph.c.practiceStore().Load()
	ph.study, _ = ph.c.book.Load()
}
func (ph *practiceHome) capturesText() bool { return false }

func (ph *practiceHome) help() helpKeys {
	k := ph.c.keys
	m, r := ph.c.studyKeys()
	ch, ex := ph.c.choiceKey(), ph.c.examKey()
	return helpKeys{short: []key.Binding{k.Enter, m, r, ch, ex, k.Back}, full: [][]key.Binding{{k.Up, k.Down, k.Enter}, {m, r, ch, ex, ph.c.dashKey()}, {k.Date, k.Today, k.Back}}}
}

func (ph *practiceHome) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return ph, nil
	}
	k := ph.c.keys
	fs := ph.formulas()
	switch {
	case key.Matches(km, k.Back):
		return ph, pop()
	case key.Matches(km, keyMistakes):
		return ph, push(newMistakesRun(ph.c))
	case key.Matches(km, keyReview):
		return ph, push(newReviewRun(ph.c, ph.category, 10))
	case key.Matches(km, keyChoice):
		return ph, push(newChoiceRun(ph.c, ph.category))
	case key.Matches(km, keyExam):
		return ph, push(newExam(ph.c, ph.category, 30))
	case key.Matches(km, keyDash):
		return ph, push(newDashboard(ph.c))
	case key.Matches(km, k.Up):
		if ph.cursor > 0 {
			ph.cursor--
		}
	case key.Matches(km, k.Down):
		if ph.cursor < len(fs) {
			ph.cursor++
		}
	case key.Matches(km, k.Enter):
		if ph.cursor == 0 {
			return ph, push(newPracticeRun(ph.c, fs))
		}
		return ph, push(newPracticeRun(ph.c, fs[ph.cursor-1:ph.cursor]))
	}
	return ph, nil
}

// record is one formula's stats in a line.
func (c *common) recordLine(st *practice.FormulaStats) string {
	if st == nil || st.Problems == 0 {
		return c.t("practice.never")
	}
	pct := 0.0
	if st.Steps > 0 {
		pct = st.StepsRight / float64(st.Steps) * 100
	}
	return c.set.N("practice.record", st.Problems, "problems", fmt.Sprint(st.Problems), "pct", fmt.Sprintf("%.0f", pct),
		"streak", fmt.Sprint(st.Streak), "best", fmt.Sprint(st.Best))
}

func (ph *practiceHome) view() string {
	c := ph.c
	var head []string
	if ph.statsErr != nil {
		head = append(head, wrapIndent(c.st.Warn.Render(c.statsWarning(c.cat(), ph.statsErr)), ph.w)...)
	}
	if s := ph.studyHead(); s != "" {
		head = append(head, wrapIndent(c.st.Dim.Render(s), ph.w)...)
	}
	fs := ph.formulas()
	blocks := make([]string, len(fs)+1)
	heights := make([]int, len(fs)+1)
	mixed := cursorMark(ph.cursor == 0) + c.set.N("practice.mixed", len(fs), "n", fmt.Sprint(len(fs)))
	if ph.category == "" {
		mixed = cursorMark(ph.cursor == 0) + c.t("practice.study.mixed_all", "n", fmt.Sprint(len(fs)))
	}
	if ph.cursor == 0 {
		mixed = c.st.Selected.Render(mixed)
	}
	blocks[0], heights[0] = mixed, 1
	for i, f := range fs {
		sel := ph.cursor == i+1
		line := cursorMark(sel) + truncate(c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.FormulaKey(f.ID)) }), max(ph.w-4, 4))
		if sel {
			line = c.st.Selected.Render(line)
		}
		rec := "    " + c.st.Dim.Render(truncate(c.recordLine(ph.stats.Formulas[f.ID]), max(ph.w-4, 4)))
		if !f.ValidOn(c.date) {
			rec = "    " + c.st.Warn.Render(truncate(c.t("tui.not_valid_on", "date", c.date.String()), max(ph.w-4, 4)))
		}
		blocks[i+1], heights[i+1] = line+"\n"+rec, 2
	}
	avail := max(ph.h-len(head), 1)
	ph.offset = scroll(heights, ph.cursor, ph.offset, avail)
	out := window(blocks, ph.offset, avail)
	if len(head) > 0 {
		out = strings.Join(head, "\n") + "\n" + out
	}
	return out
}

// practiceRun asks the steps of one problem after another. A first wrong
// answer gets a hint and one retry for half a mark; a second shows the
// right value with its working. Later steps build on the right values, not
// on the student's.
type practiceRun struct {
	pager
	pool     []*catalog.Formula
	rng      *rand.Rand
	p        *practice.Problem
	err      error
	step     int
	retry    bool      // the current step was answered wrong once
	marks    []float64 // per step: 1, ½ or 0
	given    []string  // what the student answered last, per step
	feedback []string
	fbStep   int // the step the feedback is about
	ti       textInput
	done     bool
	record   *practice.FormulaStats
	statsErr error
	leaving  bool // esc was pressed once on a half-done problem

	// kind is "" for problems drawn from the pool, else "mistakes" (the
	// notebook's problems redone) or "review" (formulas by the schedule):
	// then queue holds what is asked, in order, and over says it is done.
	kind    string
	queue   []func() (*practice.Problem, error)
	asked   int
	total   int
	over    bool
	last    string // the formula of the previous problem
	study   *practice.Study
	bookErr error
}

func newPracticeRun(c *common, pool []*catalog.Formula) *practiceRun {
	ti := newInput()
	ti.Prompt = ""
	ti.CharLimit = 40
	r := &practiceRun{pager: newPager(c), pool: pool, rng: c.rng(), ti: ti}
	r.next()
	return r
}

// next draws a new problem.
func (r *practiceRun) next() {
	var live []*catalog.Formula
	for _, f := range r.pool {
		if f.ValidOn(r.c.date) {
			live = append(live, f)
		}
	}
	r.p, r.err, r.done, r.record, r.feedback = nil, nil, false, nil, nil
	if r.kind != "" {
		r.nextQueued()
		return
	}
	if len(live) > 1 && r.last != "" {
		// never the same formula twice in a row while there is another
		for i, f := range live {
			if f.ID == r.last {
				live = append(live[:i:i], live[i+1:]...)
				break
			}
		}
	}
	if len(live) == 0 {
		r.err = errors.New(r.c.t("err.practice.none", "date", r.c.date.String()))
		return
	}
	for len(live) > 0 {
		i := r.rng.Intn(len(live))
		if r.p, r.err = practice.Generate(r.c.eng, live[i], r.c.date, r.rng); r.err == nil {
			break
		}
		live = append(live[:i:i], live[i+1:]...) // not on this date: another
	}
	if r.p == nil {
		return
	}
	r.start()
}

// start asks the first step of the problem in r.p.
func (r *practiceRun) start() {
	r.last = r.p.Formula.ID
	r.step, r.retry = 0, false
	r.marks = make([]float64, len(r.p.Questions()))
	r.given = make([]string, len(r.p.Questions()))
	r.ti.SetValue("")
	r.ti.Focus()
	r.rebuild()
}

func (r *practiceRun) title() string {
	t := r.c.t("practice.title")
	if r.p != nil {
		t = r.c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.FormulaKey(r.p.Formula.ID)) })
	}
	if r.kind != "" {
		k := r.c.t("practice.study."+r.kind, "n", fmt.Sprint(r.asked), "of", fmt.Sprint(r.total))
		if r.p == nil {
			return k
		}
		t = k + " · " + t
	}
	return t
}

func (r *practiceRun) capturesText() bool { return !r.done && r.p != nil }

func (r *practiceRun) help() helpKeys {
	k := r.c.keys
	if r.done || r.p == nil {
		return helpKeys{short: []key.Binding{k.NextProblem, k.Back}, full: [][]key.Binding{{k.NextProblem, k.Back, k.PageUp, k.PageDown}}}
	}
	return helpKeys{short: []key.Binding{k.Answer, k.Skip, k.Back}, full: [][]key.Binding{{k.Answer, k.Skip, k.Back}, {k.PageUp, k.PageDown}}}
}

func (r *practiceRun) setSize(w, h int) {
	r.w, r.h = w, h
	r.ti.Width = max(min(w-8, 24), 8)
	r.rebuild()
}

func (r *practiceRun) relabel() {
	if r.kind == "" && r.p != nil && r.p.Date != r.c.date && !r.done {
		r.next() // a new date means the rules of that day: a new problem
		return
	}
	r.rebuild()
}

func (r *practiceRun) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return r, nil
	}
	k := r.c.keys
	if key.Matches(km, k.Back) {
		if r.halfDone() && !r.leaving {
			// a problem half answered is not dropped on one key
			r.leaving = true
			r.rebuild()
			return r, nil
		}
		return r, pop()
	}
	if r.leaving {
		r.leaving = false
		r.rebuild()
	}
	switch {
	case key.Matches(km, k.PageUp), key.Matches(km, k.PageDown) && km.String() != " ":
		var cmd tea.Cmd
		r.vp, cmd = r.vp.Update(msg)
		return r, cmd
	}
	if r.over {
		if key.Matches(km, k.Enter) {
			return r, pop()
		}
		return r, nil
	}
	if r.p == nil || r.done {
		if key.Matches(km, k.Enter) || km.String() == "n" {
			r.next()
		}
		return r, nil
	}
	switch {
	case key.Matches(km, k.Enter):
		r.answer(strings.TrimSpace(r.ti.Value()))
		return r, nil
	case key.Matches(km, k.Skip):
		r.skip()
		return r, nil
	}
	var cmd tea.Cmd
	r.ti, cmd = r.ti.Update(msg)
	r.rebuild()
	return r, cmd
}

// halfDone: leaving now would lose answers given or being typed.
func (r *practiceRun) halfDone() bool {
	return r.p != nil && !r.done && (r.step > 0 || r.retry || strings.TrimSpace(r.ti.Value()) != "")
}

// answer grades the current step. A first miss gets a hint — the step's
// formula and the numbers put in, not the value — and one retry for half a
// mark; the value is shown only after the second miss. An empty answer is
// asked again: skipping is its own key.
func (r *practiceRun) answer(a string) {
	p := r.p
	i := r.step
	r.fbStep = i
	cat := r.c.cat()
	if a == "" {
		r.feedback = []string{r.c.st.Warn.Render(cat.T("practice.study.empty"))}
		r.rebuild()
		return
	}
	m := p.Grade(i, a)
	if !m.Parsed {
		r.feedback = []string{r.c.st.Error.Render(cat.T("practice.unreadable", "text", a))}
		r.rebuild()
		return
	}
	r.given[i] = a
	switch {
	case m.OK && !r.retry:
		r.marks[i] = 1
		r.feedback = []string{r.c.st.Result.Render("✓ " + cat.T("practice.right"))}
		r.advance()
	case m.OK:
		r.marks[i] = 0.5
		r.feedback = []string{r.c.st.Result.Render("✓ " + cat.T("practice.right_retry"))}
		r.advance()
	case !r.retry:
		r.retry = true
		r.feedback = r.hint(i, r.missText(i, a, m, "practice.wrong"))
		r.ti.SetValue("")
		r.rebuild()
	default:
		r.marks[i] = 0
		r.feedback = r.reveal(i, r.missText(i, a, m, "practice.wrong_again"))
		r.advance()
	}
}

// skip gives up the current step for no mark and shows its working.
func (r *practiceRun) skip() {
	i := r.step
	r.fbStep = i
	r.marks[i] = 0
	r.feedback = r.reveal(i, r.c.cat().T("practice.skipped"))
	r.advance()
}

// missText says why answer a to step i is wrong: a rounding slip is named.
func (r *practiceRun) missText(i int, a string, m practice.Mark, plain string) string {
	cat := r.c.cat()
	switch m.Near.Kind {
	case practice.NearResult:
		return cat.T(fmt.Sprintf("practice.study.near_places.%d", m.Near.Places), "given", a)
	case practice.NearStep:
		q := r.p.Questions()[m.Near.Step]
		return cat.T("practice.study.near_step", "given", a, "n", fmt.Sprint(m.Near.Step+1), "label", q.Label(cat))
	}
	return cat.T(plain, "given", a)
}

// hint shows step i's formula and substitution without its value.
func (r *practiceRun) hint(i int, why string) []string {
	cat := r.c.cat()
	q := r.p.Questions()[i]
	return []string{
		r.c.st.Error.Render("✗ " + why),
		r.c.st.Dim.Render(cat.T("practice.study.hint")),
		"    = " + q.Symbolic(cat),
		"    = " + q.Substituted(cat),
		r.c.st.Dim.Render(cat.T("practice.study.retry")),
	}
}

// reveal shows step i's right value with its formula and substitution.
func (r *practiceRun) reveal(i int, why string) []string {
	cat := r.c.cat()
	q := r.p.Questions()[i]
	return []string{
		r.c.st.Error.Render("✗ " + engine.Sentences(cat, why, cat.T("practice.answer_is", "value", q.Text(cat)))),
		"    = " + q.Symbolic(cat),
		"    = " + q.Substituted(cat),
	}
}

func (r *practiceRun) advance() {
	r.step++
	r.retry = false
	r.ti.SetValue("")
	if r.step >= len(r.p.Questions()) {
		r.finish()
	}
	r.rebuild()
	r.vp.GotoBottom()
}

// finish records the problem in the stats.
func (r *practiceRun) finish() {
	r.done = true
	r.ti.Blur()
	r.record, r.statsErr = r.c.practiceStore().Record(r.p.Formula.ID, r.marks, r.c.date.String())
	r.study, r.bookErr = r.c.book.Record(practice.OutcomeOf(r.p, r.marks, r.c.today))
}

func (r *practiceRun) rebuild() {
	if r.p == nil {
		r.set("", 0)
		return
	}
	c := r.c
	cat := c.cat()
	var b []string
	f := r.p.Formula
	b = append(b, c.st.Title.Render(c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.FormulaKey(f.ID)) }))+"  "+c.st.Dim.Render(f.ID))
	for _, l := range c.set.Mode.Langs() {
		b = append(b, wrapPara(r.p.Statement(c.set.Cats[l]), r.w)...)
	}
	b = append(b, "")
	qs := r.p.Questions()
	for i := 0; i < len(qs) && i <= r.step; i++ {
		q := qs[i]
		label := c.both(" · ", q.Label)
		if i < r.step || r.done {
			mark := map[float64]string{1: "✓", 0.5: "½", 0: "✗"}[r.marks[i]]
			b = append(b, fmt.Sprintf("%s %d. %s = %s", mark, i+1, label, q.Text(cat)))
		} else {
			prompt := c.st.Selected.Render(fmt.Sprintf("> %d. %s = ", i+1, label))
			box := c.st.FieldFocus.Render("[") + padRight(r.ti.View(), r.ti.Width+1) + c.st.FieldFocus.Render("]")
			if textWidth(prompt)+textWidth(box) > r.w {
				// no room beside the label: the box goes under it
				b = append(b, prompt, "    "+box)
			} else {
				b = append(b, prompt+box)
			}
		}
		if i == r.fbStep && len(r.feedback) > 0 {
			b = append(b, r.feedback...)
		}
	}
	if r.done {
		total := 0.0
		for _, m := range r.marks {
			total += m
		}
		b = append(b, "", c.st.Label.Render(cat.T("practice.score", "got", trimFloat(total), "of", fmt.Sprint(len(r.marks)))))
		lw := 0
		for _, q := range qs {
			lw = max(lw, textWidth(q.Label(cat)))
		}
		nw := len(fmt.Sprint(len(qs))) // 9. and 10. line up
		for i, q := range qs {
			mark := map[float64]string{1: "✓", 0.5: "½", 0: "✗"}[r.marks[i]]
			b = append(b, fmt.Sprintf("  %*d. %s  %s %s", nw, i+1, padRight(q.Label(cat), lw), mark, trimFloat(r.marks[i])))
		}
		b = append(b, "", c.st.Dim.Render(cat.T(i18n.FormulaKey(f.ID))+": "+c.recordLine(r.record)))
		if r.statsErr != nil {
			b = append(b, wrapPara(c.st.Warn.Render(c.statsWarning(cat, r.statsErr)), r.w)...)
		}
		b = append(b, wrapPara(c.st.Dim.Render(r.bookLine()), r.w)...)
		if r.bookErr != nil {
			b = append(b, wrapPara(c.st.Warn.Render(c.bookWarning(cat, r.bookErr)), r.w)...)
		}
		b = append(b, "", c.st.Dim.Render(cat.T("practice.next_hint")))
	} else if len(r.feedback) == 0 {
		b = append(b, "", c.st.Dim.Render(cat.T("practice.answer_hint")))
	}
	if r.leaving {
		b = append(b, "", c.st.Warn.Render(cat.T("practice.study.leave", "n", fmt.Sprint(r.step), "of", fmt.Sprint(len(qs)))))
	}
	r.set(strings.Join(b, "\n"), 0)
	r.vp.GotoBottom()
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	return strings.TrimSuffix(s, ".0")
}

func (r *practiceRun) view() string {
	if r.over {
		return wrapText(r.c.st.Result.Render(r.overText()), r.w)
	}
	if r.p == nil {
		msg := r.c.t("practice.failed")
		if r.err != nil {
			msg += "\n" + strings.Join(engine.Messages(r.err, r.c.cat()), "\n")
		}
		return wrapText(r.c.st.Error.Render(msg), r.w)
	}
	return r.vp.View() + "\n" + r.more()
}
