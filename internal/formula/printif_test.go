package formula

import "testing"

// if() reads as the law reads it (issue 17, 5): 如果 … 则 … 否则 …, in
// parentheses under an operator; the source form keeps if(…).
func TestPrintIfAsSentence(t *testing.T) {
	words := map[string]string{"if": "如果", "then": "则", "else": "否则"}
	p := Printer{Word: func(s string) string {
		if w, ok := words[s]; ok {
			return w
		}
		return s
	}}
	for src, want := range map[string]string{
		"if(a > 1, b * 2, 0)":     "如果 a > 1 则 b × 2 否则 0",
		"c + if(a, b, 0)":         "c + (如果 a 则 b 否则 0)",
		"if(a, if(b, 1, 2), 3)":   "如果 a 则 (如果 b 则 1 否则 2) 否则 3",
		"max(if(a, b, c) - 1, 0)": "max((如果 a 则 b 否则 c) − 1, 0)",
	} {
		n, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Print(n); got != want {
			t.Errorf("%s: %q, want %q", src, got, want)
		}
		if got := (&Printer{Source: true}).Print(n); got != src {
			t.Errorf("source form of %s: %q", src, got)
		}
	}
}
