package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
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
// own indentation plus two cells, so a long formula stays readable.
func wrapIndent(line string, w int) []string { return wrapHang(line, w, 2) }

// wrapPara wraps prose: continuation lines start where the first did.
func wrapPara(line string, w int) []string { return wrapHang(line, w, 0) }

// wrapHang breaks where Unicode line breaking (UAX #14, rivo/uniseg)
// allows: at spaces, between Han characters, never before closing
// punctuation like ，。）〕 nor after opening （. Widths and escape
// sequences are charmbracelet/x/ansi's. Neither library does all of it:
// ansi.Wrap/Wordwrap cut a Han run at the limit whatever follows (a line
// could start with ，), know no hanging indent, and leave a colour open
// across the line break, so a line shown without the one before it (a
// scrolled window) would lose it and the last visible one would bleed
// into the help bar. So the line is filled here from uniseg's segments,
// and every line closes the colours it opened and reopens them on the
// next.
func wrapHang(line string, w, hang int) []string {
	if w < 8 || ansi.StringWidth(line) <= w {
		return []string{line}
	}
	plain, seqs := splitEscapes(line)
	body := strings.TrimLeft(plain, " ")
	ind := min(len(plain)-len(body), w/2)
	offset := len(plain) - len(body)

	// cuts are the byte offsets in plain where a line ends (and the
	// next starts, after the spaces at the break).
	type cut struct{ end, next int }
	var cuts []cut
	lineW, width := 0, w-ind
	lineEnd := offset
	state := -1
	for pos, rest := offset, body; rest != ""; {
		var seg string
		seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		word := strings.TrimRight(seg, " ")
		ww := ansi.StringWidth(word)
		if lineW > 0 && lineW+ww > width {
			cuts = append(cuts, cut{lineEnd, pos})
			lineW, width = 0, w-ind-hang
		}
		// a word longer than a line is cut where it must be
		for ww > width {
			n, cw := 0, 0
			for g := uniseg.NewGraphemes(word); g.Next(); {
				gw := ansi.StringWidth(g.Str())
				if cw+gw > width-lineW && cw+lineW > 0 {
					break
				}
				cw += gw
				n += len(g.Str())
			}
			cuts = append(cuts, cut{pos + n, pos + n})
			pos, seg, word = pos+n, seg[n:], word[n:]
			ww -= cw
			lineW, width = 0, w-ind-hang
		}
		lineW += ww + (len(seg) - len(word)) // trailing spaces count until a break drops them
		lineEnd = pos + len(word)
		pos += len(seg)
		if lineW > width { // only spaces overflowed: they are dropped at the break
			lineW = width
		}
	}

	// rebuild each line with its escapes, closing and reopening colours
	var out []string
	var active []string
	si := 0
	emit := func(a, b, pad int) {
		var cur strings.Builder
		cur.WriteString(strings.Repeat(" ", pad))
		for _, q := range active {
			cur.WriteString(q)
		}
		for i := a; i < b; i++ {
			for si < len(seqs) && seqs[si].at <= i {
				cur.WriteString(seqs[si].seq)
				active = sgr(active, seqs[si].seq)
				si++
			}
			cur.WriteByte(plain[i])
		}
		for si < len(seqs) && seqs[si].at <= b {
			cur.WriteString(seqs[si].seq)
			active = sgr(active, seqs[si].seq)
			si++
		}
		if len(active) > 0 {
			cur.WriteString("\x1b[0m")
		}
		out = append(out, cur.String())
	}
	start := 0
	for i, c := range cuts {
		pad := 0
		if i > 0 {
			pad = ind + hang
		}
		emit(start, c.end, pad)
		// escapes inside the dropped spaces still take effect
		for si < len(seqs) && seqs[si].at < c.next {
			active = sgr(active, seqs[si].seq)
			si++
		}
		start = c.next
	}
	pad := 0
	if len(cuts) > 0 {
		pad = ind + hang
	}
	emit(start, len(plain), pad)
	return out
}

// escape is an escape sequence found at byte at of the plain text.
type escape struct {
	at  int
	seq string
}

// splitEscapes separates the text from its escape sequences.
func splitEscapes(s string) (string, []escape) {
	var plain strings.Builder
	var seqs []escape
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			j := escEnd(s, i)
			seqs = append(seqs, escape{plain.Len(), s[i:j]})
			i = j
			continue
		}
		plain.WriteByte(s[i])
		i++
	}
	return plain.String(), seqs
}

// sgr is the list of colour sequences in force after seq.
func sgr(active []string, seq string) []string {
	if seq == "\x1b[0m" || seq == "\x1b[m" {
		return active[:0]
	}
	return append(active, seq)
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
