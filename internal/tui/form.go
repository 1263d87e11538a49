package tui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/history"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
	"github.com/cntax/cntax/internal/render"
	"github.com/cntax/cntax/internal/termsafe"
)

// field is one row of the form: the date (in == nil), a text input, or a
// yes/no toggle.
type field struct {
	in     *catalog.Input
	ti     textInput
	on     bool // a bool input's value
	onSet  bool // the user set the bool; otherwise its default applies
	err    error
	given  *engine.Given // the value as read, echoed beside the field
	edited bool          // the user typed here (the date field stops following the global date)
	// touched: a key has gone to this field since its value was put there
	// (by default, history, the picker or another result). The first key
	// in an untouched, filled field replaces the value, as in a form
	// whose field is selected on entry.
	touched bool
	// carried: the value came from another result (the continue action);
	// the form says from where until the user changes it.
	carried carriedFrom
	// group is 1 + the index of the scenario's part this input first
	// feeds (0: none); its heading is worded at view time, in the
	// language of the moment.
	group int
}

func (fd *field) isBool() bool { return fd.in != nil && fd.in.Kind == formula.KindBool }

// form collects a formula's inputs. What the user types is never thrown
// away: a bad value stays in its field with the reason under it, and the
// form is kept per formula while the program runs.
type form struct {
	c       *common
	f       *catalog.Formula
	fields  []*field
	focus   int
	picker  *picker
	formErr error
	// preview is every input as the engine would take it now: computed
	// defaults (insurance at 3‰, a lease minimum that follows the rate)
	// show their value.
	preview []engine.InputValue
	w, h    int
	offset  int
	// live is the result as the form stands, shown beside it on a wide
	// screen (qalc-style); liveErr says what is missing or wrong.
	live    *engine.Result
	liveErr error
}

// liveMin is the width from which the result shows live beside the form.
const liveMin = 120

// liveWidth is the width of the live column, 0 below liveMin.
func (fm *form) liveWidth() int {
	if fm.w < liveMin {
		return 0
	}
	return min(max(fm.w*2/5, 40), 64)
}

// formWidth is what the fields get: the screen less the live column.
func (fm *form) formWidth() int {
	if lw := fm.liveWidth(); lw > 0 {
		return fm.w - lw - 3
	}
	return fm.w
}

// refreshLive computes the result as typed, without recording it: the
// history keeps what the user computed, not every keystroke.
func (fm *form) refreshLive() {
	fm.live, fm.liveErr = nil, nil
	if fm.liveWidth() == 0 {
		return
	}
	for _, fd := range fm.fields {
		if fd.err != nil {
			fm.liveErr = fd.err
			return
		}
	}
	d, _ := fm.formDate()
	fm.live, fm.liveErr = fm.c.eng.Calc(fm.f.ID, fm.raw(), d)
}

// liveView is the live column: the answer, the figures to file, or what
// stops the computation.
func (fm *form) liveView(w int) []string {
	c := fm.c
	lines := []string{c.st.Dim.Render(truncate(c.t("tui.live_title"), w)), ""}
	if fm.live == nil {
		if fm.liveErr != nil {
			for _, m := range engine.Messages(fm.liveErr, c.cat()) {
				lines = append(lines, wrapIndent(c.st.Dim.Render(m), w)...)
			}
		}
		return lines
	}
	lines = append(lines, wrapIndent(render.AnswerLine(fm.live, c.set, c.st.Text), w)...)
	if f := fm.live.Formula; len(f.Filed) > 0 {
		rows := render.Filed(fm.live, c.cat())
		lw, vw := 0, 0
		for _, row := range rows {
			lw, vw = max(lw, textWidth(render.IdentLabel(c.cat(), f, row.ID))), max(vw, textWidth(row.Text))
		}
		lines = append(lines, "")
		for _, row := range rows {
			lines = append(lines, truncate("  "+padRight(render.IdentLabel(c.cat(), f, row.ID), lw)+"  "+padLeft(row.Text, vw), w))
		}
	}
	return lines
}

// dateError words a bad date in the form.
type dateError struct{ text string }

