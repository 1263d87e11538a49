package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/practice"
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

// runHome is run with a state directory kept between calls.
func runHome(t *testing.T, home string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
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

// The notebook prints as a worksheet of its problems, exactly as missed;
// an empty one says so; review --list gives the order and why.
func TestMistakesPrintAndReviewList(t *testing.T) {
	home := t.TempDir()
	if _, stderr, code := runHome(t, home, "practice", "--mistakes", "--print", "--lang", "en"); code != 2 || !strings.Contains(stderr, "notebook is empty") {
		t.Fatalf("empty notebook: %d %s", code, stderr)
	}
	s := practice.OpenStudy(func(k string) string { return home })
	s.Record(practice.Outcome{Formula: "vat.general", Date: "2019-03-01", Inputs: map[string]string{"sales": "1000.50", "input_tax": "100.45"}, Day: "2026-11-20"})
	out, stderr, code := runHome(t, home, "practice", "--mistakes", "--print", "--answers", "inline", "--lang", "en")
	if code != 0 || !strings.Contains(out, "1,000.50 × 16%") || !strings.Contains(out, "= 160.08") {
		t.Fatalf("notebook sheet (the 2019 rate, 16%%): %d %s\n%s", code, stderr, out)
	}
	out, _, code = runHome(t, home, "review", "vat", "--list", "--count", "3", "--lang", "en")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 || !strings.Contains(lines[0], "vat.general") || !strings.Contains(lines[0], "due 1 days ago") {
		t.Fatalf("review list: %d\n%s", code, out)
	}
	if _, stderr, code := runHome(t, home, "review", "--count", "0"); code != 2 || stderr == "" {
		t.Errorf("review --count 0: %d", code)
	}
}

// A choice sheet: single choice and true/false alternate, the key follows,
// each answer names its param; a scope with nothing to ask is an error.
func TestChoiceSheet(t *testing.T) {
	out, stderr, code := run(t, "", "practice", "vat", "--choice", "--print", "--count", "4", "--seed", "2", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	key := strings.Index(out, "==== Answers ====")
	if key < 0 || strings.Count(out[:key], "   A. ") != 2 || strings.Count(out[:key], "True or false") != 2 || strings.Count(out[key:], "[vat.") != 4 {
		t.Fatalf("sheet:\n%s", out)
	}
	if _, _, code := run(t, "", "practice", "vat", "--choice", "--print", "--count", "0"); code != 2 {
		t.Errorf("--count 0: %d", code)
	}
}

// exam --print writes a paper without answers, --key its key: the same
// seed, the same ten questions.
func TestExamPaper(t *testing.T) {
	paper, stderr, code := run(t, "", "exam", "vat", "--print", "--seed", "5", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	key, _, _ := run(t, "", "exam", "vat", "--print", "--key", "--seed", "5", "--lang", "en")
	if !strings.Contains(paper, "I. Choice questions") || !strings.Contains(paper, "II. Calculation problems") || !strings.Contains(paper, "10. ") {
		t.Fatalf("paper:\n%s", paper)
	}
	if strings.Contains(paper, "Source:") || strings.Contains(paper, "[vat.") || !strings.Contains(key, "Source:") || !strings.Contains(key, "10. ") {
		t.Errorf("answers on the paper or none in the key:\n%s\n%s", paper, key)
	}
	if _, _, code := run(t, "", "exam", "--minutes", "0"); code != 2 {
		t.Errorf("--minutes 0: %d", code)
	}
}
