package tui

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/atotto/clipboard"
	"github.com/aymanbagabas/go-osc52/v2"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/config"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/payroll"
	"github.com/cntax/cntax/internal/render"
	"github.com/cntax/cntax/internal/termsafe"
)

// pager is a scrolling text screen: the result and the formula sheet.
type pager struct {
	c    *common
	vp   viewport.Model
	w, h int
}

func newPager(c *common) pager {
	vp := viewport.New(80, 20)
	vp.KeyMap.Up = c.keys.Up
	vp.KeyMap.Down = c.keys.Down
	vp.KeyMap.PageUp = c.keys.PageUp
	vp.KeyMap.PageDown = c.keys.PageDown
	vp.KeyMap.HalfPageUp = key.NewBinding(key.WithDisabled())
	vp.KeyMap.HalfPageDown = key.NewBinding(key.WithDisabled())
	vp.KeyMap.Left = key.NewBinding(key.WithDisabled())
	vp.KeyMap.Right = key.NewBinding(key.WithDisabled())
	return pager{c: c, vp: vp}
}

// set replaces the text, wrapped to the width, keeping the scroll position
// where it can.
func (p *pager) set(text string, extra int) {
	p.vp.Width = max(p.w, 1)
	p.vp.Height = max(p.h-1-extra, 1)
	y := p.vp.YOffset
	p.vp.SetContent(wrapText(text, p.w))
	p.vp.SetYOffset(y)
}

// more is the line under the text: how far down the reader is.
func (p *pager) more() string {
	if p.vp.TotalLineCount() <= p.vp.Height {
		return ""
	}
	return p.c.st.Dim.Render(p.c.t("tui.scroll", "pct", fmt.Sprintf("%.0f", p.vp.ScrollPercent()*100)))
}

// result shows a computed result: every step as formula, substitution and
// value, the params used and the sources. It recomputes when the date or
// language changes.
type result struct {
	pager
	res *engine.Result
	raw map[string]string
	err error
	// global is the session's date when the result was made: a result
	// computed for a date typed in its form keeps that date until the
	// session's date changes (d or t).
	global date.Date
	// menu: y or e asked what to copy or in which format to export.
	menu *resultMenu
	// notice is what copy or export did, in full (a path or the reason a
	// clipboard failed does not fit the status line); the next key clears
	// it.
	notice  string
	noticeW bool
}

func newResult(c *common, res *engine.Result, raw map[string]string) *result {
	r := &result{pager: newPager(c), res: res, raw: raw, global: c.date}
	r.rebuild()
	return r
}

func (r *result) title() string { return r.c.t("ui.result") }

func (r *result) capturesText() bool { return false }

func (r *result) help() helpKeys {
	k := r.c.keys
	if r.menu != nil {
		return helpKeys{short: []key.Binding{k.Confirm, k.Back}, full: [][]key.Binding{{k.Up, k.Down, k.Confirm, k.Back}}}
	}
	if r.res.Formula.ID == payroll.FormulaMonth {
		return helpKeys{
			short: []key.Binding{k.Year, k.Date, k.Sheet, k.Export, k.Back},
			full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Year, k.Date, k.Sheet, k.Export, k.Copy}, {k.Practice, k.History, k.Back}},
		}
	}
	return helpKeys{
		short: []key.Binding{r.continueKey(), k.Date, k.Sheet, k.Export, k.Copy, k.Practice, k.Back},
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Date, k.Sheet, k.Export, k.Copy}, {r.continueKey(), k.Practice, k.History, r.c.compareKey(), k.Back}},
	}
}

// continueKey is shown only where the result feeds another formula.
func (r *result) continueKey() key.Binding {
	b := r.c.keys.Continue
	b.SetEnabled(len(r.c.eng.Continuations(r.res.Formula)) > 0)
	return b
}

func (r *result) setSize(w, h int) {
	r.w, r.h = w, h
	r.rebuild()
}

// relabel follows the language and, if the date changed, recomputes with
// the same inputs.
func (r *result) relabel() {
	r.err = nil
	if r.global != r.c.date {
		r.global = r.c.date
		res, err := r.c.eng.Calc(r.res.Formula.ID, r.raw, r.c.date)
		r.err = err
		if err == nil {
			r.res = res
			r.c.record(res, r.raw)
		}
	}
	r.rebuild()
}

