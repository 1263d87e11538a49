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
// in both languages and by id, so 小规模, small-scale and vat.small all find
// the small-scale VAT formula.
type home struct {
	c         *common
	items     []homeItem
	cursor    int
	offset    int
	filter    textInput
	filtering bool
	w, h      int
}

// homeItem is a category, or (while filtering) a formula.
type homeItem struct {
	cat     *catalog.Category
	f       *catalog.Formula
	payroll bool // the payroll year table
}

func newHome(c *common) *home {
	ti := newInput()
	ti.Prompt = "/ "
	ti.CharLimit = 40
	h := &home{c: c, filter: ti}
	h.relabel()
	h.refilter()
	return h
}

func (h *home) title() string { return "cntax" }

func (h *home) relabel() {
	h.filter.Placeholder = h.c.t("tui.filter_placeholder")
}

func (h *home) setSize(w, hh int) {
	h.w, h.h = w, hh
	h.filter.Width = max(w-6, 4)
}

func (h *home) capturesText() bool { return h.filtering }

func (h *home) help() helpKeys {
	k := h.c.keys
	if h.filtering {
		return helpKeys{short: []key.Binding{k.Enter, k.Back}, full: [][]key.Binding{{k.Enter, k.Back}}}
	}
	return helpKeys{
		short: []key.Binding{k.Enter, k.Filter, k.History, k.Date},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter}, {k.Filter, k.History, k.Practice, h.c.changesKey()}, {k.Date, k.Today}},
	}
}

// haystack is every name a formula or category answers to, in both
// languages whatever the mode.
func haystack(c *common, keys ...string) string {
	var b strings.Builder
	for _, cat := range c.set.Cats {
		for _, k := range keys {
			b.WriteString(strings.ToLower(cat.T(k)))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (h *home) refilter() {
	q := strings.ToLower(strings.TrimSpace(h.filter.Value()))
	h.items = h.items[:0]
	for _, cat := range h.c.eng.Cat.Categories {
		if q == "" || strings.Contains(cat.ID, q) || strings.Contains(haystack(h.c, i18n.CategoryKey(cat.ID)), q) {
			h.items = append(h.items, homeItem{cat: cat})
		}
	}
	if q == "" || strings.Contains("payroll", q) || strings.Contains(haystack(h.c, "tui.payroll.home"), q) {
		h.items = append(h.items, homeItem{payroll: true})
	}
	if q != "" {
		for _, f := range h.c.eng.Cat.Formulas {
			if strings.Contains(f.ID, q) || strings.Contains(haystack(h.c, i18n.FormulaKey(f.ID), i18n.SummaryKey(f.ID)), q) {
				h.items = append(h.items, homeItem{f: f})
			}
		}
	}
	if h.cursor >= len(h.items) {
		h.cursor = max(len(h.items)-1, 0)
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
	if h.filtering {
		switch {
		case key.Matches(km, k.Back):
			h.filtering = false
			h.filter.Blur()
			h.filter.SetValue("")
			h.refilter()
			return h, nil
		case key.Matches(km, k.Enter):
			h.filtering = false
			h.filter.Blur()
			return h, h.open()
		case km.Type == tea.KeyUp || km.Type == tea.KeyDown:
			h.move(km.Type == tea.KeyDown)
			return h, nil
		}
		var cmd tea.Cmd
		h.filter, cmd = h.filter.Update(msg)
		h.refilter()
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
		h.filtering = true
		return h, h.filter.Focus()
	case key.Matches(km, k.Back):
		if h.filter.Value() != "" {
			h.filter.SetValue("")
			h.refilter()
		}
	case key.Matches(km, k.History):
		return h, push(newHistory(h.c))
	case key.Matches(km, keyChanges):
		return h, push(newChangesScreen(h.c))
	case key.Matches(km, k.Practice):
		if len(h.items) > 0 && h.items[h.cursor].cat != nil {
			if s := newPracticeStart(h.c, h.items[h.cursor].cat.ID); s != nil {
				return h, push(s)
			}
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
	if h.filtering || h.filter.Value() != "" {
		head = append(head, h.filter.View())
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
			right = c.t("tui.formula_count", "n", fmt.Sprint(len(it.cat.Formulas)))
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
