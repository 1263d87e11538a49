package tui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/history"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
	"github.com/cntax/cntax/internal/termsafe"
)

// historyList shows past computations, newest first, each with its key
// inputs, its result and the user's note; enter reopens the form filled
// in, / filters, n writes a note, d deletes (after a yes).
type historyList struct {
	c       *common
	entries []history.Entry
	shown   []int // indexes into entries that pass the filter
	bad     int
	loadErr error
	cursor  int // into shown
	offset  int
	w, h    int

	filter    textInput
	filtering bool
	note      textInput
	noting    bool
	confirm   bool   // d was pressed: y deletes
	msg       string // what the last change did, or why it failed
	msgW      bool
}

// history keys, local to this screen.
var (
	histNote   = key.NewBinding(key.WithKeys("n"))
	histDelete = key.NewBinding(key.WithKeys("d"))
)

func newHistory(c *common) *historyList {
	h := &historyList{c: c}
	h.filter = newInput()
	h.filter.Prompt = "/ "
	h.filter.CharLimit = 100
	h.note = newInput()
	h.note.CharLimit = history.MaxNote / 3 // runes, so that a Han note fits too
	h.reload()
	return h
}

func (h *historyList) reload() {
	h.entries, h.bad, h.loadErr = h.c.hist.Load()
	h.refilter()
}

func (h *historyList) title() string { return h.c.t("tui.history_title") }
func (h *historyList) relabel()      { h.refilter() }
func (h *historyList) setSize(w, hh int) {
	h.w, h.h = w, hh
	h.filter.Width = max(w-16, 4)
	h.note.Width = max(w-6, 4)
}

// capturesText: the filter or the note is being typed; d is this screen's
// delete otherwise (ownsKey keeps it from the root's date prompt).
func (h *historyList) capturesText() bool { return h.filtering || h.noting }

func (h *historyList) ownsKey(km tea.KeyMsg) bool {
	return key.Matches(km, histDelete) && len(h.shown) > 0
}

func (h *historyList) help() helpKeys {
	k := h.c.keys
	c := h.c
	note := histNote
	note.SetHelp("n", c.t("help.history_note"))
	del := histDelete
	del.SetHelp("d", c.t("help.history_delete"))
	switch {
	case h.filtering || h.noting:
		return helpKeys{short: []key.Binding{k.Confirm, k.Back}, full: [][]key.Binding{{k.Confirm, k.Back}}}
	case h.confirm:
		yes := key.NewBinding(key.WithKeys("y"), key.WithHelp("y", c.t("help.history_delete")))
		return helpKeys{short: []key.Binding{yes, k.Back}, full: [][]key.Binding{{yes, k.Back}}}
	}
	return helpKeys{
		short: []key.Binding{k.Enter, k.Filter, note, del, k.Back},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter}, {k.Filter, note, del, k.Back}},
	}
}

// haystack is what the filter looks in: names in every language, the id,
// the date, the inputs as typed and as read, the result and the note.
func (h *historyList) haystack(e history.Entry) string {
	parts := []string{e.Formula, e.Date, e.Result, e.Note, e.Time.Local().Format("2006-01-02 15:04")}
	if f := h.c.eng.Cat.Formula(e.Formula); f != nil {
		for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
			if x := h.c.set.Cats[l]; x != nil {
				parts = append(parts, x.T(i18n.FormulaKey(f.ID)))
				if k := "alias." + f.ID; x.Has(k) { // 城建税, 年终奖…
					parts = append(parts, x.T(k))
				}
			}
		}
	}
	for _, v := range e.Inputs {
		parts = append(parts, v)
	}
	parts = append(parts, h.inputsText(e))
	return strings.ToLower(strings.Join(parts, "\n"))
}

// refilter keeps the entries that have every word of the filter.
func (h *historyList) refilter() {
	words := strings.Fields(strings.ToLower(numparse.Normalize(h.filter.Value())))
	h.shown = h.shown[:0]
	for i, e := range h.entries {
		hay := h.haystack(e)
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
				break
			}
		}
		if ok {
			h.shown = append(h.shown, i)
		}
	}
	h.cursor = max(min(h.cursor, len(h.shown)-1), 0)
}

func (h *historyList) selected() (history.Entry, bool) {
	if len(h.shown) == 0 {
		return history.Entry{}, false
	}
	return h.entries[h.shown[h.cursor]], true
}