func (r *result) errLines() []string {
	if r.err == nil {
		return nil
	}
	var out []string
	head := r.c.t("tui.recompute_failed", "date", r.c.date.String(), "old", r.res.Date.String())
	out = append(out, wrapIndent(r.c.st.Error.Render("✗ "+head), r.w)...)
	for _, m := range engine.Messages(r.err, r.c.cat()) {
		out = append(out, wrapIndent(r.c.st.Error.Render("  "+m), r.w)...)
	}
	return out
}

// rebuild renders the result; the answer is pinned above the scrolling
// steps so that it is in view at any size.
func (r *result) rebuild() {
	body := render.TextBodyFiled(r.res, r.c.set, r.c.st.Text, r.w, !r.pinFiled())
	r.set(body, len(r.errLines())+r.pinnedHeight())
}

// pinFiled: the figures to file are pinned under the answer (and so not
// repeated in the scrolling body) where the screen has room, or where a
// plain formula has only a few.
func (r *result) pinFiled() bool {
	f := r.res.Formula
	if len(f.Filed) == 0 {
		return false
	}
	n := len(f.Filed)
	return r.h-n >= 16 || !f.IsScenario() && n <= 4
}

func (r *result) pinned() []string {
	lines := wrapIndent(render.AnswerLine(r.res, r.c.set, r.c.st.Text), r.w)
	// The figures to file stay in view too where the screen has room for
	// them and some steps.
	if r.pinFiled() {
		for _, l := range render.FiledLines(r.res, r.c.set, r.c.st.Text, false) {
			lines = append(lines, truncate(l, r.w))
		}
	}
	for _, n := range payroll.Notes(r.res) { // kept in view: the trap is the point of the result
		lines = append(lines, wrapIndent(r.c.st.Warn.Render("⚠ "+n.Message(r.c.cat())), r.w)...)
	}
	if r.res.Date != r.c.today {
		lines = append(lines, r.c.st.Warn.Render(truncate(r.c.t("tui.result_date", "date", r.res.Date.String()), r.w)))
	}
	return append(lines, "")
}

func (r *result) pinnedHeight() int {
	return len(r.pinned()) + len(r.menuView())
}

func (r *result) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return r, nil
	}
	k := r.c.keys
	if r.notice != "" {
		r.notice = ""
		r.rebuild()
	}
	switch {
	case r.menu != nil:
		r.updateMenu(km)
		r.rebuild()
		return r, nil

	case key.Matches(km, k.Back):
		return r, pop()
	case key.Matches(km, k.Sheet):
		return r, push(newSheet(r.c, r.res.Formula))
	case key.Matches(km, k.Export):
		r.menu = r.exportMenu()
		r.rebuild()
		return r, nil
	case key.Matches(km, k.Copy):
		r.menu = r.copyMenu()
		r.rebuild()
		return r, nil
	case key.Matches(km, k.Practice):
		if s := newPracticeFor(r.c, r.res.Formula); s != nil {
			return r, push(s)
		}
	case key.Matches(km, k.History):
		return r, push(newHistory(r.c))
	case key.Matches(km, keyCompare) && r.res.Formula.ID != payroll.FormulaMonth:
		return r, push(newCompare(r.c, r.res, r.raw))
	case key.Matches(km, k.Continue) && len(r.c.eng.Continuations(r.res.Formula)) > 0:
		return r, push(newContinueMenu(r.c, r.res))
	case key.Matches(km, k.Year) && r.res.Formula.ID == payroll.FormulaMonth:
		return r, push(newPayrollYear(r.c))
	}
	var cmd tea.Cmd
	r.vp, cmd = r.vp.Update(msg)
	return r, cmd
}

// export writes the result as Markdown next to the user (the current
// directory), or in the state directory when that is not writable. The
// name is always a new one (…-2.md, …-3.md, …): an earlier export is never
// written over, even by another program exporting at the same moment.
func (r *result) export(ext string, body []byte) {
	name := fmt.Sprintf("cntax-%s-%s", r.res.Formula.ID, r.res.Date)
	var tried []string
	for _, dir := range []string{r.c.exportDir, filepath.Join(config.StateDir(r.c.getenv), "exports")} {
		if dir == "" {
			continue
		}
		path, err := writeFree(dir, name, ext, body)
		if err != nil {
			tried = append(tried, err.Error())
			continue
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		r.notice, r.noticeW = r.c.t("tui.exported", "path", termsafe.String(path)), false
		return
	}
	r.notice, r.noticeW = r.c.t("tui.export_failed", "detail", termsafe.String(strings.Join(tried, "; "))), true
}

// maxExports bounds the names tried for one result on one day.
const maxExports = 10000

// writeFree writes body to dir/name.ext, or the first free dir/name-N.ext,
// and returns the path; past maxExports names it refuses.
func writeFree(dir, name, ext string, body []byte) (string, error) {
	for i := 1; i <= maxExports; i++ {
		path := filepath.Join(dir, name+ext)
		if i > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d%s", name, i, ext))
		}
		if _, err := os.Lstat(path); err == nil {
			continue // taken: no need to write a temporary file to learn it
		}
		err := config.WriteNew(path, body)
		if !errors.Is(err, fs.ErrExist) { // taken meanwhile: try the next
			return path, err
		}
	}
	return "", fmt.Errorf("%s: %d exports of %s exist already", dir, maxExports, name)
}

