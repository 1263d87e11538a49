package tui

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/history"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/practice"
)

var (
	altD   = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'d'}, Alt: true}
	altDel = tea.KeyMsg{Type: tea.KeyDelete, Alt: true}
	left   = tea.KeyMsg{Type: tea.KeyLeft}
)

// top is the screen in front.
func top(m *Model) screen { return m.stack[len(m.stack)-1] }

// Case 1: alt+d and alt+delete with the cursor before the last character
// panicked in every text field (bubbles#1056); they delete the word
// after the cursor.
func TestAltDeleteWord(t *testing.T) {
	for _, del := range []tea.KeyMsg{altD, altDel} {
		for _, tt := range []struct {
			name  string
			setup func() *Model
			value func(m *Model) string
		}{
			{"form field", func() *Model {
				m := newModel(t, i18n.ModeZH)
				send(m, "<enter>", "<enter>", "1", "2")
				return m
			}, func(m *Model) string { f := top(m).(*form); return f.fields[f.focus].ti.Value() }},
			{"form date", func() *Model {
				m := newModel(t, i18n.ModeZH)
				send(m, "<enter>", "<enter>", "<stab>")
				return m
			}, func(m *Model) string { return top(m).(*form).fields[0].ti.Value() }},
			{"filter", func() *Model {
				m := newModel(t, i18n.ModeZH)
				send(m, "/", "1", "2")
				return m
			}, func(m *Model) string { return top(m).(*home).filter.Value() }},
			{"date prompt", func() *Model {
				m := newModel(t, i18n.ModeZH)
				send(m, vatResult...)
				send(m, "d")
				return m
			}, func(m *Model) string { return top(m).(*datePrompt).ti.Value() }},
			{"practice answer", func() *Model {
				m := newPracticeModel(t, i18n.ModeZH)
				send(m, "1", "2")
				return m
			}, func(m *Model) string { return top(m).(*practiceRun).ti.Value() }},
		} {
			m := tt.setup()
			update(m, tea.WindowSizeMsg{Width: 80, Height: 24})
			before := tt.value(m)
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s, %s: panic: %v", tt.name, del, r)
					}
				}()
				update(m, left)
				update(m, del)
				_ = m.View()
			}()
			if got, want := tt.value(m), before[:len(before)-1]; got != want {
				t.Errorf("%s, %s: %q → %q, want %q", tt.name, del, before, got, want)
			}
		}
	}
	// In the middle of words it deletes to the end of the word, as readline.
	m := newModel(t, i18n.ModeZH)
	send(m, "/")
	send(m, typeText("ab cd")...)
	for i := 0; i < 4; i++ {
		update(m, left)
	}
	update(m, altD)
	if got := top(m).(*home).filter.Value(); got != "a cd" {
		t.Errorf("ab cd, alt+d after a: %q", got)
	}
	update(m, altD)
	if got := top(m).(*home).filter.Value(); got != "a" {
		t.Errorf("a cd, alt+d after a: %q", got)
	}
}

// Case 10: a tampered history file cannot send control sequences to the
// terminal through the history screen, the form it opens, or the status.
func TestHistoryEscapesTamperedFile(t *testing.T) {
	m := newModel(t, i18n.ModeZH)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	const osc = "\x1b]52;c;aGVsbG8=\x07"
	es := []history.Entry{
		{Time: time.Unix(1700000000, 0), Formula: "vat.general" + osc, Date: "2026" + osc, Result: "1" + osc},
		{Time: time.Unix(1700000001, 0), Formula: "vat.general", Date: "2026-11-22" + osc, ResultID: "payable" + osc, Result: osc,
			Inputs: map[string]string{"sales": "113000" + osc, "input_tax" + osc: "1"}},
	}
	os.MkdirAll(filepath.Dir(m.c.hist.Path), 0o700)
	f, err := os.Create(m.c.hist.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		b, _ := json.Marshal(e)
		f.Write(append(b, '\n'))
	}
	f.Close()
	check := func(step string) {
		t.Helper()
		v := m.View()
		if strings.ContainsAny(v, "\x1b\x07") {
			t.Errorf("%s: a control character reaches the terminal:\n%q", step, v)
		}
	}
	send(m, "h")
	check("history")
	if v := m.View(); !strings.Contains(v, `\x1b`) {
		t.Errorf("history: the escape is not shown:\n%s", v)
	}
	send(m, "<down>", "<enter>") // the oldest: an unknown formula
	check("unknown formula")
	send(m, "<up>", "<enter>")
	check("form")
	send(m, "<enter>")
	check("result")
}

