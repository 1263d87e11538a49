package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/termsafe"
)

func textWidth(s string) int { return lipgloss.Width(s) }

func padRight(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// formulaList shows a category's formulas, each with its one-line summary,
// and whether it applies on the chosen date.
// "/" filters them (filter.go), the cursor on the best match.
type formulaList struct {
	c      *common
	cat    *catalog.Category
	shown  []*catalog.Formula
	filter listFilter
	cursor int
	offset int
	w, h   int
}

func newFormulaList(c *common, cat *catalog.Category) *formulaList {
	l := &formulaList{c: c, cat: cat, filter: listFilter{filterBar: newFilterBar(c)}}
	l.refilter()
	return l
}

func (l *formulaList) refilter() {
	fs := l.cat.Formulas
	l.filter.refilter(len(fs), func(i int) names { return formulaNames(l.c, fs[i]) }, &l.cursor)
	l.shown = l.shown[:0]
	for _, i := range l.filter.order {
		l.shown = append(l.shown, fs[i])
	}
	l.offset = 0
}

func (l *formulaList) title() string {
	return l.c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.CategoryKey(l.cat.ID)) })
}
func (l *formulaList) relabel()           { l.filter.ti.Placeholder = l.c.t("tui.filter_placeholder") }
func (l *formulaList) setSize(w, h int)   { l.w, l.h = w, h }
func (l *formulaList) capturesText() bool { return l.filter.active }

func (l *formulaList) help() helpKeys {
	k := l.c.keys
	if l.filter.active {
		return helpKeys{short: []key.Binding{k.Enter, k.Back}, full: [][]key.Binding{{k.Enter, k.Back}}}
	}
	return helpKeys{
		short: []key.Binding{k.Enter, k.Sheet, k.Practice, k.Back},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter, k.Back}, {k.Filter, k.Sheet, k.Practice, k.History}, {k.Date, k.Today}},
	}
}

func (l *formulaList) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return l, nil
	}
	k := l.c.keys
	if l.filter.active {
		ev, cmd := l.filter.update(k, km)
		switch ev {
		case filterChanged, filterCleared:
			l.refilter()
		case filterMoved:
			l.move(km.Type == tea.KeyDown)
		case filterDone:
			if len(l.shown) > 0 {
				return l, push(newForm(l.c, l.shown[l.cursor], nil))
			}
		}
		return l, cmd
	}
	if len(l.shown) == 0 && !key.Matches(km, k.Back) {
		return l, nil
	}
	switch {
	case key.Matches(km, k.Up):
		l.move(false)
	case key.Matches(km, k.Down):
		l.move(true)
	case key.Matches(km, k.Enter):
		return l, push(newForm(l.c, l.shown[l.cursor], nil))
	case key.Matches(km, k.Filter):
		return l, l.filter.open()
	case key.Matches(km, k.Sheet):
		return l, push(newSheet(l.c, l.shown[l.cursor]))
	case key.Matches(km, k.Practice):
		if s := newPracticeFor(l.c, l.shown[l.cursor]); s != nil {
			return l, push(s)
		}
	case key.Matches(km, k.Back):
		if l.filter.Value() != "" {
			l.filter.clear()
			l.refilter()
			return l, nil
		}
		return l, pop()
	case key.Matches(km, k.History):
		return l, push(newHistory(l.c))
	}
	return l, nil
}

func (l *formulaList) move(down bool) {
	if down && l.cursor < len(l.shown)-1 {
		l.cursor++
	} else if !down && l.cursor > 0 {
		l.cursor--
	}
}

func (l *formulaList) view() string {
	c := l.c
	var head []string
	if l.filter.shown() {
		head = append(head, l.filter.view(l.w))
		if len(l.shown) == 0 {
			return head[0] + "\n" + c.st.Dim.Render("  "+c.t("tui.list_no_match"))
		}
	}
	blocks := make([]string, len(l.shown))
	heights := make([]int, len(l.shown))
	for i, f := range l.shown {
		sel := i == l.cursor
		title := c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.FormulaKey(f.ID)) })
		idw := textWidth(f.ID)
		room := max(l.w-idw-4, 8)
		head := cursorMark(sel) + truncate(title, room)
		if sel {
			head = c.st.Selected.Render(head)
		}
		gap := max(l.w-textWidth(head)-idw, 2)
		lines := []string{head + strings.Repeat(" ", gap) + c.st.Dim.Render(f.ID)}
		for _, lang := range c.set.Mode.Langs() {
			lines = append(lines, "    "+c.st.Dim.Render(truncate(c.set.Cats[lang].T(i18n.SummaryKey(f.ID)), max(l.w-4, 4))))
		}
		if !f.ValidOn(c.date) {
			lines = append(lines, "    "+c.st.Warn.Render(truncate(c.t("tui.not_valid_on", "date", c.date.String()), max(l.w-4, 4))))
		}
		blocks[i] = strings.Join(lines, "\n")
		heights[i] = len(lines)
	}
	avail := max(l.h-len(head), 1)
	l.offset = scroll(heights, l.cursor, l.offset, avail)
	return strings.Join(append(head, window(blocks, l.offset, avail)), "\n")
}

// datePrompt asks for the date the rules are taken from.
type datePrompt struct {
	c    *common
	ti   textInput
	err  string
	w, h int
}

// dateSetMsg tells the root the date changed: it closes the prompt and
// every screen refreshes what depends on the date.
type dateSetMsg struct{}

func newDatePrompt(c *common) *datePrompt {
	ti := newInput()
	ti.Prompt = ""
	ti.CharLimit = 10
	ti.Width = 12
	ti.SetValue(c.date.String())
	ti.CursorEnd()
	ti.Focus()
	return &datePrompt{c: c, ti: ti}
}

func (p *datePrompt) title() string      { return p.c.t("tui.date_title") }
func (p *datePrompt) relabel()           {}
func (p *datePrompt) setSize(w, h int)   { p.w, p.h = w, h }
func (p *datePrompt) capturesText() bool { return true }

func (p *datePrompt) help() helpKeys {
	k := p.c.keys
	return helpKeys{short: []key.Binding{k.Confirm, k.Clear, k.Back}, full: [][]key.Binding{{k.Confirm, k.Clear, k.Back}}}
}

func (p *datePrompt) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	switch {
	case key.Matches(km, p.c.keys.Back):
		return p, pop()
	case key.Matches(km, p.c.keys.Clear):
		p.ti.SetValue("")
		return p, nil
	case key.Matches(km, p.c.keys.Confirm):
		d, err := date.Parse(strings.TrimSpace(p.ti.Value()))
		if err != nil {
			p.err = p.c.t("err.date", "text", termsafe.String(p.ti.Value()))
			return p, nil
		}
		p.c.date = d
		p.c.saveConfig()
		return p, func() tea.Msg { return dateSetMsg{} }
	}
	var cmd tea.Cmd
	p.ti, cmd = p.ti.Update(msg)
	p.err = ""
	return p, cmd
}

func (p *datePrompt) view() string {
	c := p.c
	lines := []string{
		c.st.Title.Render(c.both(" · ", func(x *i18n.Catalog) string { return x.T("tui.date_title") })),
		"",
		"> " + c.st.FieldFocus.Render("[") + p.ti.View() + c.st.FieldFocus.Render("]"),
		"",
	}
	lines = append(lines, wrapIndent(c.st.Dim.Render(c.t("tui.date_hint", "today", c.today.String())), p.w)...)
	if p.err != "" {
		lines = append(lines, wrapIndent(c.st.Error.Render(p.err), p.w)...)
	}
	return strings.Join(lines, "\n")
}
