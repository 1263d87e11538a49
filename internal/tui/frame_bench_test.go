package tui

import (
	"io"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// The time from starting a program to its first frame written, for cntax
// (loading the catalog as the program does — every formula, no worked
// examples — with the frame rate it runs at) and for the smallest bubbletea program at its default 60 frames a
// second. Their ratio is what the start of the TUI costs over bubbletea's
// own; go test -bench FirstFrameProgram ./internal/tui/ shows both.

type tiny struct{}

func (tiny) Init() tea.Cmd                       { return nil }
func (tiny) Update(tea.Msg) (tea.Model, tea.Cmd) { return tiny{}, nil }
func (tiny) View() string                        { return "hello, world" }

// firstWrite signals when the program first writes a frame: the first
// write that holds mark (the terminal set-up before it does not count).
type firstWrite struct {
	ch   chan struct{}
	mark string
}

func (w *firstWrite) Write(p []byte) (int, error) {
	if w.ch != nil && strings.Contains(string(p), w.mark) {
		close(w.ch)
		w.ch = nil
	}
	return len(p), nil
}

func firstFrame(b *testing.B, mark string, model func() tea.Model, opts ...tea.ProgramOption) {
	b.ReportAllocs()
	for b.Loop() {
		in, inW := io.Pipe()
		out := &firstWrite{ch: make(chan struct{}), mark: mark}
		done := out.ch
		p := tea.NewProgram(model(), append(opts, tea.WithInput(in), tea.WithOutput(out), tea.WithoutSignals())...)
		go func() { _, _ = p.Run() }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			b.Fatal("no frame")
		}
		p.Kill()
		p.Wait()
		inW.Close()
	}
}

func BenchmarkFirstFrameProgram(b *testing.B) {
	b.Run("bubbletea_minimal", func(b *testing.B) {
		firstFrame(b, "hello, world", func() tea.Model { return tiny{} })
	})
	b.Run("cntax", func(b *testing.B) {
		dir := b.TempDir()
		firstFrame(b, "增值税", func() tea.Model {
			old := debug.SetGCPercent(-1) // as engine.DefaultWant loads
			eng, cats, err := engine.LoadEmbedded(catalog.Want{SkipExamples: true})
			debug.SetGCPercent(old)
			if err != nil {
				b.Fatal(err)
			}
			return New(Options{Engine: eng, Cats: cats, Mode: i18n.ModeZH, Today: today,
				Getenv: func(string) string { return dir }, Clip: io.Discard})
		}, tea.WithFPS(120))
	})
}