// Case 7: the hundredth export of a result takes a free name; it never
// writes over the ninety-ninth.
func TestExportNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	m := newModel(t, i18n.ModeEN, func(o *Options) { o.ExportDir = dir })
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	send(m, vatResult...)
	name := "cntax-vat.general-2026-11-22"
	keep := map[string]string{filepath.Join(dir, name+".md"): "first"}
	for i := 2; i <= 99; i++ {
		keep[filepath.Join(dir, fmt.Sprintf("%s-%d.md", name, i))] = fmt.Sprint("export ", i)
	}
	for p, body := range keep {
		os.WriteFile(p, []byte(body), 0o600)
	}
	send(m, "e", "1") // e asks the format; 1 is Markdown
	for p, body := range keep {
		if b, _ := os.ReadFile(p); string(b) != body {
			t.Errorf("%s was written over", filepath.Base(p))
		}
	}
	p := filepath.Join(dir, name+"-100.md")
	if b, err := os.ReadFile(p); err != nil || !strings.Contains(string(b), "6,690.00") {
		t.Errorf("no new export: %v", err)
	}
	if !strings.Contains(m.View(), name+"-100.md") {
		t.Errorf("the status does not name the new file:\n%s", m.View())
	}
}

// Case 3 through the screen: an unreadable record file is named with the
// reason, and the record of the session is shown (not as root: root reads
// anything).
func TestPracticeUnreadableStats(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	m := newPracticeModel(t, i18n.ModeEN)
	update(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	p := m.c.stats.Path
	os.MkdirAll(filepath.Dir(p), 0o700)
	os.WriteFile(p, []byte(`{"formulas":{}}`), 0o600)
	os.Chmod(p, 0)
	defer os.Chmod(p, 0o600)
	for i := 0; i < 10 && !top(m).(*practiceRun).done; i++ {
		send(m, "<tab>")
	}
	v := m.View()
	if !strings.Contains(v, "no permission") || !strings.Contains(v, "left exactly as it is") || strings.Contains(v, "Cannot save") {
		t.Errorf("view:\n%s", v)
	}
}

// Every text field is our textInput: bubbles' textinput is named in
// input.go only, so a new field cannot miss the guard.
func TestOneTextInput(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if f == "input.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		if strings.Contains(string(b), "bubbles/textinput") {
			t.Errorf("%s uses bubbles/textinput directly; use textInput (input.go)", f)
		}
	}
}

// Case 3, the words (this runs as root too): an unreadable record file is
// named, escaped, with the reason in the chosen language, and never called
// a failure to save.
func TestStatsWarning(t *testing.T) {
	m := newModel(t, i18n.ModeZH)
	err := &practice.UnreadableError{Path: "/x/practice\x1b[2J.json", Err: &fs.PathError{Op: "open", Path: "/x/practice.json", Err: fs.ErrPermission}}
	for _, tt := range []struct {
		lang      i18n.Lang
		want, not string
	}{
		{i18n.ZH, "没有读取权限", "无法保存"},
		{i18n.EN, "no permission to read it", "Cannot save"},
	} {
		w := m.c.statsWarning(m.c.set.Cats[tt.lang], err)
		if !strings.Contains(w, tt.want) || strings.Contains(w, tt.not) || !strings.Contains(w, `practice\x1b[2J.json`) || strings.Contains(w, "\x1b") {
			t.Errorf("%s: %q", tt.lang, w)
		}
	}
}
