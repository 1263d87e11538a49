// Package quietterm keeps bubbletea's package init from asking the terminal
// for its background colour. bubbletea v1 calls lipgloss.HasDarkBackground
// in init, which sends an OSC 11 query and waits up to 5 s for an answer; a
// terminal that never answers (script(1), some IDE panes, serial consoles)
// then stalls every run, even `cntax --help`. cntax never needs the answer:
// the background comes from CNTAX_THEME / COLORFGBG (render.DarkBackground).
//
// termenv skips the query when TERM is "dumb", so this package's init sets
// TERM=dumb and Restore puts the user's value back before anything renders.
//
// Why this runs first: Go initialises, among the packages whose imports are
// ready, the one with the smallest import path. This package imports only
// os, so it is ready no later than github.com/muesli/termenv (which needs os
// and more) and sorts before it; termenv precedes lipgloss, which precedes
// bubbletea. Do NOT add imports beyond the standard library here: a
// dependency on lipgloss or termenv would let bubbletea run first.
// The silent-pty tests in cmd/cntax check it.
package quietterm

import "os"

var (
	term    string
	termSet bool
)

func init() {
	term, termSet = os.LookupEnv("TERM")
	_ = os.Setenv("TERM", "dumb")
}

// Restore puts TERM back as the user had it. Call it first thing in main:
// lipgloss reads TERM lazily to pick the colour profile, at the first render.
func Restore() {
	if termSet {
		_ = os.Setenv("TERM", term)
	} else {
		_ = os.Unsetenv("TERM")
	}
}