func (e *dateError) Error() string { return "bad date " + e.text }
func (e *dateError) Message(c *i18n.Catalog) string {
	return c.T("err.date", "text", termsafe.String(e.text))
}

func newForm(c *common, f *catalog.Formula, prefill *history.Entry) *form {
	if prefill == nil {
		if old, ok := c.forms[f.ID]; ok {
			old.syncDate()
			return old
		}
	}
	fm := &form{c: c, f: f}
	dti := newInput()
	dti.Prompt = ""
	dti.CharLimit = 10
	dti.SetValue(c.date.String())
	fm.fields = append(fm.fields, &field{ti: dti})
	for _, in := range f.Inputs {
		fd := &field{in: in}
		if in.Kind != formula.KindBool {
			ti := newInput()
			ti.Prompt = ""
			ti.CharLimit = 64
			fd.ti = ti
		}
		fm.fields = append(fm.fields, fd)
	}
	if prefill != nil {
		if prefill.Date != "" {
			fm.fields[0].ti.SetValue(prefill.Date)
			fm.fields[0].edited = true
		}
		for _, fd := range fm.fields[1:] {
			v, ok := prefill.Inputs[fd.in.ID]
			if !ok {
				continue
			}
			if fd.isBool() {
				g, err := c.eng.ParseInput(f, fd.in, v, c.date)
				fd.on, fd.onSet = err == nil && !g.Value.IsZero(), err == nil
			} else {
				fd.ti.SetValue(v)
			}
		}
	}
	fm.groupByPart()
	fm.setFocus(1)
	fm.relabel()
	for i := range fm.fields {
		fm.validate(i)
	}
	c.forms[f.ID] = fm
	return fm
}

// syncDate makes an untouched date field follow the global date.
func (fm *form) syncDate() {
	if d := fm.fields[0]; !d.edited {
		d.ti.SetValue(fm.c.date.String())
		fm.validate(0)
	}
}

func (fm *form) title() string {
	return fm.c.both(" · ", func(x *i18n.Catalog) string { return x.T(i18n.FormulaKey(fm.f.ID)) })
}

func (fm *form) capturesText() bool { return true }

func (fm *form) help() helpKeys {
	k := fm.c.keys
	if fm.picker != nil {
		return helpKeys{short: []key.Binding{k.Confirm, k.Back}, full: [][]key.Binding{{k.Up, k.Down, k.Confirm, k.Back}}}
	}
	// enter moves on and computes on the last field; ctrl+s computes from
	// anywhere (bubbletea v1 cannot tell ctrl+enter from enter; alt+enter
	// works too where the terminal sends it).
	enter := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", fm.c.t("help.next")))
	short := []key.Binding{enter, k.Compute, k.Prev}
	if fm.focus == len(fm.fields)-1 {
		enter.SetHelp("enter", fm.c.t("help.compute"))
		short = []key.Binding{enter, k.Prev}
	}
	if fd := fm.fields[fm.focus]; fd.isBool() || (fd.in != nil && len(fd.in.Choices) > 0) {
		short = append(short, k.Pick)
	}
	short = append(short, k.Back)
	return helpKeys{short: short, full: [][]key.Binding{{enter, k.Compute, k.Next, k.Prev}, {k.Pick, k.Back}}}
}

// formDate is the date typed in the form, or the global one if it is bad.
func (fm *form) formDate() (date.Date, bool) {
	d, err := date.Parse(strings.TrimSpace(fm.fields[0].ti.Value()))
	if err != nil {
		return fm.c.date, false
	}
	return d, true
}

// relabel refreshes placeholders (defaults at the date, in the language).
func (fm *form) relabel() {
	fm.syncDate()
	d, _ := fm.formDate()
	fm.preview = fm.c.eng.Preview(fm.f, fm.raw(), d)
	c := fm.c.cat()
	for _, fd := range fm.fields[1:] {
		if fd.isBool() {
			continue
		}
		fd.ti.Placeholder = fm.defaultText(c, fd.in, d)
	}
	fm.fields[0].ti.Placeholder = "YYYY-MM-DD"
	fm.refreshLive()
}