func (h *historyList) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return h, nil
	}
	k := h.c.keys
	h.msg, h.msgW = "", false
	switch {
	case h.confirm:
		h.confirm = false
		if km.String() == "y" {
			h.delete()
		}
		return h, nil
	case h.filtering:
		switch {
		case key.Matches(km, k.Back):
			h.filtering = false
			h.filter.SetValue("")
			h.filter.Blur()
			h.refilter()
		case key.Matches(km, k.Enter), km.Type == tea.KeyDown, km.Type == tea.KeyUp:
			h.filtering = false
			h.filter.Blur()
		default:
			var cmd tea.Cmd
			h.filter, cmd = h.filter.Update(msg)
			h.cursor = 0 // the best match is the newest that matches
			h.refilter()
			return h, cmd
		}
		return h, nil
	case h.noting:
		switch {
		case key.Matches(km, k.Back):
			h.noting = false
			h.note.Blur()
		case key.Matches(km, k.Enter):
			h.noting = false
			h.note.Blur()
			h.saveNote(strings.TrimSpace(h.note.Value()))
		default:
			var cmd tea.Cmd
			h.note, cmd = h.note.Update(msg)
			return h, cmd
		}
		return h, nil
	}
	switch {
	case key.Matches(km, k.Back):
		if h.filter.Value() != "" { // esc first clears the filter
			h.filter.SetValue("")
			h.refilter()
			return h, nil
		}
		return h, pop()
	case key.Matches(km, k.Filter):
		h.filtering = true
		return h, h.filter.Focus()
	case key.Matches(km, histNote):
		if e, ok := h.selected(); ok {
			h.noting = true
			h.note.SetValue(e.Note)
			h.note.CursorEnd()
			return h, h.note.Focus()
		}
	case key.Matches(km, histDelete):
		if _, ok := h.selected(); ok {
			h.confirm = true
		}
	case key.Matches(km, k.Up):
		if h.cursor > 0 {
			h.cursor--
		}
	case key.Matches(km, k.Down):
		if h.cursor < len(h.shown)-1 {
			h.cursor++
		}
	case key.Matches(km, k.Enter):
		e, ok := h.selected()
		if !ok {
			return h, nil
		}
		f := h.c.eng.Cat.Formula(e.Formula)
		if f == nil {
			h.c.status, h.c.statusW = h.c.t("tui.history_gone", "id", termsafe.String(e.Formula)), true
			return h, nil
		}
		return h, push(newForm(h.c, f, &e))
	}
	return h, nil
}

// failText words a failed change of the file.
func (h *historyList) failText(err error) string {
	switch {
	case errors.Is(err, history.ErrGone):
		return h.c.t("tui.history_edit_gone")
	case errors.Is(err, history.ErrBusy):
		return h.c.t("tui.history_edit_busy")
	case errors.Is(err, history.ErrNoRewrite):
		return h.c.t("tui.history_edit_unsupported")
	}
	return h.c.t("tui.history_edit_failed", "detail", termsafe.String(err.Error()))
}

func (h *historyList) delete() {
	e, ok := h.selected()
	if !ok {
		return
	}
	if err := h.c.hist.Delete(e); err != nil {
		h.msg, h.msgW = h.failText(err), true
	} else {
		h.msg = h.c.t("tui.history_deleted")
	}
	h.reload() // what other programs wrote meanwhile shows too
}

func (h *historyList) saveNote(note string) {
	e, ok := h.selected()
	if !ok || note == e.Note {
		return
	}
	if _, err := h.c.hist.SetNote(e, note); err != nil {
		h.msg, h.msgW = h.failText(err), true
	} else {
		h.msg = h.c.t("tui.history_noted")
	}
	keep := h.cursor
	h.reload()
	h.cursor = max(min(keep, len(h.shown)-1), 0)
}

// inputsText is the inputs the user gave, in the formula's order, each
// label with its value as read (what was typed, where it does not read).
func (h *historyList) inputsText(e history.Entry) string {
	f := h.c.eng.Cat.Formula(e.Formula)
	if f == nil {
		return ""
	}
	cat := h.c.cat()
	d, err := date.Parse(e.Date)
	if err != nil {
		d = h.c.date
	}
	var parts []string
	for _, in := range f.Inputs {
		raw, ok := e.Inputs[in.ID]
		if !ok {
			continue
		}
		parts = append(parts, cat.Label(f.ID, in.ID)+" "+h.inputValue(f, in, raw, d))
	}
	return strings.Join(parts, " · ")
}

