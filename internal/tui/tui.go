// Package tui is the interactive cntax: categories → formulas → a form →
// the result, every step shown three ways, in 中文, English or both. The root
// model is a router over a stack of screens; screens never compute tax, they
// call the engine.
package tui

import (
	"errors"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cntax/cntax/internal/config"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/history"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/practice"
	"github.com/cntax/cntax/internal/render"
	"github.com/cntax/cntax/internal/termsafe"
)

// Options start the TUI.
type Options struct {
	Engine *engine.Engine
	Cats   map[i18n.Lang]*i18n.Catalog
	Mode   i18n.Mode
	// LangFlag: the mode came from --lang, so it is not overridden by the
	// saved choice (it is still saved when the user changes it with l).
	LangFlag bool
	Date     date.Date
	DateFlag bool
	Today    date.Date
	Getenv   func(string) string
	// Clip receives clipboard sequences (default stderr, the terminal);
	// ExportDir is where Markdown exports go (default the working directory).
	Clip      io.Writer
	ExportDir string
	// Practice opens practice mode first (cntax practice).
	Practice bool
	Category string
	Seed     int64
	SeedSet  bool
	// Study opens the mistakes notebook ("mistakes"), a review ("review",
	// Count formulas), choice questions ("choice") or a mock exam ("exam",
	// Count minutes) instead of the practice home.
	Study string
	Count int
}

// common is shared by every screen, by pointer.
type common struct {
	w, h    int
	st      *Styles
	keys    *KeyMap
	eng     *engine.Engine
	set     *i18n.Set
	date    date.Date
	today   date.Date
	getenv  func(string) string
	hist    *history.Store
	stats   *practice.Store // one for the program: it keeps unsaved records
	status  string          // one-line message under the body, cleared by the next key
	statusW bool            // the status is a warning
	opts    Options
	// forms keeps each formula's form while the program runs, so going
	// back and forth never loses what was typed.
	forms map[string]*form
	// clip receives OSC 52 clipboard sequences (the terminal); exportDir
	// is where e writes Markdown (the working directory).
	clip      io.Writer
	exportDir string

	book *practice.StudyStore // the mistakes notebook and the review boxes
}

func (c *common) t(key string, args ...string) string { return c.set.T(key, args...) }

// cat is the primary catalog of the mode.
func (c *common) cat() *i18n.Catalog { return c.set.Primary() }

// both joins a text in every language of the mode.
func (c *common) both(sep string, f func(*i18n.Catalog) string) string {
	var parts []string
	for _, l := range c.set.Mode.Langs() {
		parts = append(parts, f(c.set.Cats[l]))
	}
	if len(parts) == 2 && parts[0] == parts[1] {
		return parts[0]
	}
	return strings.Join(parts, sep)
}

func (c *common) saveConfig() {
	cfg, _ := config.Load(c.getenv)
	cfg.Lang = c.set.Mode.String()
	// A picked date lasts for the session only: a date carried into the
	// next run would compute tomorrow's work under old rules without a
	// word (and cntax calc uses today). An old config's date is dropped.
	cfg.Date = ""
	if err := config.Save(c.getenv, cfg); err != nil {
		c.status, c.statusW = c.t("tui.config_failed", "detail", termsafe.String(err.Error())), true
	}
}

// screen is one page of the stack.
type screen interface {
	update(msg tea.Msg) (screen, tea.Cmd)
	view() string
	setSize(w, h int)
	help() helpKeys
	// capturesText: a text input has focus, so letters are typing, not
	// shortcuts.
	capturesText() bool
	title() string
	relabel()
}

// Navigation messages.
type (
	pushMsg struct{ s screen }
	popMsg  struct{}
)

func push(s screen) tea.Cmd { return func() tea.Msg { return pushMsg{s} } }
func pop() tea.Cmd          { return func() tea.Msg { return popMsg{} } }

// Model is the root: it owns the stack, global keys, header and help.
type Model struct {
	c        *common
	stack    []screen
	help     help.Model
	gPending bool // g was pressed: h next goes home
	fullHelp bool
	// held keys wait for the command of an earlier key of their burst
	// (a push, a pop) to land, so each lands on the screen it was typed
	// for; waiting: such a command is out (see feed).
	held    []tea.KeyMsg
	waiting bool
}

