package tui

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/cntax/cntax/internal/i18n"
)

// fakeClip stands in for the system clipboard: no test may write the
// developer's clipboard, and most machines running tests have none.
var fakeClip struct {
	text string
	err  error
}

func init() {
	systemClipboard = func(s string) error {
		if fakeClip.err != nil {
			return fakeClip.err
		}
		fakeClip.text = s
		return nil
	}
	fakeClip.err = errors.New("no clipboard utilities available")
}

func withClip(t *testing.T, err error) {
	old := fakeClip
	fakeClip.text, fakeClip.err = "", err
	t.Cleanup(func() { fakeClip = old })
}

// Issue 17, item 11: y asks what to copy, tries the system clipboard and
// says so when it worked.
func TestCopySystemClipboard(t *testing.T) {
	withClip(t, nil)
	var term bytes.Buffer
	m := newModel(t, i18n.ModeEN, func(o *Options) { o.Clip = &term })
	send(m, vatResult...)
	send(m, "y")
	v := m.View()
	for _, want := range []string{"Copy what?", "1  The answer 6690.00", "2  Everything"} {
		if !strings.Contains(v, want) {
			t.Errorf("menu lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "figures to file") {
		t.Errorf("vat.general has no figures to file, yet they are offered:\n%s", v)
	}
	send(m, "1")
	if fakeClip.text != "6690.00" || term.Len() != 0 {
		t.Errorf("copied %q, sent the terminal %q", fakeClip.text, term.String())
	}
	if v := m.View(); !strings.Contains(v, "Copied to the system clipboard: 6690.00") || strings.Contains(v, "Copy what?") {
		t.Errorf("status:\n%s", v)
	}
	send(m, "y", "2") // everything: the whole result, no escape sequences
	if !strings.Contains(fakeClip.text, "6,690.00") || !strings.Contains(fakeClip.text, "113,000.00") || strings.Contains(fakeClip.text, "\x1b") {
		t.Errorf("everything: %q", fakeClip.text)
	}
}

// Without a system clipboard a plain OSC 52 goes to the terminal (not
// tmux's passthrough wrapping, which tmux 3.3 drops), and the status says
// that it cannot be confirmed; in tmux it names set-clipboard.
func TestCopyOSC52Honest(t *testing.T) {
	for _, tmux := range []bool{false, true} {
		withClip(t, errors.New("no clipboard utilities available"))
		var term bytes.Buffer
		m := newModel(t, i18n.ModeZH, func(o *Options) {
			o.Clip = &term
			env := o.Getenv
			o.Getenv = func(k string) string {
				if k == "TMUX" && tmux {
					return "/tmp/tmux-1000/default,1,0"
				}
				return env(k)
			}
		})
		update(m, tea.WindowSizeMsg{Width: 200, Height: 40})
		send(m, vatResult...)
		send(m, "y", "<enter>")
		want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte("6690.00")) + "\a"
		if term.String() != want {
			t.Errorf("tmux %v: sent %q, want %q", tmux, term.String(), want)
		}
		v := m.View()
		if !strings.Contains(v, "系统剪贴板不可用") || !strings.Contains(v, "无法确认") || tmux != strings.Contains(v, "set-clipboard") {
			t.Errorf("tmux %v: status:\n%s", tmux, v)
		}
	}
}

// A scenario's figures to file copy as label<TAB>value lines.
func TestCopyFiled(t *testing.T) {
	withClip(t, nil)
	m := newModel(t, i18n.ModeZH)
	send(m, scnResult...)
	send(m, "y")
	if v := m.View(); !strings.Contains(v, "2  申报数") {
		t.Fatalf("no figures to file offered:\n%s", v)
	}
	send(m, "2")
	r := top(m).(*result)
	lines := strings.Split(strings.TrimSuffix(fakeClip.text, "\n"), "\n")
	if want := len(r.res.Formula.Filed) + 1; len(lines) != want {
		t.Fatalf("%d lines, want %d: %q", len(lines), want, fakeClip.text)
	}
	for _, l := range lines {
		label, value, ok := strings.Cut(l, "\t")
		if !ok || label == "" || strings.Contains(value, ",") || value == "" {
			t.Errorf("line %q", l)
		}
	}
}

// e asks the format and names the whole path it wrote.
func TestExportFormats(t *testing.T) {
	dir := t.TempDir()
	m := newModel(t, i18n.ModeEN, func(o *Options) { o.ExportDir = dir })
	send(m, scnResult...)
	send(m, "e")
	if v := m.View(); !strings.Contains(v, "Export in which format?") || !strings.Contains(v, "3  JSON") {
		t.Fatalf("no format asked:\n%s", v)
	}
	name := filepath.Join(dir, "cntax-scn.general_month-2026-11-22")
	send(m, "2")
	// the status wraps at the width; the path is whole once rejoined
	if !strings.Contains(strings.ReplaceAll(m.View(), "\n  ", ""), name+".csv") {
		t.Errorf("the status does not name the full path:\n%s", m.View())
	}
	b, err := os.ReadFile(name + ".csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) < 5 || recs[0][0] != "section" {
		t.Fatalf("csv: %v %q", err, b)
	}
	var filed, result int
	for _, rec := range recs {
		switch rec[0] {
		case "filed":
			filed++
		case "result":
			result++
		}
	}
	if filed == 0 || result != 1 {
		t.Errorf("csv: %d filed rows, %d result rows", filed, result)
	}
	send(m, "e", "<down>", "<down>", "<enter>")
	b, err = os.ReadFile(name + ".json")
	var j map[string]any
	if err != nil || json.Unmarshal(b, &j) != nil || j["formula"] != "scn.general_month" {
		t.Errorf("json: %v %s", err, b)
	}
	send(m, "e", "<esc>") // cancelled: nothing more written
	if files, _ := os.ReadDir(dir); len(files) != 2 {
		t.Errorf("%d files", len(files))
	}
}
