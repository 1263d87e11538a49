package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/practice"
)

// setProblem puts a chosen problem in the run, as if it had been drawn.
func setProblem(t *testing.T, m *Model, id string, raw map[string]string) *practiceRun {
	t.Helper()
	run := m.top().(*practiceRun)
	res, err := m.c.eng.Calc(id, raw, m.c.date)
	if err != nil {
		t.Fatal(err)
	}
	run.p = &practice.Problem{Formula: m.c.eng.Cat.Formula(id), Date: m.c.date, Raw: raw, Result: res.Visible()}
	run.step, run.retry, run.done = 0, false, false
	run.marks = make([]float64, len(run.p.Questions()))
	run.given = make([]string, len(run.p.Questions()))
	run.rebuild()
	return run
}

func plain(s string) string { return strings.Join(strings.Fields(s), " ") }

// A first miss shows the working without the value; the second shows it.
func TestPracticeHintThenReveal(t *testing.T) {
	m := newPracticeModel(t, i18n.ModeZH)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	run := m.top().(*practiceRun)
	answer := run.p.Result.StepText(m.c.cat(), 0)
	send(m, "1", "<enter>")
	v := plain(m.View())
	if strings.Contains(v, answer) || !strings.Contains(v, "4,493,100.00 × 13%") || run.step != 0 || !run.retry {
		t.Fatalf("after one miss (answer %s must not show):\n%s", answer, m.View())
	}
	send(m, "2", "<enter>")
	if v := m.View(); !strings.Contains(v, answer) || run.step != 1 || run.marks[0] != 0 {
		t.Fatalf("after two misses the answer %s must show, step %d:\n%s", answer, run.step, v)
	}
}

// An empty enter asks again and costs nothing; tab skips.
func TestPracticeEmptyAsksAgain(t *testing.T) {
	m := newPracticeModel(t, i18n.ModeEN)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	run := m.top().(*practiceRun)
	send(m, "<enter>", " ", "<enter>")
	if run.step != 0 || run.retry || !strings.Contains(plain(m.View()), "No answer yet") {
		t.Fatalf("empty enter moved on: step %d retry %v\n%s", run.step, run.retry, m.View())
	}
	send(m, "<tab>")
	if run.step != 1 || run.marks[0] != 0 {
		t.Fatalf("tab did not skip: step %d", run.step)
	}
}

// esc on a half-done problem asks first; a fresh one leaves at once.
func TestPracticeLeaveConfirm(t *testing.T) {
	m := newPracticeModel(t, i18n.ModeZH)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	home := len(m.stack)
	send(m, "<tab>", "<esc>")
	if len(m.stack) != home || !m.top().(*practiceRun).leaving {
		t.Fatal("esc on a half-done problem left without asking")
	}
	send(m, "1") // any other key: go on, and the key is typed
	if run := m.top().(*practiceRun); run.leaving || run.ti.Value() != "1" {
		t.Fatalf("a key after esc did not resume: leaving %v value %q", run.leaving, run.ti.Value())
	}
	send(m, "<esc>", "<esc>")
	if len(m.stack) != home-1 {
		t.Fatalf("esc twice did not leave: %d screens", len(m.stack))
	}
}