// New builds the root model.
func New(o Options) *Model {
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.Today == 0 {
		o.Today = date.Today()
	}
	c := &common{
		st: NewStyles(), keys: newKeyMap(), eng: o.Engine,
		set:    &i18n.Set{Mode: o.Mode, Cats: o.Cats},
		date:   o.Date,
		today:  o.Today,
		getenv: o.Getenv,
		hist:   history.Open(o.Getenv),
		stats:  practice.OpenStore(o.Getenv),
		book:   practice.OpenStudy(o.Getenv),
		opts:   o,
		w:      80, h: 24,
		forms:     map[string]*form{},
		clip:      o.Clip,
		exportDir: o.ExportDir,
	}
	if c.clip == nil {
		c.clip = os.Stderr
	}
	if c.exportDir == "" {
		c.exportDir, _ = os.Getwd()
	}
	cfg, cfgErr := config.Load(o.Getenv)
	if !o.LangFlag && cfg.Lang != "" {
		if m, err := i18n.ParseMode(cfg.Lang); err == nil {
			c.set.Mode = m
		}
	}
	if c.date == 0 {
		c.date = o.Today
	}
	c.keys.retranslate(c.cat())
	m := &Model{c: c, help: help.New()}
	m.help.ShortSeparator = "  "
	m.help.FullSeparator = "    "
	m.help.Ellipsis = "..."
	m.help.Styles.ShortKey = lipgloss.NewStyle().Foreground(palette.Key).Bold(true)
	m.help.Styles.FullKey = m.help.Styles.ShortKey
	m.help.Styles.ShortDesc = lipgloss.NewStyle().Foreground(palette.Muted)
	m.help.Styles.FullDesc = m.help.Styles.ShortDesc
	m.stack = []screen{newHome(c)}
	if o.Practice {
		m.stack = append(m.stack, newPracticeStart(c, o.Category))
	}
	if cfgErr != nil {
		c.status, c.statusW = c.t("tui.config_bad", "detail", termsafe.String(cfgErr.Error())), true
	}
	m.resize()
	return m
}

// Run starts the program on the terminal.
func Run(o Options) error {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	lipgloss.SetHasDarkBackground(render.DarkBackground(getenv))
	// 120 frames a second: a key shows within ~8 ms, not bubbletea's
	// default 60 fps ~17 ms; frames are only drawn when the view changed.
	p := tea.NewProgram(New(o), tea.WithAltScreen(), tea.WithFPS(120))
	_, err := p.Run()
	if errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	return err
}

func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) top() screen { return m.stack[len(m.stack)-1] }

// chrome is the height of the header and help bar; the body gets the rest.
func (m *Model) bodyHeight() int {
	h := m.c.h - 1 - lipgloss.Height(m.helpView()) - 1 // header, help, status line
	return max(h, 1)
}

func (m *Model) resize() {
	bh := m.bodyHeight()
	for _, s := range m.stack {
		s.setSize(m.c.w, bh)
	}
}

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.w, m.c.h = max(msg.Width, 1), max(msg.Height, 1)
		m.help.Width = m.c.w
		m.resize()
		return m, nil
	case pushMsg:
		m.stack = append(m.stack, msg.s)
		msg.s.setSize(m.c.w, m.bodyHeight())
		return m, nil
	case replaceMsg:
		if len(m.stack) > 1 {
			m.stack = m.stack[:len(m.stack)-1]
		}
		m.stack = append(m.stack, msg.s)
		msg.s.setSize(m.c.w, m.bodyHeight())
		return m, nil
	case burstMsg:
		return m.resume(msg)
	case popMsg:
		if len(m.stack) > 1 {
			m.stack = m.stack[:len(m.stack)-1]
			m.top().setSize(m.c.w, m.bodyHeight())
		}
		return m, nil
	case dateSetMsg:
		if len(m.stack) > 1 {
			m.stack = m.stack[:len(m.stack)-1]
		}
		for _, s := range m.stack {
			s.relabel()
		}
		m.resize()
		return m, nil
	case tea.KeyMsg:
		if m.waiting {
			m.held = append(m.held, keysOf(msg)...)
			return m, nil
		}
		if keys := splitBurst(msg); keys != nil {
			return m.feed(keys)
		}
		m.c.status, m.c.statusW = "", false
		k := m.c.keys
		// g h goes home from any screen that is not typing, however deep
		// the stack (issue 17, 7).
		if !m.top().capturesText() {
			if m.gPending {
				m.gPending = false
				if msg.String() == "h" {
					m.stack = m.stack[:1]
					m.top().relabel()
					m.resize()
					return m, nil
				}
			} else if msg.String() == "g" {
				m.gPending = true
				return m, nil
			}
		}
		switch {
		case key.Matches(msg, k.ForceQuit):
			return m, tea.Quit
		case m.ownedByScreen(msg): // the screen's own use of a root key
		case key.Matches(msg, k.LangInput) || (!m.top().capturesText() && key.Matches(msg, k.Lang)):
			m.c.set.Mode = m.c.set.Mode.Next()
			m.c.keys.retranslate(m.c.cat())
			for _, s := range m.stack {
				s.relabel()
			}
			m.c.saveConfig()
			m.resize()
			return m, nil
		case key.Matches(msg, k.Help):
			// No input accepts "?", so it toggles help even while typing.
			m.fullHelp = !m.fullHelp
			m.resize()
			return m, nil
		case !m.top().capturesText() && key.Matches(msg, k.Quit):
			return m, tea.Quit
		case !m.top().capturesText() && key.Matches(msg, k.Palette):
			if _, open := m.top().(*jumpPalette); !open {
				return m, push(newJumpPalette(m.c))
			}
		case !m.top().capturesText() && key.Matches(msg, k.Date):
			if _, open := m.top().(*datePrompt); !open {
				return m, push(newDatePrompt(m.c))
			}
		case !m.top().capturesText() && key.Matches(msg, k.Today) && m.c.date != m.c.today:
			// back to current law: every screen follows, as after d
			m.c.date = m.c.today
			m.c.saveConfig()
			for _, s := range m.stack {
				s.relabel()
			}
			m.resize()
			return m, nil
		}
	}
	s, cmd := m.top().update(msg)
	m.stack[len(m.stack)-1] = s
	return m, cmd
}