// defaultText is what an empty field means: required, or its default as a
// value where it is one (基本税率 13%) or as a formula where it is one.
func (fm *form) defaultText(c *i18n.Catalog, in *catalog.Input, d date.Date) string {
	if in.Required() {
		return c.T("ui.required")
	}
	if in.FromPart {
		return c.T("tui.from_part")
	}
	if id, ok := in.Default.(*formula.Ident); ok && id.Sym.Sym == formula.SymParam {
		p := fm.c.eng.Cat.Params[id.Name]
		if v, ok := p.At(d); ok {
			return c.T(i18n.ParamKey(p.ID)) + " " + engine.Value(c, p.Kind, v.Value, v.Unit)
		}
		return c.T(i18n.ParamKey(p.ID)) + " —"
	}
	if lit, ok := in.Default.(*formula.NumberLit); ok {
		return engine.Value(c, in.Kind, lit.Value, 0)
	}
	if in.Slot < len(fm.preview) {
		iv := fm.preview[in.Slot]
		return engine.Value(c, in.Kind, iv.Value, iv.Unit)
	}
	return engine.Symbolic(c, fm.f, in.Default)
}

func (fm *form) setSize(w, h int) {
	fm.w, fm.h = w, h
	lw := fm.labelWidth()
	for _, fd := range fm.fields {
		fd.ti.Width = max(min(fm.formWidth()-lw-8, 28), 6)
	}
	fm.refreshLive()
}

func (fm *form) labelWidth() int {
	lw := textWidth(fm.c.both(" · ", func(x *i18n.Catalog) string { return x.T("ui.date") }))
	for _, fd := range fm.fields[1:] {
		lw = max(lw, textWidth(fm.label(fd)))
	}
	return min(lw, max(fm.formWidth()/3, 8))
}

func (fm *form) label(fd *field) string {
	if fd.in == nil {
		return fm.c.both(" · ", func(x *i18n.Catalog) string { return x.T("ui.date") })
	}
	return fm.c.both(" · ", func(x *i18n.Catalog) string { return x.Label(fm.f.ID, fd.in.ID) })
}

func (fm *form) setFocus(i int) tea.Cmd {
	i = max(min(i, len(fm.fields)-1), 0)
	fm.fields[fm.focus].ti.Blur()
	fm.focus = i
	if fm.fields[i].isBool() {
		return nil
	}
	fm.fields[i].ti.CursorEnd()
	return fm.fields[i].ti.Focus()
}

// validate checks field i as typed; an empty field means its default.
func (fm *form) validate(i int) {
	fd := fm.fields[i]
	fd.err, fd.given = nil, nil
	if fd.in == nil {
		if v := strings.TrimSpace(fd.ti.Value()); v != "" {
			if _, err := date.Parse(v); err != nil {
				fd.err = &dateError{text: v}
			}
		}
		return
	}
	if fd.isBool() {
		return
	}
	v := strings.TrimSpace(fd.ti.Value())
	if v == "" {
		return
	}
	d, _ := fm.formDate()
	g, err := fm.c.eng.ParseInput(fm.f, fd.in, v, d)
	if fd.err = err; err == nil {
		fd.given = &g
	}
}

// raw is the inputs as typed, the form the engine and history take.
func (fm *form) raw() map[string]string {
	raw := map[string]string{}
	for _, fd := range fm.fields[1:] {
		switch {
		case fd.isBool():
			if fd.onSet {
				raw[fd.in.ID] = map[bool]string{true: "true", false: "false"}[fd.on]
			}
		case strings.TrimSpace(fd.ti.Value()) != "":
			raw[fd.in.ID] = fd.ti.Value()
		}
	}
	return raw
}

// compute runs the formula; errors go back to their fields.
func (fm *form) compute() tea.Cmd {
	fm.formErr = nil
	for i := range fm.fields {
		fm.validate(i)
	}
	if fm.fields[0].err != nil {
		return fm.setFocus(0)
	}
	d, _ := fm.formDate()
	raw := fm.raw()
	res, err := fm.c.eng.Calc(fm.f.ID, raw, d)
	if err != nil {
		first := -1
		for _, e := range flatten(err) {
			var ie *engine.InputError
			if errors.As(e, &ie) {
				for i, fd := range fm.fields {
					if fd.in == ie.Input {
						fd.err = e
						if first < 0 || i < first {
							first = i
						}
					}
				}
				continue
			}
			fm.formErr = errors.Join(fm.formErr, e)
		}
		if first >= 0 {
			return fm.setFocus(first)
		}
		return nil
	}
	fm.c.record(res, raw)
	return push(newResult(fm.c, res, raw))
}