// The screens of a hint after a rounding slip, of the value after two
// misses and of the question before leaving.
func TestStudyGolden(t *testing.T) {
	raw := map[string]string{"sales": "1000.50", "input_tax": "100.45"}
	steps := map[string][]string{
		"near_whole":    {"130", "<enter>"},
		"near_whole_en": {"130", "<enter>"},
		"near_step":     {"130.07", "<enter>", "29.55", "<enter>"},
		"near_step_en":  {"130.07", "<enter>", "29.55", "<enter>"},
		"revealed":      {"1", "<enter>", "2", "<enter>"},
		"revealed_en":   {"1", "<enter>", "2", "<enter>"},
		"leave":         {"130.07", "<enter>", "<esc>"},
		"leave_en":      {"130.07", "<enter>", "<esc>"},
	}
	for _, sz := range sizes {
		for name, keys := range steps {
			t.Run(fmt.Sprintf("%s_%dx%d", name, sz.w, sz.h), func(t *testing.T) {
				mode := i18n.ModeZH
				if strings.HasSuffix(name, "_en") {
					mode = i18n.ModeEN
				}
				m := newPracticeModel(t, mode)
				update(m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				setProblem(t, m, "vat.general", raw)
				send(m, keys...)
				view := m.View()
				checkFits(t, view, sz.w, sz.h)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// The practice home shows a problem just finished, without a restart.
func TestPracticeHomeReloads(t *testing.T) {
	m := newModel(t, i18n.ModeZH, func(o *Options) { o.Practice, o.Category, o.Seed, o.SeedSet = true, "vat", 1, true })
	update(m, tea.WindowSizeMsg{Width: 100, Height: 60})
	home := m.top().(*practiceHome)
	send(m, "<down>", "<enter>") // the first formula alone
	run := m.top().(*practiceRun)
	id := run.p.Formula.ID
	for !run.done {
		send(m, "<tab>")
	}
	send(m, "<esc>")
	if m.top() != screen(home) {
		t.Fatal("esc after a finished problem did not go home")
	}
	if r := home.stats.Formulas[id]; r == nil || r.Problems != 1 {
		t.Fatalf("home record of %s: %+v", id, r)
	}
	if v := m.View(); !strings.Contains(v, "已练 1 题") {
		t.Errorf("home does not show the record:\n%s", v)
	}
}

// Without a category the mixed entry says every category, not 本类.
func TestPracticeAllCategories(t *testing.T) {
	for mode, want := range map[i18n.Mode]string{i18n.ModeZH: "全部类别", i18n.ModeEN: "every category"} {
		m := newModel(t, mode, func(o *Options) { o.Practice, o.Category = true, "" })
		update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
		if v := m.View(); !strings.Contains(v, want) || strings.Contains(v, "本类") {
			t.Errorf("%v: %s", mode, v)
		}
	}
}

// The score table of a problem with ten steps or more stays in columns.
func TestScoreTableAligned(t *testing.T) {
	m := newPracticeModel(t, i18n.ModeEN)
	update(m, tea.WindowSizeMsg{Width: 160, Height: 200})
	var id string
	for _, f := range m.c.eng.Cat.Formulas {
		if len(f.Practice) == 0 || !f.ValidOn(m.c.date) {
			continue
		}
		p, err := practice.Generate(m.c.eng, f, m.c.date, m.c.rng())
		if err == nil && len(p.Questions()) >= 10 {
			id = f.ID
			break
		}
	}
	if id == "" {
		t.Skip("no formula asks ten steps")
	}
	update(m, pushMsg{newPracticeFor(m.c, m.c.eng.Cat.Formula(id))})
	run := m.top().(*practiceRun)
	for !run.done {
		send(m, "<tab>")
	}
	var cols []int
	for _, l := range strings.Split(m.View(), "\n") {
		for i := range run.p.Questions() {
			if strings.HasPrefix(strings.TrimLeft(l, " "), fmt.Sprintf("%d. ", i+1)) && strings.HasSuffix(strings.TrimRight(l, " "), "✗ 0") {
				cols = append(cols, strings.Index(l, ". "))
			}
		}
	}
	if len(cols) < 10 {
		t.Fatalf("score table of %s not found:\n%s", id, m.View())
	}
	for _, c := range cols {
		if c != cols[0] {
			t.Fatalf("score table of %s not aligned (%v):\n%s", id, cols, m.View())
		}
	}
}

// finishProblem answers every step of the run: right, or wrong twice.
func finishProblem(m *Model, run *practiceRun, right bool) {
	cat := m.c.cat()
	for !run.done {
		if right {
			send(m, append(typeText(run.p.Questions()[run.step].Text(cat)), "<enter>")...)
		} else {
			send(m, "<tab>")
		}
	}
}

// Five problems, two wrong: the notebook holds the two, replays them
// exactly, and a right answer on a second day takes one out.
func TestNotebookReplay(t *testing.T) {
	m := newModel(t, i18n.ModeZH, func(o *Options) { o.Practice, o.Category, o.Seed, o.SeedSet = true, "vat", 3, true })
	update(m, tea.WindowSizeMsg{Width: 100, Height: 60})
	send(m, "<enter>")
	run := m.top().(*practiceRun)
	var missed []string
	c := m.c.cat()
	for i := 0; i < 5; i++ {
		right := i != 1 && i != 3
		if !right {
			missed = append(missed, run.p.Statement(c))
		}
		prev := run.p.Formula.ID
		finishProblem(m, run, right)
		send(m, "<enter>")
		if i < 4 && run.p.Formula.ID == prev {
			t.Fatalf("problem %d: %s twice in a row", i+2, prev)
		}
	}
	send(m, "<esc>") // the sixth problem is not begun: esc leaves at once
	if _, ok := m.top().(*practiceHome); !ok {
		t.Fatalf("not home: %T", m.top())
	}
	if v := m.View(); !strings.Contains(v, "错题本：2 题") {
		t.Fatalf("home does not count the notebook:\n%s", v)
	}
	send(m, "m")
	book := m.top().(*practiceRun)
	if book.kind != "mistakes" || book.total != 2 {
		t.Fatalf("notebook run %q of %d", book.kind, book.total)
	}
	var replayed []string
	for book.p != nil && !book.over {
		replayed = append(replayed, book.p.Statement(c))
		finishProblem(m, book, true)
		send(m, "<enter>")
	}
	if !book.over || len(replayed) != 2 {
		t.Fatalf("replayed %d, over %v", len(replayed), book.over)
	}
	for _, s := range missed {
		if s != replayed[0] && s != replayed[1] {
			t.Errorf("missed problem not replayed exactly:\n%s\n%v", s, replayed)
		}
	}
	if st, _ := m.c.book.Load(); len(st.Mistakes) != 2 {
		t.Fatalf("right on one day took them out: %d left", len(st.Mistakes))
	}
	// the next day
	m.c.today = m.c.today.AddDays(1)
	send(m, "<enter>", "m")
	book = m.top().(*practiceRun)
	finishProblem(m, book, true)
	if st, _ := m.c.book.Load(); len(st.Mistakes) != 1 {
		t.Fatalf("right on two days: %d left, want 1", len(st.Mistakes))
	}
	if v := plain(m.View()); !strings.Contains(v, "移出错题本") {
		t.Errorf("no word that it left the notebook:\n%s", m.View())
	}
}

// A review asks due formulas first and never one twice in a row.
func TestReviewRun(t *testing.T) {
	m := newModel(t, i18n.ModeEN, func(o *Options) {
		o.Practice, o.Category, o.Study, o.Count, o.Seed, o.SeedSet = true, "vat", "review", 6, 1, true
	})
	// vat.general was practised, missed, two days ago: it is overdue.
	st := m.c.book
	st.Record(practice.Outcome{Formula: "vat.general", Date: "2026-11-20", Inputs: map[string]string{"sales": "1"}, Day: "2026-11-20"})
	m = newModel(t, i18n.ModeEN, func(o *Options) {
		o.Practice, o.Category, o.Study, o.Count, o.Seed, o.SeedSet = true, "vat", "review", 6, 1, true
		o.Getenv = m.c.getenv
	})
	update(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	run := m.top().(*practiceRun)
	if run.kind != "review" || run.total != 6 || run.p.Formula.ID != "vat.general" {
		t.Fatalf("review %q of %d starts with %v", run.kind, run.total, run.p.Formula.ID)
	}
	prev := ""
	for run.p != nil && !run.over {
		if run.p.Formula.ID == prev {
			t.Fatalf("%s twice in a row", prev)
		}
		prev = run.p.Formula.ID
		finishProblem(m, run, true)
		send(m, "<enter>")
	}
	if !run.over || run.asked != 6 {
		t.Fatalf("asked %d, over %v", run.asked, run.over)
	}
}

func TestNotebookGolden(t *testing.T) {
	for _, sz := range sizes {
		for _, name := range []string{"book", "book_en", "book_over", "book_over_en", "home_book", "home_book_en"} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, sz.w, sz.h), func(t *testing.T) {
				mode := i18n.ModeZH
				if strings.HasSuffix(name, "_en") {
					mode = i18n.ModeEN
				}
				m := newModel(t, mode, func(o *Options) { o.Practice, o.Category = true, "vat" })
				m.c.book.Record(practice.Outcome{Formula: "vat.general", Date: "2026-11-22", Inputs: map[string]string{"sales": "1000.50", "input_tax": "100.45"}, Day: "2026-11-21"})
				m.c.book.Record(practice.Outcome{Formula: "vat.separate", Date: "2026-11-22", Inputs: map[string]string{"amount_incl": "1856167"}, Day: "2026-11-21"})
				update(m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				switch {
				case strings.HasPrefix(name, "book_over"):
					send(m, "m")
					run := m.top().(*practiceRun)
					finishProblem(m, run, true)
					send(m, "<enter>")
					finishProblem(m, run, false)
					send(m, "<enter>")
				case strings.HasPrefix(name, "book"):
					send(m, "m")
					finishProblem(m, m.top().(*practiceRun), true)
				}
				view := m.View()
				checkFits(t, view, sz.w, sz.h)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// n on the home opens the year's changes; ← and → step the year.
func TestChangesScreen(t *testing.T) {
	m := newModel(t, i18n.ModeEN, func(o *Options) { o.Date = date.MustParse("2019-06-01") })
	update(m, tea.WindowSizeMsg{Width: 100, Height: 200})
	send(m, "n")
	s, ok := m.top().(*changesScreen)
	if !ok || s.year != 2019 {
		t.Fatalf("top %T", m.top())
	}
	if v := m.View(); !strings.Contains(v, "16% → 13%") || !strings.Contains(v, "2019-04-01") {
		t.Errorf("2019 without the VAT cut:\n%s", v)
	}
	send(m, "<left>")
	if v := m.View(); s.year != 2018 || !strings.Contains(v, "3,500.00 → 5,000.00") {
		t.Errorf("2018 without the IIT deduction:\n%s", v)
	}
}

func TestChangesGolden(t *testing.T) {
	for _, sz := range sizes {
		for _, name := range []string{"changes", "changes_en"} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, sz.w, sz.h), func(t *testing.T) {
				mode := i18n.ModeZH
				if strings.HasSuffix(name, "_en") {
					mode = i18n.ModeEN
				}
				m := newModel(t, mode, func(o *Options) { o.Date = date.MustParse("2019-06-01") })
				update(m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				send(m, "n")
				view := m.View()
				checkFits(t, view, sz.w, sz.h)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// c on the practice home asks choice questions: a wrong pick shows the
// answer with the rule's history and source; single and true/false alternate.
func TestChoiceRun(t *testing.T) {
	m := newModel(t, i18n.ModeZH, func(o *Options) { o.Practice, o.Category, o.Seed, o.SeedSet = true, "vat", 4, true })
	update(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	send(m, "c")
	r, ok := m.top().(*choiceRun)
	if !ok || r.q == nil || r.q.Kind != practice.Single {
		t.Fatalf("top %T", m.top())
	}
	wrong := string(rune('a' + (r.q.Answer+1)%4))
	send(m, wrong)
	v := m.View()
	if r.right != 0 || r.n != 1 || !strings.Contains(v, "正确答案") || !strings.Contains(v, "依据") || !strings.Contains(v, "历次取值") {
		t.Fatalf("after a wrong pick:\n%s", v)
	}
	send(m, "<enter>")
	if r.q.Kind != practice.TrueFalse || r.answered != -1 {
		t.Fatal("no true/false question next")
	}
	if r.q.Answer == 1 {
		send(m, "y")
	} else {
		send(m, "n")
	}
	if r.right != 1 {
		t.Fatalf("a right answer not counted:\n%s", m.View())
	}
}

func TestChoiceGolden(t *testing.T) {
	for _, sz := range sizes {
		for _, name := range []string{"choice", "choice_en", "choice_answered", "choice_answered_en"} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, sz.w, sz.h), func(t *testing.T) {
				mode := i18n.ModeZH
				if strings.HasSuffix(name, "_en") {
					mode = i18n.ModeEN
				}
				m := newModel(t, mode, func(o *Options) { o.Practice, o.Category, o.Seed, o.SeedSet = true, "vat", 4, true })
				update(m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				send(m, "c")
				if strings.HasPrefix(name, "choice_answered") {
					r := m.top().(*choiceRun)
					send(m, string(rune('a'+(r.q.Answer+1)%4)))
				}
				view := m.View()
				checkFits(t, view, sz.w, sz.h)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// v on a result compares it with another date: the 2019 VAT cut.
func compareModel(t *testing.T, mode i18n.Mode, w, h int) *Model {
	m := newModel(t, mode, func(o *Options) { o.Date = date.MustParse("2019-06-01") })
	update(m, tea.WindowSizeMsg{Width: w, Height: h})
	raw := map[string]string{"sales": "100000", "input_tax": "8000"}
	res, err := m.c.eng.Calc("vat.general", raw, m.c.date)
	if err != nil {
		t.Fatal(err)
	}
	update(m, pushMsg{newResult(m.c, res, raw)})
	send(m, "v")
	return m
}

func TestCompareScreen(t *testing.T) {
	m := compareModel(t, i18n.ModeEN, 100, 40)
	s, ok := m.top().(*compareScreen)
	if !ok || s.ti.Value() != "2018-06-01" {
		t.Fatalf("top %T", m.top())
	}
	send(m, "<bs>", "x", "<enter>")
	if s.other != nil || !strings.Contains(m.View(), "2018-06-0x") {
		t.Fatalf("a bad date was taken:\n%s", m.View())
	}
	send(m, "<bs>", "1", "<enter>")
	v := m.View()
	if s.other == nil || !strings.Contains(v, "≠ Rate") || !strings.Contains(v, "13%") || !strings.Contains(v, "16%") {
		t.Fatalf("comparison:\n%s", v)
	}
	send(m, "<esc>")
	if s.other != nil || m.top() != screen(s) {
		t.Fatal("esc did not go back to the date")
	}
}

func TestCompareGolden(t *testing.T) {
	for _, sz := range sizes {
		for _, name := range []string{"compare", "compare_en"} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, sz.w, sz.h), func(t *testing.T) {
				mode := i18n.ModeZH
				if strings.HasSuffix(name, "_en") {
					mode = i18n.ModeEN
				}
				m := compareModel(t, mode, sz.w, sz.h)
				send(m, "<enter>")
				view := m.View()
				checkFits(t, view, sz.w, sz.h)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// A ten-question mock exam: six choice, four calculation; marks per
// section at the end; the calculation problems reach the records.
func TestExam(t *testing.T) {
	m := newModel(t, i18n.ModeZH, func(o *Options) {
		o.Practice, o.Category, o.Study, o.Count, o.Seed, o.SeedSet = true, "vat", "exam", 30, 3, true
	})
	update(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	e, ok := m.top().(*examRun)
	if !ok || len(e.items) != 10 {
		t.Fatalf("top %T", m.top())
	}
	clock := e.start
	e.now = func() time.Time { return clock }
	e.tick = func() tea.Cmd { return nil }
	if !strings.Contains(m.View(), "剩余 30:00") {
		t.Fatalf("no countdown:\n%s", m.View())
	}
	for i := 0; i < 10; i++ {
		clock = clock.Add(time.Minute)
		switch s := e.cur.(type) {
		case *choiceRun:
			pick := s.q.Answer
			if i == 0 {
				pick = (pick + 1) % 4 // one wrong
			}
			if s.q.Kind == practice.TrueFalse {
				send(m, map[int]string{1: "y", 0: "n"}[pick])
			} else {
				send(m, string(rune('a'+pick)))
			}
		case *practiceRun:
			finishProblem(m, s, i != 9)
		}
		send(m, "<enter>")
	}
	v := plain(m.View())
	if !e.over || e.choiceN != 6 || e.choiceRight != 5 || !strings.Contains(v, "一、选择题：5 / 6 分") || !strings.Contains(v, "用时 10:00") {
		t.Fatalf("summary:\n%s", m.View())
	}
	if st, _ := m.c.stats.Load(); len(st.Formulas) == 0 {
		t.Error("the calculation problems are not in the records")
	}
	if st, _ := m.c.book.Load(); len(st.Mistakes) != 1 {
		t.Errorf("notebook %d, want the one calculation missed", len(st.Mistakes))
	}
}

// When time is up the exam ends: what was not answered scores nothing.
func TestExamTimeUp(t *testing.T) {
	m := newModel(t, i18n.ModeEN, func(o *Options) {
		o.Practice, o.Category, o.Study, o.Count, o.Seed, o.SeedSet = true, "vat", "exam", 5, 3, true
	})
	update(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	e := m.top().(*examRun)
	clock := e.start
	e.now = func() time.Time { return clock }
	e.tick = func() tea.Cmd { return nil }
	s := e.cur.(*choiceRun)
	send(m, string(rune('a'+s.q.Answer)), "<enter>")
	clock = clock.Add(6 * time.Minute)
	update(m, examTick{clock})
	if !e.over || e.choiceRight != 1 || e.choiceN != 6 || e.calcOf == 0 || e.calcGot != 0 {
		t.Fatalf("after time up: %+v", e)
	}
}

func TestExamGolden(t *testing.T) {
	for _, sz := range sizes {
		for _, name := range []string{"exam", "exam_en", "exam_summary", "exam_summary_en"} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, sz.w, sz.h), func(t *testing.T) {
				mode := i18n.ModeZH
				if strings.HasSuffix(name, "_en") {
					mode = i18n.ModeEN
				}
				m := newModel(t, mode, func(o *Options) {
					o.Practice, o.Category, o.Study, o.Count, o.Seed, o.SeedSet = true, "vat", "exam", 30, 3, true
				})
				update(m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				e := m.top().(*examRun)
				clock := e.start
				e.now = func() time.Time { return clock }
				e.tick = func() tea.Cmd { return nil }
				e.tick = func() tea.Cmd { return nil }
				if strings.HasPrefix(name, "exam_summary") {
					for !e.over {
						clock = clock.Add(90 * time.Second)
						switch s := e.cur.(type) {
						case *choiceRun:
							if s.q.Kind == practice.TrueFalse {
								send(m, "y")
							} else {
								send(m, "a")
							}
						case *practiceRun:
							finishProblem(m, s, true)
						}
						send(m, "<enter>")
					}
				}
				view := m.View()
				checkFits(t, view, sz.w, sz.h)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

func TestDashboardGolden(t *testing.T) {
	for _, sz := range sizes {
		for _, name := range []string{"dashboard", "dashboard_en"} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, sz.w, sz.h), func(t *testing.T) {
				mode := i18n.ModeZH
				if strings.HasSuffix(name, "_en") {
					mode = i18n.ModeEN
				}
				m := newModel(t, mode, func(o *Options) { o.Practice, o.Category = true, "vat" })
				m.c.stats.Record("vat.general", []float64{1, 0.5, 0}, "2026-11-21")
				m.c.stats.Record("vat.separate", []float64{1, 1}, "2026-11-22")
				m.c.book.Record(practice.Outcome{Formula: "vat.general", Date: "2026-11-21", Inputs: map[string]string{"sales": "1"}, Day: "2026-11-21", Got: 1.5, Of: 3})
				m.c.book.Record(practice.Outcome{Formula: "vat.separate", Date: "2026-11-22", Inputs: map[string]string{"amount_incl": "1"}, Right: true, Day: "2026-11-22", Got: 2, Of: 2})
				update(m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				send(m, "s")
				if _, ok := m.top().(*dashboard); !ok {
					t.Fatalf("top %T", m.top())
				}
				view := m.View()
				checkFits(t, view, sz.w, sz.h)
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// The study keys leave the list keys alone: j and k still move.
func TestPracticeHomeVimKeys(t *testing.T) {
	m := newModel(t, i18n.ModeZH, func(o *Options) { o.Practice, o.Category = true, "vat" })
	update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	ph := m.top().(*practiceHome)
	send(m, "j", "j", "k")
	if m.top() != screen(ph) || ph.cursor != 1 {
		t.Fatalf("cursor %d, top %T", ph.cursor, m.top())
	}
}