// systemClipboard writes the system clipboard (pbcopy, xclip, xsel,
// wl-copy, the Windows API); tests replace it.
var systemClipboard = clipboard.WriteAll

// clipWait bounds a clipboard tool that hangs (xclip without a display
// that answers): the key must not freeze the program.
const clipWait = 2 * time.Second

// copy puts text on the system clipboard, or else sends the terminal a
// plain OSC 52 sequence, and says which: an OSC 52 sequence is not
// answered, so whether it reached a clipboard is the terminal's business
// (tmux takes it only with set-clipboard on; its passthrough wrapping is
// dropped by default since tmux 3.3, so it is not used).
func (c *common) copy(text, what string) (msg string, warn bool) {
	done := make(chan error, 1)
	go func() { done <- systemClipboard(text) }()
	var err error
	select {
	case err = <-done:
	case <-time.After(clipWait):
		err = errors.New("timed out")
	}
	what = termsafe.String(what)
	if err == nil {
		return c.t("tui.copied_system", "what", what), false
	}
	detail := termsafe.String(err.Error())
	if c.clip == nil {
		return c.t("tui.copy_failed", "detail", detail), true
	}
	if _, werr := osc52.New(text).WriteTo(c.clip); werr != nil {
		return c.t("tui.copy_failed", "detail", detail+"; "+termsafe.String(werr.Error())), true
	}
	key := "tui.copied_osc52"
	if c.getenv("TMUX") != "" {
		key = "tui.copied_osc52_tmux"
	}
	return c.t(key, "what", what, "detail", detail), true
}

// resultMenu is the question y and e ask: a few numbered choices.
type resultMenu struct {
	title  string
	items  []menuItem
	cursor int
}

type menuItem struct {
	label string
	do    func()
}

func (r *result) copyMenu() *resultMenu {
	c := r.c
	ans := r.res.Answer()
	v := engine.JSONValue(ans.Step.Kind, ans.Value)
	m := &resultMenu{title: c.t("tui.copy_title")}
	m.items = append(m.items, menuItem{c.t("tui.copy_answer", "value", v), func() { r.notice, r.noticeW = c.copy(v, v) }})
	if len(r.res.Formula.Filed) > 0 {
		m.items = append(m.items, menuItem{c.t("tui.copy_filed"), func() { r.notice, r.noticeW = c.copy(r.filedText(), c.t("tui.copy_filed")) }})
	}
	m.items = append(m.items, menuItem{c.t("tui.copy_all"), func() {
		r.notice, r.noticeW = c.copy(render.Text(r.res, c.set, render.Plain), c.t("tui.copy_all"))
	}})
	return m
}

// filedText is the figures to file, one a line, label and plain value
// separated by a tab, so that they paste into a spreadsheet's columns.
func (r *result) filedText() string {
	var b strings.Builder
	for _, row := range render.Filed(r.res, r.c.cat()) {
		b.WriteString(render.IdentLabel(r.c.cat(), r.res.Formula, row.ID) + "\t" + row.Value + "\n")
	}
	return b.String()
}

func (r *result) exportMenu() *resultMenu {
	c := r.c
	m := &resultMenu{title: c.t("tui.export_title")}
	m.items = []menuItem{
		{c.t("tui.export_md"), func() { r.export(".md", []byte(render.Markdown(r.res, c.set))) }},
		{c.t("tui.export_csv"), func() { r.export(".csv", r.csv()) }},
		{c.t("tui.export_json"), func() { r.export(".json", render.JSON(r.res, c.set)) }},
	}
	return m
}

