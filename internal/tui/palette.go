package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/i18n"
)

// jumpPalette is the ":" jump: type an id, a name or an alias of any formula
// or scenario (scenarios are formulas of category scn), enter opens its
// form in place of the palette, esc goes back where it was opened.
type jumpPalette struct {
	c      *common
	all    []*catalog.Formula
	items  []*catalog.Formula
	filter listFilter
	cursor int
	offset int
	w, h   int
}

// replaceMsg swaps the top screen for another: the palette leaves no trace
// on the stack once it has jumped.
type replaceMsg struct{ s screen }

func newJumpPalette(c *common) *jumpPalette {
	p := &jumpPalette{c: c, all: c.eng.Cat.Formulas, filter: listFilter{filterBar: newFilterBar(c)}}
	p.filter.ti.Prompt = ": "
	p.relabel()
	p.filter.open()
	p.refilter()
	return p
}

func (p *jumpPalette) title() string { return p.c.t("tui.palette_title") }
func (p *jumpPalette) relabel() {
	p.filter.ti.Placeholder = p.c.t("tui.palette_placeholder")
}
func (p *jumpPalette) setSize(w, h int)   { p.w, p.h = w, h }
func (p *jumpPalette) capturesText() bool { return true }

func (p *jumpPalette) help() helpKeys {
	k := p.c.keys
	return helpKeys{short: []key.Binding{k.Enter, k.Back}, full: [][]key.Binding{{k.Up, k.Down, k.Enter, k.Back}}}
}

func (p *jumpPalette) refilter() {
	p.filter.refilter(len(p.all), func(i int) names { return formulaNames(p.c, p.all[i]) }, &p.cursor)
	p.items = p.items[:0]
	for _, i := range p.filter.order {
		p.items = append(p.items, p.all[i])
	}
	p.offset = 0
}

func (p *jumpPalette) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	ev, cmd := p.filter.update(p.c.keys, km)
	switch ev {
	case filterCleared:
		return p, pop()
	case filterChanged:
		p.refilter()
	case filterMoved:
		if km.Type == tea.KeyDown && p.cursor < len(p.items)-1 {
			p.cursor++
		} else if km.Type == tea.KeyUp && p.cursor > 0 {
			p.cursor--
		}
	case filterDone:
		if len(p.items) == 0 {
			p.filter.open() // nothing to open: keep typing
			return p, nil
		}
		f := p.items[p.cursor]
		return p, func() tea.Msg { return replaceMsg{newForm(p.c, f, nil)} }
	}
	return p, cmd
}

func (p *jumpPalette) view() string {
	c := p.c
	head := []string{p.filter.view(p.w)}
	if len(p.items) == 0 {
		return head[0] + "\n" + c.st.Dim.Render("  "+c.t("tui.palette_none"))
	}
	// "7/112": where the selection sits among the matches
	head = append(head, c.st.Dim.Render("  "+strconv.Itoa(p.cursor+1)+"/"+strconv.Itoa(len(p.items))))
	blocks := make([]string, len(p.items))
	heights := make([]int, len(p.items))
	idW := 0
	for _, f := range p.items {
		idW = max(idW, textWidth(f.ID))
	}
	idW = min(idW, max(p.w/3, 8))
	room := max(p.w-idW-4, 8)
	for i, f := range p.items {
		sel := i == p.cursor
		name := c.both(" · ", func(x *i18n.Catalog) string {
			return x.T(i18n.CategoryKey(f.Category)) + " › " + x.T(i18n.FormulaKey(f.ID))
		})
		line := cursorMark(sel) + padRight(truncate(name, room), room)
		if sel {
			line = c.st.Selected.Render(line)
		}
		blocks[i] = line + "  " + c.st.Dim.Render(truncate(f.ID, idW))
		heights[i] = 1
	}
	avail := max(p.h-len(head), 1)
	p.offset = scroll(heights, p.cursor, p.offset, avail)
	return strings.Join(head, "\n") + "\n" + window(blocks, p.offset, avail)
}
