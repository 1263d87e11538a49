package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

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
