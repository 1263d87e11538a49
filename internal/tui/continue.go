package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/history"
	"github.com/cntax/cntax/internal/i18n"
)

// continueMenu lists the formulas a result feeds, as the scenarios wire
// them (engine.Continuations): enter opens the chosen one with the value
// filled in and marked as carried.
type continueMenu struct {
	c      *common
	res    *engine.Result
	opts   []engine.Continuation
	cursor int
	offset int
	w, h   int
}

func newContinueMenu(c *common, res *engine.Result) *continueMenu {
	return &continueMenu{c: c, res: res, opts: c.eng.Continuations(res.Formula)}
}

func (m *continueMenu) title() string      { return m.c.t("tui.continue_title") }
func (m *continueMenu) relabel()           {}
func (m *continueMenu) setSize(w, h int)   { m.w, m.h = w, h }
func (m *continueMenu) capturesText() bool { return false }

func (m *continueMenu) help() helpKeys {
	k := m.c.keys
	return helpKeys{short: []key.Binding{k.Enter, k.Back}, full: [][]key.Binding{{k.Up, k.Down, k.Enter, k.Back}}}
}

func (m *continueMenu) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	k := m.c.keys
	switch {
	case key.Matches(km, k.Back):
		return m, pop()
	case key.Matches(km, k.Up):
		if m.cursor > 0 {
			m.cursor--
		}
	case key.Matches(km, k.Down):
		if m.cursor < len(m.opts)-1 {
			m.cursor++
		}
	case key.Matches(km, k.Enter):
		if len(m.opts) == 0 {
			return m, nil
		}
		return m, push(m.open(m.opts[m.cursor]))
	}
	return m, nil
}

// open starts the next formula's form on the result's date with the
// carried value typed in and its origin shown under the field.
func (m *continueMenu) open(o engine.Continuation) *form {
	v, _ := m.res.Value(o.Step)
	st := m.res.Formula.Step(o.Step)
	entry := &history.Entry{Formula: o.To.ID, Date: m.res.Date.String(),
		Inputs: map[string]string{o.Input.ID: engine.JSONValue(st.Kind, v)}}
	fm := newForm(m.c, o.To, entry)
	for _, fd := range fm.fields[1:] {
		if fd.in == o.Input {
			fd.carried = carriedFrom{formula: m.res.Formula.ID, step: o.Step}
		}
	}
	return fm
}

// carriedFrom is where a form value came from: formula and step.
type carriedFrom struct{ formula, step string }

func (cf carriedFrom) text(c *i18n.Catalog) string {
	return c.T("tui.carried_from", "formula", cf.formula, "label", c.Label(cf.formula, cf.step))
}

func (m *continueMenu) view() string {
	c := m.c
	cat := c.cat()
	head := []string{c.st.Dim.Render(truncate(c.t("tui.continue_head", "formula", cat.T(i18n.FormulaKey(m.res.Formula.ID))), m.w))}
	if len(m.opts) == 0 {
		head = append(head, "")
		head = append(head, wrapIndent(c.t("tui.continue_none"), m.w)...)
		return strings.Join(head, "\n")
	}
	blocks := make([]string, len(m.opts))
	heights := make([]int, len(m.opts))
	for i, o := range m.opts {
		v, _ := m.res.Value(o.Step)
		st := m.res.Formula.Step(o.Step)
		from := c.both(" · ", func(x *i18n.Catalog) string { return x.Label(m.res.Formula.ID, o.Step) })
		to := c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.FormulaKey(o.To.ID)) })
		into := c.both(" · ", func(x *i18n.Catalog) string { return x.Label(o.To.ID, o.Input.ID) })
		line := cursorMark(i == m.cursor) + to + "  " + c.st.Dim.Render(o.To.ID)
		if i == m.cursor {
			line = c.st.Selected.Render(cursorMark(true)+to) + "  " + c.st.Dim.Render(o.To.ID)
		}
		lines := []string{truncate(line, m.w)}
		lines = append(lines, wrapIndent("    "+c.st.Dim.Render(into+" ← "+from+" = "+engine.Value(cat, st.Kind, v, 0)), m.w)...)
		blocks[i] = strings.Join(lines, "\n")
		heights[i] = len(lines)
	}
	avail := max(m.h-len(head)-1, 1)
	m.offset = scroll(heights, m.cursor, m.offset, avail)
	return strings.Join(head, "\n") + "\n\n" + window(blocks, m.offset, avail)
}
