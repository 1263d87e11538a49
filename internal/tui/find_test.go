package tui

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cntax/cntax/internal/history"
	"github.com/cntax/cntax/internal/i18n"
)

// homeTop is what the filter has selected: a category or formula id.
func homeTop(t *testing.T, m *Model) string {
	t.Helper()
	h, ok := m.top().(*home)
	if !ok {
		t.Fatalf("top is %T, not home", m.top())
	}
	if len(h.items) == 0 {
		return ""
	}
	it := h.items[h.cursor]
	switch {
	case it.payroll:
		return "payroll"
	case it.cat != nil:
		return it.cat.ID
	}
	return it.f.ID
}

// Item 1: the selection moves to the best match on every keystroke, never
// the cursor's old row; enter opens what is selected.
func TestFilterSelectsBest(t *testing.T) {
	m := newModel(t, i18n.ModeZH)
	update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	send(m, "<down>", "<down>", "<down>", "<down>", "<down>", "<down>", "/")
	for i, want := range []string{"vat", "vat", "vat"} {
		send(m, string("vat"[i]))
		if got := homeTop(t, m); got != want {
			t.Errorf("after %q the selection is %s, want %s", "vat"[:i+1], got, want)
		}
	}
	send(m, typeText(" small")...)
	if got := homeTop(t, m); got != "vat.small_scale" {
		t.Errorf("/vat small selects %s", got)
	}
	send(m, "<bs>", "<bs>", "<bs>", "<bs>", "<bs>", "<bs>")
	if got := homeTop(t, m); got != "vat" {
		t.Errorf("back to /vat selects %s", got)
	}
	send(m, "<enter>")
	if l, ok := m.top().(*formulaList); !ok || l.cat.ID != "vat" {
		t.Fatalf("enter opened %T", m.top())
	}
	// Clearing the filter keeps the row it found selected.
	m = newModel(t, i18n.ModeZH)
	send(m, append(append([]string{"/"}, typeText("个税")...), "<esc>")...)
	if got := homeTop(t, m); got != "iit" {
		t.Errorf("esc left the cursor on %s, want iit", got)
	}
}

// Item 2: the names users call things find them, best first, in either
// interface language.
func TestSearchNames(t *testing.T) {
	cases := []struct{ q, first string }{
		{"年终奖", "iit.bonus"},
		{"个税", "iit"},
		{"城建税", "surcharge.city"},
		{"salary", "iit.wage_cumulative"},
		{"year-end", "iit.bonus"},
		{"purchase", "stamp.contract"},
		{"购销", "stamp.contract"},
		{"vat small", "vat.small_scale"},
		{"契税", "deed"},
		{"房产税", "property"},
		{"车船税", "vvt"},
		{"iitbonus", "iit.bonus"}, // fuzzy over the id
		{"scn.general", "scn.general_month"},
		{"小规模", "vat.small_scale"},
		{"small-scale", "vat.small_scale"},
	}
	for _, mode := range []i18n.Mode{i18n.ModeZH, i18n.ModeEN} {
		for _, tc := range cases {
			m := newModel(t, mode)
			send(m, append([]string{"/"}, typeText(tc.q)...)...)
			if got := homeTop(t, m); got != tc.first {
				t.Errorf("%v /%s: first is %s, want %s", mode, tc.q, got, tc.first)
			}
		}
	}
	// /surch: the surcharges come before anything that merely holds the
	// letters; every iit formula answers to 个税.
	m := newModel(t, i18n.ModeZH)
	send(m, append([]string{"/"}, typeText("surch")...)...)
	h := m.top().(*home)
	pos := map[string]int{}
	for i, it := range h.items {
		if it.f != nil {
			pos[it.f.ID] = i
		} else if it.cat != nil {
			pos[it.cat.ID] = i
		}
	}
	if p, ok := pos["iit.labor"]; ok && p < pos["surcharge.city"] {
		t.Errorf("/surch ranks iit.labor (%d) above surcharge.city (%d)", p, pos["surcharge.city"])
	}
	m = newModel(t, i18n.ModeZH)
	send(m, append([]string{"/"}, typeText("个税")...)...)
	n := 0
	for _, it := range m.top().(*home).items {
		if it.f != nil && it.f.Category == "iit" {
			n++
		}
	}
	if want := len(m.c.eng.Cat.Category("iit").Formulas); n != want {
		t.Errorf("/个税 finds %d iit formulas, want all %d", n, want)
	}
	// Among equals the catalog's order holds: the category's main formula
	// comes first.
	m = newModel(t, i18n.ModeEN)
	send(m, "/", "v", "a", "t")
	if it := m.top().(*home).items; len(it) < 2 || it[1].f == nil || it[1].f.ID != "vat.general" {
		t.Errorf("/vat: second row is not vat.general")
	}
	// Letters scattered through a long title are no match.
	m = newModel(t, i18n.ModeEN)
	send(m, append([]string{"/"}, typeText("small")...)...)
	for _, it := range m.top().(*home).items {
		if it.f != nil && it.f.ID == "iit.early_retirement" {
			t.Error("/small matched iit.early_retirement by scattered letters")
		}
	}
}

