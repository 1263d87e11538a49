package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/i18n"
)

// home lists the categories. "/" filters categories and formulas at once,
// ranked (filter.go), in both languages, by id and by alias, so 小规模,
// small-scale, vat.small and 年终奖 all find their formula; the best
// match is selected on every keystroke.
type home struct {
	c      *common
	all    []homeItem // categories, the payroll table, then every formula
	items  []homeItem // what is shown: all categories, or the ranked matches
	cursor int
	offset int
	filter listFilter
	w, h   int
}

// homeItem is a category, or (while filtering) a formula.
type homeItem struct {
	cat     *catalog.Category
	f       *catalog.Formula
	payroll bool // the payroll year table
}

func newHome(c *common) *home {
	h := &home{c: c, filter: listFilter{filterBar: newFilterBar(c)}}
	for _, cat := range c.eng.Cat.Categories {
		h.all = append(h.all, homeItem{cat: cat})
	}
	h.all = append(h.all, homeItem{payroll: true})
	for _, f := range c.eng.Cat.Formulas {
		h.all = append(h.all, homeItem{f: f})
	}
	h.relabel()
	h.refilter()
	return h
}

func (h *home) title() string { return "cntax" }

func (h *home) relabel() {
	h.filter.ti.Placeholder = h.c.t("tui.filter_placeholder")
}

func (h *home) setSize(w, hh int) { h.w, h.h = w, hh }

func (h *home) capturesText() bool { return h.filter.active }

func (h *home) help() helpKeys {
	k := h.c.keys
	if h.filter.active {
		return helpKeys{short: []key.Binding{k.Enter, k.Back}, full: [][]key.Binding{{k.Enter, k.Back}}}
	}
	return helpKeys{
		short: []key.Binding{k.Enter, k.Filter, k.History, k.Date},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter}, {k.Filter, k.Palette, k.History}, {k.Practice, h.c.changesKey(), k.Date, k.Today}},
	}
}

func (h *home) names(it homeItem) names {
	switch {
	case it.payroll:
		return names{short: append([]string{"payroll"}, inAll(h.c, "tui.payroll.home")...)}
	case it.cat != nil:
		return categoryNames(h.c, it.cat)
	}
	return formulaNames(h.c, it.f)
}

// refilter shows the categories (and the payroll table) with no query,
// and with one every category, formula and scenario that matches, best
// first, the cursor on the best.
func (h *home) refilter() {
	pool := h.all
	if strings.TrimSpace(h.filter.Value()) == "" {
		pool = h.all[:len(h.c.eng.Cat.Categories)+1]
	}
	h.filter.refilter(len(pool), func(i int) names { return h.names(pool[i]) }, &h.cursor)
	h.items = h.items[:0]
	for _, i := range h.filter.order {
		h.items = append(h.items, pool[i])
	}
	h.offset = 0
}

func (h *home) open() tea.Cmd {
	if len(h.items) == 0 {
		return nil
	}
	it := h.items[h.cursor]
	if it.payroll {
		return push(newPayrollYear(h.c))
	}
	if it.f != nil {
		return push(newForm(h.c, it.f, nil))
	}
	return push(newFormulaList(h.c, it.cat))
}

func (h *home) update(msg tea.Msg) (screen, tea.Cmd) {
	k := h.c.keys
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return h, nil
	}
	if h.filter.active {
		ev, cmd := h.filter.update(k, km)
		switch ev {
		case filterCleared, filterChanged:
			h.refilter()
		case filterDone:
			return h, h.open()
		case filterMoved:
			h.move(km.Type == tea.KeyDown)
		}
		return h, cmd
	}
	switch {
	case key.Matches(km, k.Up):
		h.move(false)
	case key.Matches(km, k.Down):
		h.move(true)
	case key.Matches(km, k.Enter):
		return h, h.open()
	case key.Matches(km, k.Filter):
		return h, h.filter.open()
	case key.Matches(km, k.Back):
		if h.filter.Value() != "" {
			h.filter.clear()
			h.refilter()
		}
	case key.Matches(km, k.History):
		return h, push(newHistory(h.c))
	case key.Matches(km, keyChanges):
		return h, push(newChangesScreen(h.c))
	case key.Matches(km, k.Practice):
		if len(h.items) > 0 && h.items[h.cursor].cat != nil {
			return h, push(newPracticeStart(h.c, h.items[h.cursor].cat.ID))
		}
	}
	return h, nil
}

func (h *home) move(down bool) {
	if down && h.cursor < len(h.items)-1 {
		h.cursor++
	} else if !down && h.cursor > 0 {
		h.cursor--
	}
}

func (h *home) view() string {
	c := h.c
	var head []string
	if h.filter.shown() {
		head = append(head, h.filter.view(h.w))
	} else {
		head = append(head, c.st.Title.Render(c.both(" · ", func(x *i18n.Catalog) string { return x.T("tui.categories") })))
	}
	if len(h.items) == 0 {
		head = append(head, c.st.Dim.Render("  "+c.t("tui.no_match")))
		return strings.Join(head, "\n")
	}
	nameW := 0
	names := make([]string, len(h.items))
	for i, it := range h.items {
		if it.payroll {
			names[i] = c.both(" · ", func(x *i18n.Catalog) string { return x.T("tui.payroll.home") })
		} else if it.cat != nil {
			names[i] = c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.CategoryKey(it.cat.ID)) })
		} else {
			names[i] = c.both(" · ", func(x *i18n.Catalog) string {
				return x.T(i18n.CategoryKey(it.f.Category)) + " › " + x.T(i18n.FormulaKey(it.f.ID))
			})
		}
		nameW = max(nameW, textWidth(names[i]))
	}
	nameW = min(nameW, max(h.w-16, 10))
	blocks := make([]string, len(h.items))
	heights := make([]int, len(h.items))
	for i, it := range h.items {
		sel := i == h.cursor
		name := padRight(truncate(names[i], nameW), nameW)
		var right string
		if it.payroll {
			right = "cntax payroll"
		} else if it.cat != nil {
			right = c.set.N("tui.formula_count", len(it.cat.Formulas), "n", fmt.Sprint(len(it.cat.Formulas)))
		} else {
			right = it.f.ID
		}
		line := cursorMark(sel) + name + "  " + c.st.Dim.Render(right)
		if sel {
			line = c.st.Selected.Render(cursorMark(sel)+name) + "  " + c.st.Dim.Render(right)
		}
		blocks[i] = line
		heights[i] = 1
	}
	avail := max(h.h-len(head), 1)
	h.offset = scroll(heights, h.cursor, h.offset, avail)
	return strings.Join(head, "\n") + "\n" + window(blocks, h.offset, avail)
}
