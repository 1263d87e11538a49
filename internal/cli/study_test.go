package cli

import (
	"strings"
	"testing"
)

// --answers end puts every answer after every problem; none prints no
// answer; inline puts each under its problem. The same seed draws the same
// problems whatever the layout.
func TestWorksheetAnswers(t *testing.T) {
	get := func(answers string) string {
		out, stderr, code := run(t, "", "practice", "vat", "--print", "--count", "3", "--seed", "7", "--lang", "en", "--answers", answers)
		if code != 0 {
			t.Fatalf("--answers %s: exit %d: %s", answers, code, stderr)
		}
		return out
	}
	inline, end, none := get("inline"), get("end"), get("none")
	def, _, _ := run(t, "", "practice", "vat", "--print", "--count", "3", "--seed", "7", "--lang", "en")
	if def != end {
		t.Error("the default is not --answers end")
	}
	key := strings.Index(end, "==== Answer key ====")
	if key < 0 {
		t.Fatalf("no answer key:\n%s", end)
	}
	if strings.Count(end[:key], "Problem ") != 3 || strings.Count(end[key:], "Problem ") != 3 {
		t.Errorf("the key does not follow all three problems:\n%s", end)
	}
	// every worked line of the inline sheet is in the key, none above it
	for _, l := range strings.Split(inline, "\n") {
		if strings.Contains(l, " = ") && !strings.Contains(l, "________") && strings.HasPrefix(l, "  ") {
			if !strings.Contains(end[key:], l) || strings.Contains(end[:key], l) {
				t.Errorf("worked line %q is not only in the key", l)
			}
			if strings.Contains(none, l) {
				t.Errorf("--answers none prints %q", l)
			}
		}
	}
	if strings.Contains(none, "Answer key") || strings.Count(none, "________") != strings.Count(end, "________") {
		t.Errorf("--answers none:\n%s", none)
	}
}

func TestWorksheetBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"--count", "0"}, "--count must be a whole number from 1 to 500, not 0"},
		{[]string{"--count", "-3"}, "not -3"},
		{[]string{"--count", "501"}, "not 501"},
		{[]string{"--count", "x"}, "invalid argument"},
		{[]string{"--answers", "later"}, "not “later”"},
	} {
		_, stderr, code := run(t, "", append([]string{"practice", "--print", "--lang", "en"}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.err) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.err)
		}
	}
}