func (r *result) updateMenu(km tea.KeyMsg) {
	m := r.menu
	k := r.c.keys
	switch {
	case key.Matches(km, k.Back):
		r.menu = nil
	case key.Matches(km, k.Up) || km.String() == "shift+tab":
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(km, k.Down) || km.String() == "tab":
		m.cursor = min(m.cursor+1, len(m.items)-1)
	case key.Matches(km, k.Enter):
		r.menu = nil
		m.items[m.cursor].do()
	default:
		if s := km.String(); len(s) == 1 && s[0] >= '1' && int(s[0]-'1') < len(m.items) {
			r.menu = nil
			m.items[s[0]-'1'].do()
		}
	}
}

// menuView is the open question or the last notice, above the answer.
func (r *result) menuView() []string {
	m := r.menu
	st := r.c.st
	if m == nil {
		if r.notice == "" {
			return nil
		}
		style := st.Dim
		if r.noticeW {
			style = st.Warn
		}
		return append(wrapIndent(style.Render(r.notice), r.w), "")
	}
	lines := []string{st.Title.Render(truncate(m.title, r.w))}
	for i, it := range m.items {
		line := cursorMark(i == m.cursor) + fmt.Sprintf("%d  ", i+1) + it.label
		if i == m.cursor {
			line = st.Selected.Render(truncate(line, r.w))
		}
		lines = append(lines, truncate(line, r.w))
	}
	return append(lines, st.Dim.Render(truncate(r.c.t("tui.menu_hint"), r.w)), "")
}

// csv is the result as a table: the inputs, the figures to file, every
// step (a scenario's parts' steps named part.step) and the answer. Text
// cells get the spreadsheet formula guard; values are numbers we computed.
func (r *result) csv() []byte {
	c := r.c.cat()
	j := render.JSONOf(r.res, r.c.set)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	g := payroll.CellGuard
	_ = w.Write([]string{"section", "id", "label", "expression", "substituted", "value"})
	_ = w.Write([]string{"formula", g(j.Formula), g(c.T(i18n.FormulaKey(r.res.Formula.ID))), "", "", j.Date})
	for _, kv := range j.Inputs {
		_ = w.Write([]string{"input", g(kv[0]), g(c.Label(r.res.Formula.ID, kv[0])), "", "", g(kv[1])})
	}
	for _, f := range j.Filed {
		_ = w.Write([]string{"filed", g(f.ID), g(f.Label), "", "", f.Value})
	}
	steps := func(prefix string, ss []render.StepJSON) {
		for _, s := range ss {
			_ = w.Write([]string{"step", g(prefix + s.ID), g(s.Label), g(s.Expr), g(s.Substituted), s.Value})
		}
	}
	for _, p := range j.Parts {
		steps(p.ID+".", p.Steps)
	}
	steps("", j.Steps)
	_ = w.Write([]string{"result", g(j.Result.ID), g(c.Label(r.res.Formula.ID, j.Result.ID)), "", "", j.Result.Value})
	w.Flush()
	return buf.Bytes()
}

func (r *result) view() string {
	pinned := append(r.menuView(), r.pinned()...)
	out := strings.Join(pinned, "\n") + "\n" + r.vp.View()
	if e := r.errLines(); len(e) > 0 {
		out = strings.Join(e, "\n") + "\n" + out
	}
	return out + "\n" + r.more()
}

// sheet is the formula sheet: every step symbolically, the params in force
// on the date with their sources and history, the rate tables, examples.
type sheet struct {
	pager
	f *catalog.Formula
}

func newSheet(c *common, f *catalog.Formula) *sheet {
	s := &sheet{pager: newPager(c), f: f}
	s.rebuild()
	return s
}

func (s *sheet) title() string { return s.c.t("tui.sheet_title") }

func (s *sheet) capturesText() bool { return false }

func (s *sheet) help() helpKeys {
	k := s.c.keys
	return helpKeys{
		short: []key.Binding{k.Enter, k.Date, k.Back},
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Enter, k.Date, k.Back}},
	}
}

func (s *sheet) setSize(w, h int) { s.w, s.h = w, h; s.rebuild() }
func (s *sheet) relabel()         { s.rebuild() }

func (s *sheet) rebuild() {
	s.set(render.SheetText(render.Sheet{Formula: s.c.eng.WithExamples(s.f), Date: s.c.date}, s.c.set, s.c.st.Text), 0)
}

func (s *sheet) update(msg tea.Msg) (screen, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(km, s.c.keys.Back):
			return s, pop()
		case key.Matches(km, s.c.keys.Enter):
			return s, push(newForm(s.c, s.f, nil))
		}
	}
	var cmd tea.Cmd
	s.vp, cmd = s.vp.Update(msg)
	return s, cmd
}

func (s *sheet) view() string { return s.vp.View() + "\n" + s.more() }
