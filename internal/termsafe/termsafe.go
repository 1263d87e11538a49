// Package termsafe makes text that came from outside the program (command
// lines, CSV files, state files, file names) safe to print on a terminal:
// a control character in it could otherwise move the cursor, set the
// window title or write the clipboard (OSC 52). Such characters are shown
// escaped, Go style (\x1b, \u202e), so the user still sees what was there.
//
// It imports nothing of ours, so every layer may use it.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Unsafe reports whether r must not reach a terminal as it is: C0 and C1
// controls, DEL, and the bidirectional overrides and isolates, which
// reorder what the reader sees (Trojan Source).
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// Safe reports whether s can be printed as it is.
func Safe(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if Unsafe(r) || r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	return true
}

// String escapes every unsafe character of s, newlines included: for one
// value such as an id, a cell or a file name.
func String(s string) string { return escape(s, false) }

// Text escapes every unsafe character of s but keeps its line breaks: for
// a message of several lines whose parts may have come from outside.
func Text(s string) string { return escape(s, true) }

func escape(s string, keepNewline bool) string {
	if Safe(s) && (keepNewline || !strings.Contains(s, "\n")) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n' && keepNewline:
			b.WriteByte('\n')
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i]) // a byte that is not UTF-8
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80 && Unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
