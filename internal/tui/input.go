package tui

import (
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// textInput is bubbles' textinput with what it gets wrong fixed in one
// place; every text field of the program is one.
//
// alt+d and alt+delete (delete the word after the cursor) index past the
// end of the value when the cursor is before the last character and panic
// (bubbles#1056, open in v1.0.0): everything typed in the session would be
// lost. They are done here instead.
type textInput struct{ textinput.Model }

// newInput is a text input with a steady cursor: a blinking one redraws
// the screen twice a second for nothing and makes frames differ in time.
func newInput() textInput {
	ti := textinput.New()
	ti.Cursor.SetMode(cursor.CursorStatic)
	return textInput{ti}
}

func (t textInput) Update(msg tea.Msg) (textInput, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && t.Focused() && key.Matches(km, t.KeyMap.DeleteWordForward) {
		t.deleteWordForward()
		return t, nil
	}
	var cmd tea.Cmd
	t.Model, cmd = t.Model.Update(msg)
	return t, cmd
}

// deleteWordForward deletes the spaces after the cursor and the word after
// them, as readline's alt+d; in a masked field, everything after the cursor
// (word breaks would reveal the secret).
func (t *textInput) deleteWordForward() {
	v := []rune(t.Value())
	pos := t.Position()
	if pos >= len(v) {
		return
	}
	end := pos
	if t.EchoMode != textinput.EchoNormal {
		end = len(v)
	}
	for end < len(v) && unicode.IsSpace(v[end]) {
		end++
	}
	for end < len(v) && !unicode.IsSpace(v[end]) {
		end++
	}
	t.SetValue(string(v[:pos]) + string(v[end:]))
	t.SetCursor(pos)
}
