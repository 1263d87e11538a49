package tabfile

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func read(t *testing.T, in []byte, opt Options) (string, *Source) {
	t.Helper()
	src, err := Open(bytes.NewReader(in), opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(src.R)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), src
}

func TestEncodings(t *testing.T) {
	text := "销售额\t进项税额\n113000\t5000\n"
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	for _, tt := range []struct {
		name, enc string
		in        []byte
	}{
		{"UTF-8", "UTF-8", []byte(text)},
		{"UTF-8 BOM", "UTF-8", append([]byte("\xef\xbb\xbf"), text...)},
		{"UTF-16LE, Excel's Unicode text", "UTF-16", u16},
		{"GBK", "GB18030", gbk},
	} {
		got, src := read(t, tt.in, Options{})
		if got != text || src.Encoding != tt.enc || src.Comma != '\t' {
			t.Errorf("%s: %q as %s, comma %q", tt.name, got, src.Encoding, src.Comma)
		}
	}
}

// A UTF-8 file whose first 64 KiB end inside a character is still UTF-8,
// not taken for GB18030.
func TestSniffBoundary(t *testing.T) {
	pad := strings.Repeat("a", sniff-1)
	in := []byte("sales\n" + pad[6:] + "元\n")
	got, src := read(t, in, Options{})
	if src.Encoding != "UTF-8" || got != string(in) {
		t.Errorf("read as %s", src.Encoding)
	}
}

func TestRefusesUnknownBytes(t *testing.T) {
	_, err := Open(strings.NewReader("sales\n11.3\xff\xfe\xfd\n"), Options{})
	var ee *EncodingError
	if !errors.As(err, &ee) || ee.Offset != 10 {
		t.Errorf("err = %v", err)
	}
}

func TestDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"a,b,c\n":            ',',
		"a;b;c\n1,5;2;3\n":   ';',
		"\"a;b\",c\n":        ',',
		"a\tb\n":             '\t',
		"sales\n1;2;3;4;5\n": ',',
		"":                   ',',
	} {
		if got := Delimiter([]byte(in)); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// So is a GBK file whose window ends inside a two-byte character.
func TestSniffBoundaryGBK(t *testing.T) {
	var b strings.Builder
	b.WriteString("销售额\n")
	for b.Len() < 3*sniff {
		b.WriteString("11.3万\n")
	}
	for shift := 0; shift < 2; shift++ {
		text := strings.Repeat("1", shift) + b.String()
		gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
		got, src := read(t, gbk, Options{})
		if src.Encoding != "GB18030" || got != text {
			t.Errorf("shift %d: read as %s, %d bytes of %d", shift, src.Encoding, len(got), len(text))
		}
	}
}
