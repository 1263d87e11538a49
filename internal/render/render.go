// Package render turns engine results and formula sheets into text (for a
// terminal, aligned by display width), JSON (the stable contract of
// DESIGN §4), Markdown and CSV. It formats; it never computes.
package render

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/cntax/cntax/internal/i18n"
)

// Style decorates text for a terminal. Plain leaves text as it is; the CLI
// builds one from a lipgloss renderer, which drops colour on a pipe.
type Style struct {
	Title, Label, Value, Result, Dim, Warn func(string) string
}

func id(s string) string { return s }

// Plain is a style that adds nothing.
var Plain = Style{Title: id, Label: id, Value: id, Result: id, Dim: id, Warn: id}

// Lipgloss builds a style on r (colour follows r's profile and NO_COLOR).
func Lipgloss(r *lipgloss.Renderer) Style {
	st := func(s lipgloss.Style) func(string) string { return func(x string) string { return s.Render(x) } }
	return Style{
		Title:  st(r.NewStyle().Bold(true)),
		Label:  st(r.NewStyle().Bold(true)),
		Value:  id,
		Result: st(r.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#005F87", Dark: "#5FD7FF"})),
		Dim:    st(r.NewStyle().Faint(true)),
		Warn:   st(r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#AF5F00", Dark: "#FFAF00"})),
	}
}

// DarkBackground decides the palette without asking the terminal: asking
// (OSC 11) blocks for five seconds on a terminal that does not answer. It
// reads CNTAX_THEME=light|dark, then COLORFGBG (set by many terminals,
// "15;0" is light text on black), and otherwise assumes dark.
func DarkBackground(getenv func(string) string) bool {
	switch strings.ToLower(getenv("CNTAX_THEME")) {
	case "light":
		return false
	case "dark":
		return true
	}
	if fgbg := getenv("COLORFGBG"); fgbg != "" {
		parts := strings.Split(fgbg, ";")
		switch parts[len(parts)-1] {
		case "7", "9", "10", "11", "12", "13", "14", "15":
			return false
		}
	}
	return true
}

// Width is the display width of s in terminal cells (CJK counts 2).
func Width(s string) int { return lipgloss.Width(s) }

// PadRight pads s with spaces to w cells.
func PadRight(s string, w int) string {
	if n := Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// PadLeft right-aligns s in w cells.
func PadLeft(s string, w int) string {
	if n := Width(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// each calls f with the catalog of every language of the mode, in order.
func each(set *i18n.Set, f func(c *i18n.Catalog)) {
	for _, l := range set.Mode.Langs() {
		f(set.Cats[l])
	}
}

// joined is one text per language, joined by sep ("销项税额 / Output tax").
func joined(set *i18n.Set, sep string, f func(c *i18n.Catalog) string) string {
	var parts []string
	each(set, func(c *i18n.Catalog) { parts = append(parts, f(c)) })
	if len(parts) == 2 && parts[0] == parts[1] {
		return parts[0]
	}
	return strings.Join(parts, sep)
}

// source words a file's source text in the mode's languages: one line when
// they read the same (a citation, or no translation yet), else each.
func source(set *i18n.Set, kind, id, written string) string {
	var out []string
	each(set, func(c *i18n.Catalog) {
		s := c.Source(kind, id, written)
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	})
	return strings.Join(out, " / ")
}
