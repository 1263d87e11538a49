package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/changes"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/render"
)

// The keys of the changes screen: open it from the home, step the year.
var (
	keyChanges  = key.NewBinding(key.WithKeys("n"))
	keyPrevYear = key.NewBinding(key.WithKeys("left", "["))
	keyNextYear = key.NewBinding(key.WithKeys("right", "]"))
)

// changesScreen is the "what is new this year" page: every dated value
// that took effect in a year, read from the catalog.
type changesScreen struct {
	pager
	year int
}

func newChangesScreen(c *common) *changesScreen {
	s := &changesScreen{pager: newPager(c), year: c.date.Year()}
	s.rebuild()
	return s
}

func (s *changesScreen) title() string {
	return s.c.t("changes.tui_title", "year", fmt.Sprint(s.year))
}

func (s *changesScreen) capturesText() bool { return false }

func (s *changesScreen) help() helpKeys {
	k := s.c.keys
	prev, next := keyPrevYear, keyNextYear
	prev.SetHelp("←", s.c.t("changes.help_prev"))
	next.SetHelp("→", s.c.t("changes.help_next"))
	return helpKeys{short: []key.Binding{prev, next, k.Back}, full: [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {prev, next, k.Back}}}
}

func (s *changesScreen) setSize(w, h int) { s.w, s.h = w, h; s.rebuild() }
func (s *changesScreen) relabel()         { s.rebuild() }

func (s *changesScreen) rebuild() {
	from := date.MustParse(fmt.Sprintf("%04d-01-01", s.year))
	to := date.MustParse(fmt.Sprintf("%04d-12-31", s.year))
	list := changes.List(s.c.eng.Cat, from, to, "")
	s.set(render.ChangesText(list, from, to, s.c.set, s.c.st.Text), 0)
}

func (s *changesScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	switch {
	case key.Matches(km, s.c.keys.Back):
		return s, pop()
	case key.Matches(km, keyPrevYear):
		if s.year > 1950 {
			s.year--
			s.vp.SetYOffset(0)
			s.rebuild()
		}
		return s, nil
	case key.Matches(km, keyNextYear):
		if s.year < 2100 {
			s.year++
			s.vp.SetYOffset(0)
			s.rebuild()
		}
		return s, nil
	}
	var cmd tea.Cmd
	s.vp, cmd = s.vp.Update(msg)
	return s, cmd
}

func (s *changesScreen) view() string { return s.vp.View() + "\n" + s.more() }

// changesKey is the home's key to the changes screen, with its help.
func (c *common) changesKey() key.Binding {
	k := keyChanges
	k.SetHelp("n", c.t("changes.help_open"))
	return k
}
