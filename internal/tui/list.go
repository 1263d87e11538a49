package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// truncate cuts s to w display cells, keeping ANSI styling intact and
// marking the cut with "...".
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w <= 3 {
		return ansi.Truncate(s, w, "")
	}
	return ansi.Truncate(s, w, "...")
}

// wrapIndent wraps one line to width w; continuation lines keep the line's
// own indentation plus two cells, so a long formula stays readable. It
// breaks at spaces and between CJK characters (never before closing
// punctuation like ，。）), and carries colours across the break.
func wrapIndent(line string, w int) []string { return wrapHang(line, w, 2) }

// wrapPara wraps prose: continuation lines start where the first did.
func wrapPara(line string, w int) []string { return wrapHang(line, w, 0) }

func wrapHang(line string, w, hang int) []string {
	if w < 8 || ansi.StringWidth(line) <= w {
		return []string{line}
	}
	plain := ansi.Strip(line)
	ind := len(plain) - len(strings.TrimLeft(plain, " "))
	if ind > w/2 {
		ind = w / 2
	}
	toks := tokenize(line)
	var out []string
	var cur strings.Builder
	var active []string // SGR sequences in force
	curW := 0
	lineStart := true
	pad := ind
	flush := func() {
		if len(active) > 0 {
			cur.WriteString("\x1b[0m")
		}
		out = append(out, cur.String())
		cur.Reset()
		pad = ind + hang
		cur.WriteString(strings.Repeat(" ", pad))
		for _, a := range active {
			cur.WriteString(a)
		}
		curW = pad
		lineStart = true
	}
	first := true
	for _, t := range toks {
		if first && t.space {
			// the line's own indentation
			cur.WriteString(strings.Repeat(" ", ind))
			curW = ind
			first = false
			continue
		}
		if first {
			first = false
		}
		if t.space {
			if lineStart {
				continue
			}
			if curW+t.w > w {
				flush()
				continue
			}
		} else if curW+t.w > w && !lineStart {
			flush()
		}
		if !t.space && curW+t.w > w {
			// A word longer than a line is cut where it must be.
			for i := 0; i < len(t.text); {
				if t.text[i] == 0x1b {
					j := escEnd(t.text, i)
					seq := t.text[i:j]
					if seq == "\x1b[0m" || seq == "\x1b[m" {
						active = active[:0]
					} else {
						active = append(active, seq)
					}
					cur.WriteString(seq)
					i = j
					continue
				}
				r, size := utf8.DecodeRuneInString(t.text[i:])
				if rw := runewidth(r); curW+rw > w && curW > pad {
					flush()
				}
				cur.WriteString(t.text[i : i+size])
				curW += runewidth(r)
				i += size
			}
			lineStart = false
			continue
		}
		for _, seq := range t.seqs {
			if seq == "\x1b[0m" || seq == "\x1b[m" {
				active = active[:0]
			} else {
				active = append(active, seq)
			}
		}
		cur.WriteString(t.text)
		curW += t.w
		if !t.space {
			lineStart = false
		}
	}
	out = append(out, cur.String())
	return out
}

// token is a unit of wrapping: a word, one CJK character (with any closing
// punctuation glued to it), or a run of spaces. seqs are the SGR sequences
// inside its text, in order.
type token struct {
	text  string
	w     int
	space bool
	seqs  []string
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// noLineStart is punctuation that must not begin a line.
func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、：；！？）》」』】〉〕］｝”’,.;:!?)]}%‰", r)
}

func tokenize(s string) []token {
	var toks []token
	var cur token
	var pending []string // escape sequences waiting for the next rune
	kind := 0            // 0 none, 1 word, 2 space
	emit := func() {
		if cur.text != "" {
			toks = append(toks, cur)
		}
		cur = token{}
		kind = 0
	}
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			j := escEnd(s, i)
			pending = append(pending, s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		rw := runewidth(r)
		switch {
		case r == ' ':
			if kind != 2 {
				emit()
				kind = 2
				cur.space = true
			}
		case isCJK(r) && !noLineStart(r):
			emit()
			kind = 1
		case noLineStart(r):
			// glue to what came before, whatever it was
			if kind == 2 {
				emit()
				kind = 1
			} else if kind == 0 && len(toks) > 0 && !toks[len(toks)-1].space {
				cur = toks[len(toks)-1]
				toks = toks[:len(toks)-1]
				kind = 1
			}
			kind = 1
		default:
			if kind != 1 || (len(cur.text) > 0 && isCJKLast(cur.text)) {
				emit()
				kind = 1
			}
		}
		for _, p := range pending {
			cur.text += p
			cur.seqs = append(cur.seqs, p)
		}
		pending = pending[:0]
		cur.text += string(r)
		cur.w += rw
		i += size
	}
	if len(pending) > 0 {
		for _, p := range pending {
			cur.text += p
			cur.seqs = append(cur.seqs, p)
		}
	}
	emit()
	return toks
}

// isCJKLast: the token ends in a CJK character (or CJK punctuation), so a
// following Latin word may start a new token: a break is allowed there.
func isCJKLast(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(ansi.Strip(s))
	return isCJK(r)
}

// escEnd is the end of the escape sequence starting at s[i].
func escEnd(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '[' {
		j++
		for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
			j++
		}
		j++
	}
	return min(j, len(s))
}

func runewidth(r rune) int { return ansi.StringWidth(string(r)) }

// wrapText wraps every line of s.
func wrapText(s string, w int) string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		out = append(out, wrapIndent(l, w)...)
	}
	return strings.Join(out, "\n")
}

// scroll keeps the item at cursor visible in a window of avail lines over
// items of the given heights, moving offset as little as possible.
func scroll(heights []int, cursor, offset, avail int) int {
	if cursor < 0 || cursor >= len(heights) {
		return 0
	}
	if offset > cursor {
		offset = cursor
	}
	for offset < cursor {
		used := 0
		for i := offset; i <= cursor; i++ {
			used += heights[i]
		}
		if used <= avail {
			break
		}
		offset++
	}
	return max(offset, 0)
}

// window renders items[offset:] until avail lines are used.
func window(blocks []string, offset, avail int) string {
	var lines []string
	for i := offset; i < len(blocks) && len(lines) < avail; i++ {
		lines = append(lines, strings.Split(blocks[i], "\n")...)
	}
	if len(lines) > avail {
		lines = lines[:avail]
	}
	return strings.Join(lines, "\n")
}

// cursorMark is the textual focus marker: NO_COLOR strips styles, so focus
// must read without them.
func cursorMark(on bool) string {
	if on {
		return "> "
	}
	return "  "
}