// flatten undoes errors.Join.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// record saves a computation to the history; a failure is shown, not fatal.
func (c *common) record(res *engine.Result, raw map[string]string) {
	ans := res.Answer()
	err := c.hist.Append(history.Entry{
		Time: time.Now(), Formula: res.Formula.ID, Date: res.Date.String(), Inputs: raw,
		ResultID: ans.Step.ID, Result: engine.JSONValue(ans.Step.Kind, ans.Value),
	})
	if err != nil {
		c.status, c.statusW = c.t("tui.history_failed", "detail", termsafe.String(err.Error())), true
	}
}

func (fm *form) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		if fm.picker == nil && !fm.fields[fm.focus].isBool() {
			var cmd tea.Cmd
			fm.fields[fm.focus].ti, cmd = fm.fields[fm.focus].ti.Update(msg)
			return fm, cmd
		}
		return fm, nil
	}
	k := fm.c.keys
	if fm.picker != nil {
		return fm, fm.updatePicker(km)
	}
	fd := fm.fields[fm.focus]
	switch {
	case key.Matches(km, k.Back):
		return fm, pop()
	case key.Matches(km, k.Compute):
		return fm, fm.compute()
	case key.Matches(km, k.Enter):
		if fm.focus == len(fm.fields)-1 {
			return fm, fm.compute()
		}
		return fm, fm.setFocus(fm.focus + 1)
	case key.Matches(km, k.Next):
		return fm, fm.setFocus((fm.focus + 1) % len(fm.fields))
	case key.Matches(km, k.Prev):
		return fm, fm.setFocus((fm.focus + len(fm.fields) - 1) % len(fm.fields))
	case fd.isBool():
		switch km.String() {
		case " ", "left", "right", "x":
			fd.on, fd.onSet = !fm.boolState(fd), true
		case "y", "1":
			fd.on, fd.onSet = true, true
		case "n", "0":
			fd.on, fd.onSet = false, true
		case "backspace", "delete":
			fd.onSet = false
		}
		fm.relabel()
		return fm, nil
	case key.Matches(km, k.Pick) && fd.in != nil && len(fd.in.Choices) > 0:
		fm.openPicker()
		return fm, nil
	}
	var cmd tea.Cmd
	before := fd.ti.Value()
	if !fd.touched && before != "" {
		switch km.Type {
		case tea.KeyRunes: // typing or a paste replaces the value put there
			if !km.Alt {
				fd.ti.SetValue("")
			}
		case tea.KeyBackspace, tea.KeyDelete:
			if !km.Alt {
				fd.ti.SetValue("")
				msg = nil
			}
		}
	}
	fd.touched = true
	if msg != nil {
		fd.ti, cmd = fd.ti.Update(msg)
	}
	if fd.ti.Value() != before {
		fd.edited = true
		fd.carried = carriedFrom{}
		fm.validate(fm.focus)
		// Defaults may follow this value (and the date changes what every
		// rate and default means).
		fm.relabel()
		if fm.focus == 0 {
			for i := 1; i < len(fm.fields); i++ {
				fm.validate(i)
			}
		}
		fm.formErr = nil
	}
	return fm, cmd
}

// boolDefault is a yes/no input's default as the engine computes it now
// (it may follow other inputs: chose(rate, …)).
func (fm *form) boolDefault(fd *field) bool {
	if fd.in.Slot < len(fm.preview) {
		return !fm.preview[fd.in.Slot].Value.IsZero()
	}
	if lit, ok := fd.in.Default.(*formula.BoolLit); ok {
		return lit.Value
	}
	return false
}

// boolState is what a toggle shows: the user's choice or the default.
func (fm *form) boolState(fd *field) bool {
	if fd.onSet {
		return fd.on
	}
	return fm.boolDefault(fd)
}