// Every alias names a formula or category that exists, and is a list of
// names in the catalog's own language.
func TestAliasKeys(t *testing.T) {
	m := newModel(t, i18n.ModeZH)
	for _, l := range i18n.Langs {
		for _, k := range m.c.set.Cats[l].Keys() {
			id, ok := strings.CutPrefix(k, "alias.")
			if !ok {
				continue
			}
			if m.c.eng.Cat.Formula(id) == nil && m.c.eng.Cat.Category(id) == nil {
				t.Errorf("%s: %s names no formula or category", l, k)
			}
		}
	}
	if got := aliases(m.c, "iit.bonus"); !strings.Contains(strings.Join(got, "|"), "年终奖") || !strings.Contains(strings.Join(got, "|"), "year-end bonus") {
		t.Errorf("iit.bonus aliases: %q", got)
	}
}

// Item 2: ":" jumps to any formula or scenario from any screen that is
// not typing; the palette leaves no trace on the stack.
func TestPalette(t *testing.T) {
	m := newModel(t, i18n.ModeZH)
	update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	send(m, "<enter>", "<enter>") // vat › vat.general form: a field has focus
	send(m, ":")
	if _, ok := m.top().(*jumpPalette); ok {
		t.Fatal(": opened the palette while typing in a field")
	}
	send(m, "<esc>") // leave the form: the list
	depth := len(m.stack)
	send(m, ":")
	if _, ok := m.top().(*jumpPalette); !ok {
		t.Fatalf(": from the formula list opened %T", m.top())
	}
	send(m, typeText("scn.general")...)
	send(m, "<enter>")
	fm, ok := m.top().(*form)
	if !ok || fm.f.ID != "scn.general_month" {
		t.Fatalf("palette opened %T", m.top())
	}
	if len(m.stack) != depth+1 {
		t.Errorf("stack %d deep, want %d: the palette stayed", len(m.stack), depth+1)
	}
	send(m, "<esc>")
	if _, ok := m.top().(*formulaList); !ok {
		t.Errorf("esc from the jumped-to form went to %T", m.top())
	}
	send(m, ":", "<esc>")
	if _, ok := m.top().(*formulaList); !ok {
		t.Errorf("esc in the palette went to %T", m.top())
	}
}

// Item 13: bubbletea v1 reports characters that arrive in one read as
// one key; each must land as if typed apart, also when an earlier one
// opens a screen.
func TestBurstKeys(t *testing.T) {
	burst := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	m := newModel(t, i18n.ModeZH)
	update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	update(m, burst("/vat"))
	if h := m.top().(*home); !h.filter.active || h.filter.Value() != "vat" {
		t.Fatalf("/vat in one burst: filter %v %q", h.filter.active, h.filter.Value())
	}
	m = newModel(t, i18n.ModeZH)
	update(m, burst(":scn.general"))
	p, ok := m.top().(*jumpPalette)
	if !ok || p.filter.Value() != "scn.general" {
		t.Fatalf(":scn.general in one burst: %T", m.top())
	}
	// a paste is text, not keys: it is not split
	m = newModel(t, i18n.ModeZH)
	update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("hq"), Paste: true})
	if len(m.stack) != 1 {
		t.Errorf("a paste was taken as keys: %T", m.top())
	}
}

// Item 13 through the real program and its input parser: keys written
// before the program starts, all in one write, all land.
func TestTypedAhead(t *testing.T) {
	m := newModel(t, i18n.ModeZH)
	r, w := io.Pipe()
	out := &watch{want: "cntax › 城市维护建设税", seen: make(chan struct{})} // the form's breadcrumb
	p := tea.NewProgram(m, tea.WithInput(r), tea.WithOutput(out), tea.WithoutSignals())
	go func() {
		w.Write([]byte("/城建税\r")) // before the first frame, in one write
		select {
		case <-out.seen: // the form is drawn
		case <-time.After(10 * time.Second):
		}
		w.Write([]byte{3}) // ctrl+c
	}()
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		p.Kill()
		t.Fatal("the program did not end")
	}
	fm, ok := m.top().(*form)
	if !ok || fm.f.ID != "surcharge.city" {
		t.Fatalf("typed-ahead /城建税⏎ opened %T", m.top())
	}
}

