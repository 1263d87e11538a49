package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/aymanbagabas/go-osc52/v2"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/config"
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
}

func newResult(c *common, res *engine.Result, raw map[string]string) *result {
	r := &result{pager: newPager(c), res: res, raw: raw}
	r.rebuild()
	return r
}

func (r *result) title() string { return r.c.t("ui.result") }

func (r *result) capturesText() bool { return false }

func (r *result) help() helpKeys {
	k := r.c.keys
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
	if r.res.Date != r.c.date {
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
	r.set(render.TextBodyWidth(r.res, r.c.set, r.c.st.Text, r.w), len(r.errLines())+r.pinnedHeight())
}

func (r *result) pinned() []string {
	lines := wrapIndent(render.AnswerLine(r.res, r.c.set, r.c.st.Text), r.w)
	// A scenario's figures to file stay in view too where the screen has
	// room for them and some steps.
	if f := r.res.Formula; f.IsScenario() {
		rows := render.Filed(r.res, r.c.cat())
		if r.h-len(rows) >= 16 {
			var labels []string
			lw, vw := 0, 0
			for _, row := range rows[:len(rows)-1] {
				l := r.c.both(" · ", func(x *i18n.Catalog) string { return render.IdentLabel(x, f, row.ID) })
				labels = append(labels, l)
				lw, vw = max(lw, textWidth(l)), max(vw, textWidth(row.Text))
			}
			for i, row := range rows[:len(rows)-1] {
				lines = append(lines, truncate("  "+padRight(labels[i], lw)+"  "+padLeft(row.Text, vw)+"  "+r.c.st.Dim.Render(row.Formula), r.w))
			}
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

func (r *result) pinnedHeight() int { return len(r.pinned()) }

func (r *result) update(msg tea.Msg) (screen, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return r, nil
	}
	k := r.c.keys
	switch {
	case key.Matches(km, k.Back):
		return r, pop()
	case key.Matches(km, k.Sheet):
		return r, push(newSheet(r.c, r.res.Formula))
	case key.Matches(km, k.Export):
		r.export()
		return r, nil
	case key.Matches(km, k.Copy):
		ans := r.res.Answer()
		v := engine.JSONValue(ans.Step.Kind, ans.Value)
		r.c.copy(v)
		r.c.status = r.c.t("tui.copied", "value", v)
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
func (r *result) export() {
	name := fmt.Sprintf("cntax-%s-%s", r.res.Formula.ID, r.res.Date)
	body := []byte(render.Markdown(r.res, r.c.set))
	var tried []string
	for _, dir := range []string{r.c.exportDir, filepath.Join(config.StateDir(r.c.getenv), "exports")} {
		if dir == "" {
			continue
		}
		path, err := writeFree(dir, name, ".md", body)
		if err != nil {
			tried = append(tried, err.Error())
			continue
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		r.c.status = r.c.t("tui.exported", "path", termsafe.String(path))
		return
	}
	r.c.status, r.c.statusW = r.c.t("tui.export_failed", "detail", termsafe.String(strings.Join(tried, "; "))), true
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

// copy puts text on the clipboard with OSC 52, which works over SSH and in
// tmux (wrapped for tmux's passthrough).
func (c *common) copy(text string) {
	if c.clip == nil {
		return
	}
	seq := osc52.New(text)
	if c.getenv("TMUX") != "" {
		seq = seq.Tmux()
	}
	_, _ = seq.WriteTo(c.clip)
}

func (r *result) view() string {
	out := strings.Join(r.pinned(), "\n") + "\n" + r.vp.View()
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
	s.set(render.SheetText(render.Sheet{Formula: s.f, Date: s.c.date}, s.c.set, s.c.st.Text), 0)
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
