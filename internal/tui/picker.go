package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// picker chooses a rate among a field's choices, each shown with its value
// on the form's date; a choice not in force says when it applied.
type picker struct {
	field  int
	cursor int
	offset int
}

func (fm *form) openPicker() {
	fd := fm.fields[fm.focus]
	p := &picker{field: fm.focus}
	d, _ := fm.formDate()
	cur, _ := engine.Choice(fd.in, fd.ti.Value(), d)
	p.cursor = -1
	for i, ch := range fd.in.Choices {
		if ch == cur {
			p.cursor = i
		}
	}
	for i, ch := range fd.in.Choices { // else the first one in force
		if _, ok := ch.At(d); ok && p.cursor < 0 {
			p.cursor = i
		}
	}
	p.cursor = max(p.cursor, 0)
	fm.picker = p
}

func (fm *form) updatePicker(km tea.KeyMsg) tea.Cmd {
	k := fm.c.keys
	p := fm.picker
	fd := fm.fields[p.field]
	switch {
	case key.Matches(km, k.Back):
		fm.picker = nil
	case key.Matches(km, k.Up) || km.String() == "shift+tab":
		if p.cursor > 0 {
			p.cursor--
		}
	case key.Matches(km, k.Down) || km.String() == "tab":
		if p.cursor < len(fd.in.Choices)-1 {
			p.cursor++
		}
	case key.Matches(km, k.Enter) || km.String() == " ":
		fd.ti.SetValue(fd.in.Choices[p.cursor].ID)
		fd.ti.CursorEnd()
		fd.edited = true
		fd.touched = false // typing next replaces the choice
		fm.validate(p.field)
		fm.picker = nil
	}
	return nil
}

func (fm *form) pickerView() string {
	c := fm.c
	cat := c.cat()
	p := fm.picker
	fd := fm.fields[p.field]
	d, _ := fm.formDate()
	head := c.st.Title.Render(truncate(c.t("tui.pick_title", "label", fm.label(fd), "id", fd.in.ID), fm.w))
	labels := make([]string, len(fd.in.Choices))
	lw, iw := 0, 0
	for i, ch := range fd.in.Choices {
		labels[i] = c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.ParamKey(ch.ID)) })
		lw = max(lw, textWidth(labels[i]))
		iw = max(iw, textWidth(ch.ID))
	}
	showID := fm.w >= lw+iw+16
	lw = min(lw, max(fm.w-16, 8))
	blocks := make([]string, len(fd.in.Choices))
	heights := make([]int, len(fd.in.Choices))
	for i, ch := range fd.in.Choices {
		sel := i == p.cursor
		val := ""
		if v, ok := ch.At(d); ok {
			val = engine.Value(cat, ch.Kind, v.Value, v.Unit)
		} else {
			from, to := ch.Span()
			val = c.st.Dim.Render(cat.T("tui.not_in_force", "span", engine.SpanText(cat, from, to)))
		}
		line := cursorMark(sel) + padRight(truncate(labels[i], lw), lw)
		if sel {
			line = c.st.Selected.Render(line)
		}
		if showID {
			line += "  " + c.st.Dim.Render(padRight(ch.ID, iw))
		}
		blocks[i] = line + "  " + val
		heights[i] = 1
	}
	avail := max(fm.h-2, 1)
	p.offset = scroll(heights, p.cursor, p.offset, avail)
	return head + "\n\n" + window(blocks, p.offset, avail)
}
