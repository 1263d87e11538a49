package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cntax/cntax/internal/i18n"
)

// KeyMap declares every key once. Help texts come from the catalog and are
// rebuilt when the language changes.
type KeyMap struct {
	// Palette (":") jumps to any formula or scenario (palette.go).
	Palette key.Binding
	Up, Down, PageUp, PageDown, Enter, Back, Quit, ForceQuit, Help,
	Lang, LangInput, Date, Today, Filter, History, Sheet, Export, Copy, Practice,
	Next, Prev, Pick, Compute, Confirm, Clear, Answer, Skip, NextProblem,
	Continue, Year, GoHome key.Binding
}

func newKeyMap() *KeyMap {
	return &KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k")),
		Down:        key.NewBinding(key.WithKeys("down", "j")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "ctrl+u")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "ctrl+d", " ")),
		Enter:       key.NewBinding(key.WithKeys("enter")),
		Back:        key.NewBinding(key.WithKeys("esc")),
		Quit:        key.NewBinding(key.WithKeys("q")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c")),
		Help:        key.NewBinding(key.WithKeys("?")),
		Lang:        key.NewBinding(key.WithKeys("l")),
		LangInput:   key.NewBinding(key.WithKeys("ctrl+l")),
		Date:        key.NewBinding(key.WithKeys("d")),
		Today:       key.NewBinding(key.WithKeys("t")),
		Filter:      key.NewBinding(key.WithKeys("/")),
		History:     key.NewBinding(key.WithKeys("h")),
		Sheet:       key.NewBinding(key.WithKeys("s")),
		Export:      key.NewBinding(key.WithKeys("e")),
		Copy:        key.NewBinding(key.WithKeys("y")),
		Practice:    key.NewBinding(key.WithKeys("p")),
		Next:        key.NewBinding(key.WithKeys("tab", "down")),
		Prev:        key.NewBinding(key.WithKeys("shift+tab", "up")),
		Pick:        key.NewBinding(key.WithKeys(" ")),
		Compute:     key.NewBinding(key.WithKeys("ctrl+s", "alt+enter")),
		Confirm:     key.NewBinding(key.WithKeys("enter")),
		Clear:       key.NewBinding(key.WithKeys("ctrl+u")),
		Answer:      key.NewBinding(key.WithKeys("enter")),
		Skip:        key.NewBinding(key.WithKeys("tab")),
		NextProblem: key.NewBinding(key.WithKeys("enter", "n")),
		Continue:    key.NewBinding(key.WithKeys("c")),
		GoHome:      key.NewBinding(key.WithKeys("g")), // then h; the root reads the pair
		Year:        key.NewBinding(key.WithKeys("w")),
		Palette:     key.NewBinding(key.WithKeys(":")),
	}
}

// retranslate sets each binding's help in catalog c.
func (k *KeyMap) retranslate(c *i18n.Catalog) {
	set := func(b *key.Binding, keys, name string) { b.SetHelp(keys, c.T("help."+name)) }
	set(&k.Up, "↑/k", "up")
	set(&k.Down, "↓/j", "down")
	set(&k.PageUp, "pgup", "pageup")
	set(&k.PageDown, "pgdn", "pagedown")
	set(&k.Enter, "enter", "open")
	set(&k.Back, "esc", "back")
	set(&k.Quit, "q", "quit")
	set(&k.ForceQuit, "ctrl+c", "quit")
	set(&k.Help, "?", "help")
	set(&k.Lang, "l", "lang")
	set(&k.LangInput, "ctrl+l", "lang")
	set(&k.Date, "d", "date")
	set(&k.Today, "t", "today")
	set(&k.Filter, "/", "filter")
	set(&k.History, "h", "history")
	set(&k.Sheet, "s", "sheet")
	set(&k.Export, "e", "export")
	set(&k.Copy, "y", "copy")
	set(&k.Practice, "p", "practice")
	set(&k.Next, "tab", "next")
	set(&k.Prev, "shift+tab", "prev")
	set(&k.Pick, "space", "pick")
	set(&k.Compute, "ctrl+s", "compute")
	set(&k.Confirm, "enter", "confirm")
	set(&k.Clear, "ctrl+u", "clear")
	set(&k.Answer, "enter", "answer")
	set(&k.Skip, "tab", "skip")
	set(&k.NextProblem, "enter", "next_problem")
	set(&k.Continue, "c", "continue")
	set(&k.GoHome, "g h", "go_home")
	set(&k.Year, "w", "year")
	set(&k.Palette, ":", "palette")
}

// helpKeys adapts a screen's key lists to bubbles/help.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// splitBurst splits what bubbletea v1 reports as one key when several
// printable characters arrive in one read (typed ahead, a fast typist, a
// script, tmux send-keys): "/vat" comes as a single KeyMsg whose String()
// is "/vat", which matches no binding, so the whole burst was dropped; in
// a text field it was typed, but as one key. Each character is its own
// key, as the user pressed them. A bracketed paste stays one message: it
// is text, not keys. It returns nil when msg is a single key.
func splitBurst(msg tea.KeyMsg) []tea.KeyMsg {
	if msg.Type != tea.KeyRunes || msg.Paste || len(msg.Runes) < 2 {
		return nil
	}
	out := make([]tea.KeyMsg, len(msg.Runes))
	for i, r := range msg.Runes {
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt && i == 0}
	}
	return out
}

func keysOf(msg tea.KeyMsg) []tea.KeyMsg {
	if keys := splitBurst(msg); keys != nil {
		return keys
	}
	return []tea.KeyMsg{msg}
}

// burstMsg carries the message of a command run for a key of a burst;
// the held keys follow it.
type burstMsg struct{ msg tea.Msg }

// feed handles keys one by one, as if typed apart. A key whose screen
// answers with a command (push, pop, a date change) must see that command
// land before the next key, or "h/x" would filter home instead of
// history: the command runs, its message comes back as a burstMsg, and
// the other keys (with any that arrive meanwhile) are held until then.
func (m *Model) feed(keys []tea.KeyMsg) (tea.Model, tea.Cmd) {
	keys = append(keys, m.held...)
	m.held = nil
	for i, k := range keys {
		_, cmd := m.Update(k)
		if cmd == nil {
			continue
		}
		if i == len(keys)-1 {
			return m, cmd
		}
		m.held = append(m.held, keys[i+1:]...)
		m.waiting = true
		return m, func() tea.Msg { return burstMsg{cmd()} }
	}
	return m, nil
}

// resume delivers a held command's message, then the held keys.
func (m *Model) resume(b burstMsg) (tea.Model, tea.Cmd) {
	m.waiting = false
	switch msg := b.msg.(type) {
	case nil:
	case tea.QuitMsg:
		m.held = nil
		return m, tea.Quit
	case tea.BatchMsg:
		// Only the program loop runs a batch; the keys go on after it.
		m.waiting = true
		return m, tea.Sequence(tea.Batch(msg...), func() tea.Msg { return burstMsg{} })
	default:
		if _, cmd := m.Update(msg); cmd != nil {
			m.waiting = true
			return m, func() tea.Msg { return burstMsg{cmd()} }
		}
	}
	return m.feed(nil)
}