func (fm *form) view() string {
	if fm.picker != nil {
		return fm.pickerView()
	}
	lw := fm.liveWidth()
	if lw == 0 {
		return fm.formView()
	}
	// The fields are laid out in the form's column; the live result
	// beside them.
	full := fm.w
	fm.w = fm.formWidth()
	left := strings.Split(fm.formView(), "\n")
	fm.w = full
	right := fm.liveView(lw)
	n := max(len(left), len(right))
	out := make([]string, n)
	for i := range n {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = padRight(truncate(l, full-lw-3), full-lw-3) + fm.c.st.Dim.Render(" │ ") + r
	}
	return strings.Join(out, "\n")
}

func (fm *form) formView() string {
	c := fm.c
	cat := c.cat()
	var head []string
	for _, l := range c.set.Mode.Langs() {
		head = append(head, c.st.Dim.Render(truncate(c.set.Cats[l].T(i18n.SummaryKey(fm.f.ID)), fm.w)))
	}
	d, _ := fm.formDate()
	if !fm.f.ValidOn(d) {
		head = append(head, wrapIndent(c.st.Warn.Render(c.t("tui.not_valid_on", "date", d.String())), fm.w)...)
	}
	lw := fm.labelWidth()
	blocks := make([]string, len(fm.fields))
	heights := make([]int, len(fm.fields))
	for i, fd := range fm.fields {
		focused := i == fm.focus
		label := padRight(truncate(fm.label(fd), lw), lw)
		var box, beside string
		plain := false // the echo only groups the digits typed
		if fd.isBool() {
			mark := "[ ] " + cat.T("ui.no")
			if fm.boolState(fd) {
				mark = "[x] " + cat.T("ui.yes")
			}
			if !fd.onSet {
				mark += c.st.Dim.Render("  " + cat.T("ui.default"))
			}
			box = mark
		} else {
			open, close := "[", "]"
			if focused {
				open, close = c.st.FieldFocus.Render("["), c.st.FieldFocus.Render("]")
			}
			content := fd.ti.View()
			if fd.in != nil {
				if p, _ := engine.Choice(fd.in, fd.ti.Value(), d); p != nil {
					v := "—"
					if pv, ok := p.At(d); ok {
						v = engine.Value(cat, p.Kind, pv.Value, pv.Unit)
					}
					name := cat.T(i18n.ParamKey(p.ID))
					if !focused || !fd.touched {
						// A choice reads by its name; the id is what
						// the CLI takes, shown in the hint.
						content = truncate(name, fd.ti.Width)
						beside = v
						if focused {
							beside += "  " + p.ID
						}
					} else {
						beside = name + " " + v
					}
				} else if e := fm.echo(fd); e != "" {
					beside, plain = e, fm.plainEcho(fd)
				}
			}
			box = open + padRight(content, fd.ti.Width+1) + close
		}
		line := cursorMark(focused) + label + "  " + box
		if focused {
			line = c.st.Selected.Render(cursorMark(focused)+label) + "  " + box
		}
		var under []string
		if beside != "" {
			if textWidth(line)+1+textWidth(beside) <= fm.w {
				line += " " + c.st.Dim.Render(beside)
			} else if !plain {
				// No room beside: under the field, whole (a cut echo
				// would be a wrong number).
				under = wrapIndent(strings.Repeat(" ", 4)+c.st.Dim.Render(beside), fm.w)
			}
		}
		lines := append([]string{line}, under...)
		if fd.group > 0 {
			pf := fm.f.Parts[fd.group-1].Alts[0].Formula
			head := c.both(" · ", func(x *i18n.Catalog) string {
				return x.T("tui.part_head", "n", strconv.Itoa(fd.group), "formula", x.T(i18n.FormulaKey(pf.ID)))
			})
			lines = append([]string{c.st.Dim.Render(truncate("── "+head, fm.w))}, lines...)
		}
		ind := strings.Repeat(" ", 4)
		if fd.carried.formula != "" {
			lines = append(lines, wrapIndent(ind+c.st.Dim.Render("↳ "+fd.carried.text(cat)), fm.w)...)
		}
		if fd.err != nil {
			for _, m := range engine.Messages(fd.err, cat) {
				lines = append(lines, wrapIndent(ind+c.st.Error.Render("✗ "+m), fm.w)...)
			}
		} else if focused {
			lines = append(lines, wrapIndent(ind+c.st.Dim.Render(fm.hint(fd, d)), fm.w)...)
		}
		blocks[i] = strings.Join(lines, "\n")
		heights[i] = len(lines)
	}
	var tail []string
	if fm.formErr != nil {
		for _, m := range engine.Messages(fm.formErr, cat) {
			tail = append(tail, wrapIndent(c.st.Error.Render("✗ "+m), fm.w)...)
		}
	}
	avail := max(fm.h-len(head)-len(tail)-1, 1)
	fm.offset = scroll(heights, fm.focus, fm.offset, avail)
	out := strings.Join(head, "\n") + "\n\n" + window(blocks, fm.offset, avail)
	if len(tail) > 0 {
		out += "\n" + strings.Join(tail, "\n")
	}
	return out
}