// ownedByScreen: the top screen claims a key the root would take (the
// history's d deletes there rather than opening the date prompt).
func (m *Model) ownedByScreen(msg tea.KeyMsg) bool {
	o, ok := m.top().(interface{ ownsKey(tea.KeyMsg) bool })
	return ok && o.ownsKey(msg)
}

func (m *Model) helpView() string {
	h := m.top().help()
	var global []key.Binding
	if m.top().capturesText() {
		global = []key.Binding{m.c.keys.LangInput, m.c.keys.Help, m.c.keys.ForceQuit}
	} else {
		global = []key.Binding{m.c.keys.Lang, m.c.keys.Help, m.c.keys.Quit}
	}
	var out string
	full := m.fullHelp
	if full && lipgloss.Height(m.help.FullHelpView(append(h.full, global)))+3 > m.c.h {
		full = false // no room for the full help: keep the bar
	}
	if full {
		if !m.top().capturesText() {
			global = append(global, m.c.keys.GoHome)
		}
		out = m.help.FullHelpView(append(h.full, global))
	} else {
		// ? and quit are always in view (issue 17, 8): the screen's keys
		// get what is left of the width, and bubbles/help cuts those.
		tail := m.help.ShortHelpView(global[1:])
		width := m.help.Width
		m.help.Width = max(m.c.w-lipgloss.Width(tail)-len(m.help.ShortSeparator), 0)
		head := truncate(m.help.ShortHelpView(append(h.short, global[0])), m.help.Width)
		m.help.Width = width
		out = tail
		if head != "" {
			out = head + m.help.ShortSeparator + tail
		}
	}
	// bubbles/help adds an item it has no room for when even "..." does
	// not fit; cut every line to the width.
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = truncate(l, m.c.w)
	}
	return strings.Join(lines, "\n")
}

func (m *Model) View() string {
	c := m.c
	var b strings.Builder
	b.WriteString(m.header())
	b.WriteByte('\n')
	body := m.top().view()
	bh := m.bodyHeight()
	lines := strings.Split(body, "\n")
	if len(lines) > bh {
		lines = lines[:bh]
	}
	for len(lines) < bh {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = truncate(l, c.w)
	}
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteByte('\n')
	status := c.status
	if c.statusW {
		status = c.st.Warn.Render(truncate(status, c.w))
	} else {
		status = c.st.Dim.Render(truncate(status, c.w))
	}
	b.WriteString(status)
	b.WriteByte('\n')
	b.WriteString(m.helpView())
	out := b.String()
	if lines := strings.Split(out, "\n"); len(lines) > c.h {
		// smaller than the chrome itself: show what fits
		out = strings.Join(lines[:c.h], "\n")
	}
	return out
}

// header: the breadcrumb on the left, the date and language on the right.
func (m *Model) header() string {
	c := m.c
	var crumbs []string
	for _, s := range m.stack {
		if t := s.title(); t != "" {
			crumbs = append(crumbs, t)
		}
	}
	left := strings.Join(crumbs, " › ")
	dateText := c.date.String()
	if c.date != c.today {
		dateText = c.t("tui.date_not_today", "date", dateText)
	}
	right := dateText + "  " + c.both("+", func(x *i18n.Catalog) string { return x.T("tui.lang_name") })
	rightR := c.st.HeaderDim.Render(right)
	if c.date != c.today {
		rightR = c.st.Warn.Render(right)
	}
	room := c.w - lipgloss.Width(right) - 2
	if room < 8 {
		return truncate(rightR, c.w)
	}
	left = truncate(left, room)
	gap := c.w - lipgloss.Width(left) - lipgloss.Width(right)
	return c.st.Header.Render(left) + strings.Repeat(" ", max(gap, 1)) + rightR
}
