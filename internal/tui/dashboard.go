package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/practice"
)

// s, not g: g starts the root's g-h chord (back home) on main
var keyDash = key.NewBinding(key.WithKeys("s"))

func (c *common) dashKey() key.Binding {
	k := keyDash
	k.SetHelp("s", c.t("dash.help"))
	return k
}

// dashboard shows practice.Dashboard in every language of the mode.
type dashboard struct{ pager }

func newDashboard(c *common) *dashboard {
	d := &dashboard{pager: newPager(c)}
	d.rebuild()
	return d
}

func (d *dashboard) title() string      { return d.c.t("dash.help") }
func (d *dashboard) capturesText() bool { return false }
func (d *dashboard) setSize(w, h int)   { d.w, d.h = w, h; d.rebuild() }
func (d *dashboard) relabel()           { d.rebuild() }
func (d *dashboard) help() helpKeys {
	k := d.c.keys
	return helpKeys{short: []key.Binding{k.Back}, full: [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Back}}}
}

func (d *dashboard) rebuild() {
	stats, _ := d.c.stats.Load()
	st, _ := d.c.book.Load()
	var parts []string
	for _, l := range d.c.set.Mode.Langs() {
		parts = append(parts, practice.Dashboard(d.c.eng.Cat, stats, st, d.c.set.Cats[l]))
	}
	d.set(strings.Join(parts, "\n"), 0)
}

func (d *dashboard) update(msg tea.Msg) (screen, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, d.c.keys.Back) {
		return d, pop()
	}
	var cmd tea.Cmd
	d.vp, cmd = d.vp.Update(msg)
	return d, cmd
}

func (d *dashboard) view() string { return d.vp.View() + "\n" + d.more() }
