package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// picker chooses a rate among a field's choices, each shown with its value
// on the form's date; a choice not in force says when it applied.
// Typing filters the choices by name or id (filter.go), the best match
// selected; esc clears the filter, then closes.
type picker struct {
	field  int
	cursor int // into filter.order
	offset int
	filter listFilter
}

func (fm *form) pickerNames(fd *field) func(int) names {
	return func(i int) names {
		ch := fd.in.Choices[i]
		return names{short: append([]string{ch.ID}, inAll(fm.c, i18n.ParamKey(ch.ID))...)}
	}
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
	p.filter = listFilter{filterBar: newFilterBar(fm.c)}
	p.filter.open()
	p.filter.refilter(len(fd.in.Choices), fm.pickerNames(fd), new(int))
	fm.picker = p
}

func (fm *form) updatePicker(km tea.KeyMsg) tea.Cmd {
	k := fm.c.keys
	p := fm.picker
	fd := fm.fields[p.field]
	switch {
	case key.Matches(km, k.Back):
		if p.filter.Value() != "" {
			p.filter.ti.SetValue("")
			p.filter.refilter(len(fd.in.Choices), fm.pickerNames(fd), &p.cursor)
			return nil
		}
		fm.picker = nil
	case km.Type == tea.KeyUp || km.String() == "shift+tab":
		if p.cursor > 0 {
			p.cursor--
		}
	case km.Type == tea.KeyDown || km.String() == "tab":
		if p.cursor < len(p.filter.order)-1 {
			p.cursor++
		}
	case key.Matches(km, k.Enter) || km.String() == " ":
		if len(p.filter.order) == 0 {
			return nil
		}
		fd.ti.SetValue(fd.in.Choices[p.filter.order[p.cursor]].ID)
		fd.ti.CursorEnd()
		fd.edited = true
		fd.touched = false // typing next replaces the choice
		fm.validate(p.field)
		fm.picker = nil
	default:
		before := p.filter.Value()
		var cmd tea.Cmd
		p.filter.ti, cmd = p.filter.ti.Update(km)
		if p.filter.Value() != before {
			p.filter.refilter(len(fd.in.Choices), fm.pickerNames(fd), &p.cursor)
		}
		return cmd
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
	if p.filter.Value() != "" {
		head += "\n" + p.filter.view(fm.w)
	}
	blocks := make([]string, 0, len(p.filter.order))
	heights := make([]int, 0, len(p.filter.order))
	for i, ci := range p.filter.order {
		ch := fd.in.Choices[ci]
		sel := i == p.cursor
		val := ""
		if v, ok := ch.At(d); ok {
			val = engine.Value(cat, ch.Kind, v.Value, v.Unit)
		} else {
			from, to := ch.Span()
			val = c.st.Dim.Render(cat.T("tui.not_in_force", "span", engine.SpanText(cat, from, to)))
		}
		line := cursorMark(sel) + padRight(truncate(labels[ci], lw), lw)
		if sel {
			line = c.st.Selected.Render(line)
		}
		if showID {
			line += "  " + c.st.Dim.Render(padRight(ch.ID, iw))
		}
		blocks = append(blocks, line+"  "+val)
		heights = append(heights, 1)
	}
	if len(blocks) == 0 {
		return head + "\n\n" + c.st.Dim.Render("  "+c.t("tui.list_no_match"))
	}
	avail := max(fm.h-2-strings.Count(head, "\n"), 1)
	p.offset = scroll(heights, p.cursor, p.offset, avail)
	return head + "\n\n" + window(blocks, p.offset, avail)
}
