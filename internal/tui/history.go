package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/history"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
	"github.com/cntax/cntax/internal/termsafe"
)

// historyList shows past computations, newest first; enter reopens the
// form filled in, to change a value and compute again.
type historyList struct {
	c       *common
	entries []history.Entry
	bad     int
	loadErr error
	cursor  int
	offset  int
	w, h    int
}

func newHistory(c *common) *historyList {
	h := &historyList{c: c}
	h.entries, h.bad, h.loadErr = c.hist.Load()
	return h
}

func (h *historyList) title() string      { return h.c.t("tui.history_title") }
func (h *historyList) relabel()           {}
func (h *historyList) setSize(w, hh int)  { h.w, h.h = w, hh }
func (h *historyList) capturesText() bool { return false }

func (h *historyList) help() helpKeys {
	k := h.c.keys
	return helpKeys{short: []key.Binding{k.Enter, k.Back}, full: [][]key.Binding{{k.Up, k.Down, k.Enter, k.Back}}}
}

func (h *historyList) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return h, nil
	}
	k := h.c.keys
	switch {
	case key.Matches(km, k.Back):
		return h, pop()
	case key.Matches(km, k.Up):
		if h.cursor > 0 {
			h.cursor--
		}
	case key.Matches(km, k.Down):
		if h.cursor < len(h.entries)-1 {
			h.cursor++
		}
	case key.Matches(km, k.Enter):
		if len(h.entries) == 0 {
			return h, nil
		}
		e := h.entries[h.cursor]
		f := h.c.eng.Cat.Formula(e.Formula)
		if f == nil {
			h.c.status, h.c.statusW = h.c.t("tui.history_gone", "id", termsafe.String(e.Formula)), true
			return h, nil
		}
		return h, push(newForm(h.c, f, &e))
	}
	return h, nil
}

func (h *historyList) view() string {
	c := h.c
	var head []string
	if h.loadErr != nil {
		head = append(head, wrapIndent(c.st.Error.Render(c.t("tui.history_unreadable", "detail", termsafe.String(h.loadErr.Error()))), h.w)...)
	}
	if h.bad > 0 {
		head = append(head, wrapIndent(c.st.Warn.Render(c.set.N("tui.history_skipped", h.bad, "n", strconv.Itoa(h.bad), "path", termsafe.String(c.hist.Path))), h.w)...)
	}
	if len(h.entries) == 0 {
		head = append(head, c.st.Dim.Render(c.t("tui.history_empty")))
		return strings.Join(head, "\n")
	}
	blocks := make([]string, len(h.entries))
	heights := make([]int, len(h.entries))
	for i, e := range h.entries {
		sel := i == h.cursor
		// Everything read from the file is outside text: a tampered
		// history must not reach the terminal as control sequences.
		title := termsafe.String(e.Formula)
		result := termsafe.String(e.Result)
		day := termsafe.String(e.Date)
		if f := c.eng.Cat.Formula(e.Formula); f != nil {
			title = c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.FormulaKey(f.ID)) })
			if st := f.Step(e.ResultID); st != nil {
				if n, err := numparse.Parse(e.Result); err == nil {
					result = c.cat().Label(f.ID, st.ID) + " " + engine.Value(c.cat(), st.Kind, n.Value, 0)
				}
			}
		}
		when := e.Time.Local().Format("2006-01-02 15:04")
		line1 := cursorMark(sel) + truncate(title, max(h.w-4, 4))
		if sel {
			line1 = c.st.Selected.Render(line1)
		}
		line2 := "    " + c.st.Dim.Render(truncate(when+"  "+c.t("ui.date")+" "+day+"  ", max(h.w-4, 4))) + truncate(result, max(h.w-4-textWidth(when)-textWidth(day)-8, 0))
		blocks[i] = line1 + "\n" + line2
		heights[i] = 2
	}
	avail := max(h.h-len(head), 1)
	h.offset = scroll(heights, h.cursor, h.offset, avail)
	out := window(blocks, h.offset, avail)
	if len(head) > 0 {
		out = strings.Join(head, "\n") + "\n" + out
	}
	return out
}
