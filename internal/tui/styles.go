package tui

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/cntax/cntax/internal/render"
)

// palette is semantic: screens ask for "accent", never for a colour. Each
// colour adapts to light and dark terminals; NO_COLOR removes them all (and
// bold and reverse with them), so focus and selection are also marked with
// text: the ">" cursor and brackets around the focused field.
var palette = struct {
	Accent, Muted, Result, Warn, Error, Border, Key lipgloss.AdaptiveColor
}{
	Accent: lipgloss.AdaptiveColor{Light: "#005F87", Dark: "#5FAFFF"},
	Muted:  lipgloss.AdaptiveColor{Light: "#6C6C6C", Dark: "#8A8A8A"},
	Result: lipgloss.AdaptiveColor{Light: "#005F00", Dark: "#87FF87"},
	Warn:   lipgloss.AdaptiveColor{Light: "#AF5F00", Dark: "#FFAF00"},
	Error:  lipgloss.AdaptiveColor{Light: "#AF0000", Dark: "#FF5F5F"},
	Border: lipgloss.AdaptiveColor{Light: "#BCBCBC", Dark: "#4E4E4E"},
	Key:    lipgloss.AdaptiveColor{Light: "#303030", Dark: "#D0D0D0"},
}

// Styles is every style of the TUI, built once.
type Styles struct {
	Header, HeaderDim, Title, Selected, Normal, Dim, Accent, Result, Warn, Error, Label, Field, FieldFocus, Box lipgloss.Style
	// Text is the style the shared text renderer uses for results and sheets.
	Text render.Style
}

// NewStyles builds the styles.
func NewStyles() *Styles {
	s := &Styles{}
	s.Header = lipgloss.NewStyle().Bold(true).Foreground(palette.Accent)
	s.HeaderDim = lipgloss.NewStyle().Foreground(palette.Muted)
	s.Title = lipgloss.NewStyle().Bold(true)
	s.Selected = lipgloss.NewStyle().Bold(true).Foreground(palette.Accent)
	s.Normal = lipgloss.NewStyle()
	s.Dim = lipgloss.NewStyle().Foreground(palette.Muted)
	s.Accent = lipgloss.NewStyle().Foreground(palette.Accent)
	s.Result = lipgloss.NewStyle().Bold(true).Foreground(palette.Result)
	s.Warn = lipgloss.NewStyle().Foreground(palette.Warn)
	s.Error = lipgloss.NewStyle().Foreground(palette.Error)
	s.Label = lipgloss.NewStyle().Bold(true)
	s.Field = lipgloss.NewStyle()
	s.FieldFocus = lipgloss.NewStyle().Foreground(palette.Accent)
	s.Box = lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(palette.Border).Padding(0, 1)
	r := func(st lipgloss.Style) func(string) string { return func(x string) string { return st.Render(x) } }
	s.Text = render.Style{
		Title:  r(s.Title),
		Label:  r(s.Label),
		Value:  func(x string) string { return x },
		Result: r(s.Result),
		Dim:    r(s.Dim),
		Warn:   r(s.Warn),
	}
	return s
}