// echo is the value as read, where it reads differently from what was
// typed: 11.3万 → 113,000.00, 20000*5 → 100,000.00, 0.13 → 13%.
func (fm *form) echo(fd *field) string {
	if fd.given == nil || fd.isBool() {
		return ""
	}
	v := engine.Value(fm.c.cat(), fd.in.Kind, fd.given.Value, fd.given.Unit)
	if v == strings.TrimSpace(fd.ti.Value()) {
		return ""
	}
	return fm.c.t("tui.form_echo", "value", v)
}

// plainEcho: the echo only groups digits typed plainly (6690 → 6,690.00);
// on a narrow screen it is not worth a line.
func (fm *form) plainEcho(fd *field) bool {
	t := fd.ti.Value()
	n, err := numparse.Parse(t)
	return err == nil && n.Unit == numparse.Plain && !numparse.IsExpr(t)
}

// hint explains the focused field: its id (what the CLI calls it), its
// kind, its default, and how to pick a rate.
func (fm *form) hint(fd *field, d date.Date) string {
	c := fm.c.cat()
	if fd.in == nil {
		return c.T("tui.date_hint", "today", fm.c.today.String())
	}
	parts := []string{fd.in.ID, c.T("kind." + catalog.KindName(fd.in.Kind))}
	if fd.in.Required() {
		parts = append(parts, c.T("ui.required"))
	} else if !fd.isBool() {
		def := c.T("ui.default") + " " + fm.defaultText(c, fd.in, d)
		switch fd.in.Default.(type) {
		case nil, *formula.NumberLit, *formula.Ident:
		default: // computed: show how
			def += " = " + engine.Symbolic(c, fm.f, fd.in.Default)
		}
		parts = append(parts, def)
	}
	if len(fd.in.Choices) > 0 {
		parts = append(parts, c.T("tui.pick_hint"))
	}
	if fd.isBool() {
		parts = append(parts, c.T("tui.toggle_hint"))
	}
	return strings.Join(parts, " · ")
}

// groupByPart puts a heading over the first input each part of a scenario
// reads, so the form reads in the order of the computation.
func (fm *form) groupByPart() {
	if !fm.f.IsScenario() {
		return
	}
	done := map[*catalog.Input]bool{}
	for i, p := range fm.f.Parts {
		first := -1
		for _, a := range p.Alts {
			var reads []*formula.Ident
			if a.When != nil {
				reads = append(reads, formula.Idents(a.When)...)
			}
			for _, b := range a.Binds {
				reads = append(reads, formula.Idents(b.Expr)...)
			}
			for _, id := range reads {
				if id.Sym == nil || id.Sym.Sym != formula.SymInput || done[fm.f.Inputs[id.Sym.Slot]] {
					continue
				}
				done[fm.f.Inputs[id.Sym.Slot]] = true
				if first < 0 || id.Sym.Slot < first {
					first = id.Sym.Slot
				}
			}
		}
		if first >= 0 {
			fm.fields[1+first].group = i + 1
		}
	}
}