// watch is a terminal that says when a text has been drawn.
type watch struct {
	mu   sync.Mutex
	buf  strings.Builder
	want string
	seen chan struct{}
	once sync.Once
}

func (o *watch) Write(b []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.buf.Write(b)
	if strings.Contains(o.buf.String(), o.want) {
		o.once.Do(func() { close(o.seen) })
	}
	return len(b), nil
}

// Goldens of the palette and of the ranked filter at three sizes and in
// every language.
func TestFindGolden(t *testing.T) {
	steps := map[string][]string{
		"palette":       {":"},
		"palette_scn":   append([]string{":"}, typeText("scn.general")...),
		"filter_bonus":  append([]string{"/"}, typeText("年终奖")...),
		"filter_salary": append([]string{"/"}, typeText("salary")...),
		"list_filter":   append([]string{"<down>", "<down>", "<down>", "<enter>", "/"}, typeText("bonus")...),
	}
	for _, sz := range []struct{ w, h int }{{60, 15}, {80, 24}, {120, 40}} {
		for name, keys := range steps {
			for _, mode := range []i18n.Mode{i18n.ModeZH, i18n.ModeEN, i18n.ModeBoth} {
				t.Run(fmt.Sprintf("%s_%s_%dx%d", name, mode, sz.w, sz.h), func(t *testing.T) {
					m := newModel(t, mode)
					update(m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
					send(m, keys...)
					view := m.View()
					checkFits(t, view, sz.w, sz.h)
					golden.RequireEqual(t, []byte(view))
				})
			}
		}
	}
}

// Item 14: the wrapper breaks where UAX #14 allows, never puts closing
// punctuation at a line start, keeps the hanging indent, fits the width,
// and closes and reopens colours on every line.
func TestWrap(t *testing.T) {
	zh := "  应纳税额等于销售额乘以税率，再减去进项税额。合计（含税）为一百一十三万元整，其中税额十三万元。"
	for w := 8; w <= 40; w++ {
		lines := wrapIndent(zh, w)
		var joined strings.Builder
		for i, l := range lines {
			if lw := textWidth(l); lw > w {
				t.Errorf("w=%d line %d is %d wide: %q", w, i, lw, l)
			}
			body := strings.TrimLeft(l, " ")
			if i > 0 && len(l)-len(body) != 4 {
				t.Errorf("w=%d line %d: indent %d, want 4", w, i, len(l)-len(body))
			}
			if r := []rune(body); i > 0 && len(r) > 0 && strings.ContainsRune("，。、）〕」", r[0]) {
				t.Errorf("w=%d line %d starts with %q", w, i, r[0])
			}
			joined.WriteString(body)
		}
		if joined.String() != strings.TrimLeft(zh, " ") {
			t.Errorf("w=%d: text changed: %q", w, joined.String())
		}
	}
	en := "sales × rate − input tax = tax payable, rounded half up to 0.01 as the law says"
	for _, l := range wrapPara(en, 20) {
		if textWidth(l) > 20 || strings.HasPrefix(l, " ") {
			t.Errorf("%q", l)
		}
	}
	colored := "\x1b[1mbold words that run on past the end\x1b[0m and plain ones"
	lines := wrapPara(colored, 12)
	if len(lines) < 3 {
		t.Fatalf("%q", lines)
	}
	for i, l := range lines {
		bold := i < 3
		if bold && (!strings.HasPrefix(l, "\x1b[1m") || !strings.HasSuffix(l, "\x1b[0m")) {
			t.Errorf("line %d does not carry its colour: %q", i, l)
		}
	}
	if got := ansi.Strip(strings.Join(lines, " ")); got != ansi.Strip(colored) {
		t.Errorf("text changed: %q", got)
	}
	long := strings.Repeat("x", 30)
	for _, l := range wrapPara(long, 10) {
		if textWidth(l) != 10 {
			t.Errorf("a long word is cut to the width: %q", l)
		}
	}
}

// Item 2 in history: "/" finds past computations by formula name or alias
// and by a value typed; enter reopens the one selected.
func TestHistoryFilter(t *testing.T) {
	m := newModel(t, i18n.ModeZH)
	update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	send(m, vatResult...) // vat.general with 113000
	send(m, "<esc>", "<esc>", "<esc>", "<esc>")
	send(m, append(append([]string{":"}, typeText("城建税")...), "<enter>")...)
	send(m, append(typeText("27000"), "<ctrl+s>")...)
	send(m, "h")
	hl, ok := m.top().(*historyList)
	if !ok || len(hl.entries) != 2 {
		t.Fatalf("history: %T", m.top())
	}
	for q, want := range map[string]string{"城建税": "surcharge.city", "113000": "vat.general", "general": "vat.general", "27000": "surcharge.city"} {
		send(m, "/")
		send(m, typeText(q)...)
		if got := hl.entries[hl.shown[hl.cursor]].Formula; got != want || len(hl.shown) != 1 {
			t.Errorf("/%s selects %s of %d, want %s alone", q, got, len(hl.shown), want)
		}
		send(m, "<esc>")
	}
	send(m, "/")
	send(m, typeText("113000")...)
	send(m, "<enter>", "<enter>") // the first ends the filter, the second opens
	if fm, ok := m.top().(*form); !ok || fm.f.ID != "vat.general" {
		t.Errorf("enter opened %T", m.top())
	}
}

// Item 2 in pickers: typing filters the choices, the best selected; esc
// clears the filter before it closes the picker.
func TestPickerFilter(t *testing.T) {
	m := newModel(t, i18n.ModeZH)
	update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	send(m, append(append([]string{":"}, typeText("stamp.contract")...), "<enter>")...)
	fm := m.top().(*form)
	for i, fd := range fm.fields {
		if fd.in != nil && len(fd.in.Choices) > 0 {
			fm.setFocus(i)
			break
		}
	}
	send(m, "<space>")
	if fm.picker == nil {
		t.Fatal("space did not open the picker")
	}
	send(m, typeText("买卖")...)
	fd := fm.fields[fm.picker.field]
	first := fd.in.Choices[fm.picker.filter.order[fm.picker.cursor]].ID
	if !strings.Contains(m.c.cat().T(i18n.ParamKey(first)), "买卖") {
		t.Errorf("/买卖 selects %s", first)
	}
	send(m, "<esc>")
	if fm.picker == nil || fm.picker.filter.Value() != "" {
		t.Fatal("esc closed the picker instead of clearing its filter")
	}
	send(m, typeText("买卖")...)
	send(m, "<enter>")
	if fm.picker != nil || fd.ti.Value() != first {
		t.Errorf("enter picked %q, want %q", fd.ti.Value(), first)
	}
}

// Goldens of the history and picker filters, three sizes, every language.
// History rows show their local time: the entries are written at fixed
// instants and read in UTC.
func TestFindGoldenHistoryPicker(t *testing.T) {
	old := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = old })
	entries := []history.Entry{
		{Time: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC), Formula: "vat.general", Date: "2026-11-20",
			Inputs: map[string]string{"sales": "113000", "input": "8000"}, ResultID: "payable", Result: "6690.00"},
		{Time: time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC), Formula: "surcharge.city", Date: "2026-11-21",
			Inputs: map[string]string{"base": "27000"}, ResultID: "total", Result: "1620.00"},
		{Time: time.Date(2026, 11, 22, 11, 15, 0, 0, time.UTC), Formula: "iit.bonus", Date: "2026-11-22",
			Inputs: map[string]string{"bonus": "36000"}, ResultID: "tax", Result: "1080.00"},
	}
	steps := map[string][]string{
		"history_filter": append([]string{"h", "/"}, typeText("年终奖")...),
		"picker_filter":  append(append([]string{":"}, typeText("stamp.contract")...), "<enter>", "<tab>", "<space>", "买", "卖"),
	}
	for _, sz := range []struct{ w, h int }{{60, 15}, {80, 24}, {120, 40}} {
		for name, keys := range steps {
			for _, mode := range []i18n.Mode{i18n.ModeZH, i18n.ModeEN, i18n.ModeBoth} {
				t.Run(fmt.Sprintf("%s_%s_%dx%d", name, mode, sz.w, sz.h), func(t *testing.T) {
					m := newModel(t, mode)
					for _, e := range entries {
						if err := m.c.hist.Append(e); err != nil {
							t.Fatal(err)
						}
					}
					update(m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
					send(m, keys...)
					view := m.View()
					checkFits(t, view, sz.w, sz.h)
					golden.RequireEqual(t, []byte(view))
				})
			}
		}
	}
}