func (h *historyList) inputValue(f *catalog.Formula, in *catalog.Input, raw string, d date.Date) string {
	g, err := h.c.eng.ParseInput(f, in, raw, d)
	if err != nil {
		return termsafe.String(raw)
	}
	if g.Choice != nil {
		return h.c.cat().T(i18n.ParamKey(g.Choice.ID))
	}
	return engine.Value(h.c.cat(), in.Kind, g.Value, g.Unit)
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
	if h.msg != "" {
		st := c.st.Dim
		if h.msgW {
			st = c.st.Warn
		}
		head = append(head, wrapIndent(st.Render(h.msg), h.w)...)
	}
	if h.filtering || h.filter.Value() != "" {
		line := h.filter.View()
		if !h.filtering {
			line = c.st.Dim.Render(truncate("/ "+h.filter.Value(), h.w))
		}
		head = append(head, line+c.st.Dim.Render("  "+strconv.Itoa(len(h.shown))+"/"+strconv.Itoa(len(h.entries))))
	}
	if e, ok := h.selected(); ok && h.confirm {
		head = append(head, wrapIndent(c.st.Warn.Render(c.t("tui.history_confirm_delete", "title", h.titleOf(e), "when", e.Time.Local().Format("2006-01-02 15:04"))), h.w)...)
	}
	if h.noting {
		head = append(head, c.st.Dim.Render(truncate(c.t("tui.history_note_prompt"), h.w)), "  "+h.note.View())
	}
	if len(h.entries) == 0 {
		head = append(head, c.st.Dim.Render(c.t("tui.history_empty")))
		return strings.Join(head, "\n")
	}
	if len(h.shown) == 0 {
		head = append(head, c.st.Dim.Render(c.t("tui.history_no_match")))
		return strings.Join(head, "\n")
	}
	blocks := make([]string, len(h.shown))
	heights := make([]int, len(h.shown))
	ind := "    "
	tw := max(h.w-4, 4)
	for i, idx := range h.shown {
		e := h.entries[idx]
		sel := i == h.cursor
		// Everything read from the file is outside text: a tampered
		// history must not reach the terminal as control sequences.
		result := termsafe.String(e.Result)
		title := h.titleOf(e)
		if f := c.eng.Cat.Formula(e.Formula); f != nil {
			if st := f.Step(e.ResultID); st != nil {
				if n, err := numparse.Parse(e.Result); err == nil {
					result = c.cat().Label(f.ID, st.ID) + " " + engine.Value(c.cat(), st.Kind, n.Value, 0)
				}
			}
		}
		when := e.Time.Local().Format("2006-01-02 15:04")
		line1 := cursorMark(sel) + truncate(title, tw)
		if e.Note != "" {
			note := "“" + termsafe.String(e.Note) + "”"
			if room := h.w - textWidth(line1) - 2; room >= 6 {
				line1 += "  " + c.st.Warn.Render(truncate(note, room))
			}
		}
		if sel {
			line1 = c.st.Selected.Render(cursorMark(sel)+truncate(title, tw)) + strings.TrimPrefix(line1, cursorMark(sel)+truncate(title, tw))
		}
		line2 := ind + c.st.Dim.Render(truncate(when+"  "+c.t("ui.date")+" "+termsafe.String(e.Date)+"  ", tw)) + truncate(result, max(h.w-4-textWidth(when)-textWidth(e.Date)-8, 0))
		lines := []string{line1, line2}
		if in := h.inputsText(e); in != "" {
			lines = append(lines, ind+c.st.Dim.Render(truncate(in, tw)))
		}
		blocks[i] = strings.Join(lines, "\n")
		heights[i] = len(lines)
	}
	avail := max(h.h-len(head), 1)
	h.offset = scroll(heights, h.cursor, h.offset, avail)
	out := window(blocks, h.offset, avail)
	if len(head) > 0 {
		out = strings.Join(head, "\n") + "\n" + out
	}
	return out
}

// titleOf is the formula's name in the mode's languages, or its id as
// read (escaped) when the catalog no longer has it.
func (h *historyList) titleOf(e history.Entry) string {
	if f := h.c.eng.Cat.Formula(e.Formula); f != nil {
		return h.c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.FormulaKey(f.ID)) })
	}
	return termsafe.String(e.Formula)
}
