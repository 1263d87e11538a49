package termsafe

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"113,000", "113,000"},
		{"销售额 ¥113,000", "销售额 ¥113,000"},
		{"\x1b]52;c;aGk=\x07", `\x1b]52;c;aGk=\x07`},
		{"\x1b]0;title\x1b\\", `\x1b]0;title\x1b\`},
		{"a\nb\tc\rd", `a\nb\tc\rd`},
		{"\x7f", `\x7f`},
		{"\u009b2J", `\u009b2J`},         // C1 CSI: some terminals obey it
		{"abc\u202edef", `abc\u202edef`}, // bidi override reorders what is read
		{"\xff\xfe", `\xff\xfe`},         // not UTF-8
		{`a\b`, `a\b`},                   // a backslash is left as it is
	} {
		if got := String(c.in); got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTextKeepsLines(t *testing.T) {
	if got := Text("one\ntwo\x1b[2J"); got != `one`+"\n"+`two\x1b[2J` {
		t.Errorf("Text = %q", got)
	}
}

func FuzzString(f *testing.F) {
	f.Add("\x1b]52;c;aGk=\x07")
	f.Add("¥113,000\u202e\u009b")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{String(s), Text(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("%q: output not UTF-8: %q", s, out)
			}
			for _, r := range out {
				if r != '\n' && Unsafe(r) {
					t.Fatalf("%q: unsafe rune %U left in %q", s, r, out)
				}
			}
		}
		if Safe(s) != (String(s) == s) {
			t.Fatalf("%q: Safe disagrees with String", s)
		}
		if !strings.ContainsAny(s, "\n") && Text(s) != String(s) {
			t.Fatalf("%q: Text and String differ without a newline", s)
		}
	})
}

// The package stays a leaf: every layer may use it only if it imports
// nothing of ours.
func TestLeaf(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range f.Imports {
			if strings.Contains(im.Path.Value, "github.com/cntax/") {
				t.Errorf("%s imports %s", name, im.Path.Value)
			}
		}
	}
}
