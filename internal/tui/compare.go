package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/render"
)

// keyCompare on a result compares it with the same inputs on another date.
var keyCompare = key.NewBinding(key.WithKeys("v"))

func (c *common) compareKey() key.Binding {
	k := keyCompare
	k.SetHelp("v", c.t("compare.help"))
	return k
}

// compareScreen asks for a second date, then shows the result's inputs
// under both dates' rules side by side (render.CompareText), the steps
// that differ marked.
type compareScreen struct {
	pager
	res   *engine.Result
	raw   map[string]string
	ti    textInput
	other *engine.Result
	err   string
}

func newCompare(c *common, res *engine.Result, raw map[string]string) *compareScreen {
	ti := newInput()
	ti.Prompt = ""
	ti.CharLimit = 10
	ti.SetValue(res.Date.AddDays(-365).String())
	ti.CursorEnd()
	ti.Focus()
	s := &compareScreen{pager: newPager(c), res: res, raw: raw, ti: ti}
	s.rebuild()
	return s
}

func (s *compareScreen) title() string      { return s.c.t("compare.tui_title") }
func (s *compareScreen) capturesText() bool { return s.other == nil }
func (s *compareScreen) setSize(w, h int)   { s.w, s.h = w, h; s.rebuild() }
func (s *compareScreen) relabel()           { s.rebuild() }

func (s *compareScreen) help() helpKeys {
	k := s.c.keys
	return helpKeys{short: []key.Binding{k.Enter, k.Back}, full: [][]key.Binding{{k.Enter, k.Back, k.PageUp, k.PageDown}}}
}

func (s *compareScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	switch {
	case key.Matches(km, s.c.keys.Back):
		if s.other != nil {
			s.other = nil // back to the date, to try another
			s.ti.Focus()
			s.rebuild()
			return s, nil
		}
		return s, pop()
	case s.other == nil && key.Matches(km, s.c.keys.Enter):
		s.compute()
		return s, nil
	case s.other == nil:
		var cmd tea.Cmd
		s.ti, cmd = s.ti.Update(msg)
		s.err = ""
		s.rebuild()
		return s, cmd
	}
	var cmd tea.Cmd
	s.vp, cmd = s.vp.Update(msg)
	return s, cmd
}

func (s *compareScreen) compute() {
	text := strings.TrimSpace(s.ti.Value())
	d, err := date.Parse(text)
	if err != nil {
		s.err = s.c.t("err.date", "text", text)
		s.rebuild()
		return
	}
	other, err := s.c.eng.Calc(s.res.Formula.ID, s.raw, d)
	if err != nil {
		s.err = strings.Join(engine.Messages(err, s.c.cat()), "\n")
		s.rebuild()
		return
	}
	s.other = other
	s.ti.Blur()
	s.rebuild()
}

func (s *compareScreen) rebuild() {
	c := s.c
	if s.other != nil {
		s.set(render.CompareText(s.res, s.other, c.set, c.st.Text), 0)
		return
	}
	b := []string{
		c.st.Label.Render(c.t("compare.ask", "date", s.res.Date.String())),
		c.st.FieldFocus.Render("[") + padRight(s.ti.View(), 11) + c.st.FieldFocus.Render("]"),
	}
	if s.err != "" {
		b = append(b, c.st.Error.Render(s.err))
	}
	s.set(strings.Join(b, "\n"), 0)
}

func (s *compareScreen) view() string { return s.vp.View() + "\n" + s.more() }
