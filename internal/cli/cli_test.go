package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
)

func run(t testing.TB, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	home := t.TempDir()
	code := Main(args, Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errb,
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

func TestCalcJSONContract(t *testing.T) {
	out, stderr, code := run(t, "", "calc", "vat.general", "sales=100000", "input_tax=8000", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := `{"formula":"vat.general","date":"2026-11-22","inputs":{"sales":"100000.00","rate":"0.13","input_tax":"8000.00","carried_credit":"0.00"},"steps":[{"id":"output_tax","label":"销项税额","expr":"销售额 × 税率","substituted":"100,000.00 × 13%","value":"13000.00"},{"id":"payable","label":"应纳税额","expr":"max(销项税额 − 进项税额 − 上期留抵税额, 0)","substituted":"max(13,000.00 − 8,000.00 − 0.00, 0)","value":"5000.00"},{"id":"credit_forward","label":"期末留抵税额","expr":"max(进项税额 + 上期留抵税额 − 销项税额, 0)","substituted":"max(8,000.00 + 0.00 − 13,000.00, 0)","value":"0.00"}],"result":{"id":"payable","value":"5000.00"}}` + "\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"list"}, 0, ""},
		{[]string{"calc", "vat.general", "sales=11.3万"}, 0, ""},
		{[]string{"calc", "vat.general"}, 2, "sales（销售额）"},
		{[]string{"calc", "vat.general", "sales=abc", "--lang", "en"}, 2, "sales (Sales): “abc” is not a number"},
		{[]string{"calc", "vat.general", "sales=1", "bogus=2", "--lang", "en"}, 2, "has no input named bogus"},
		{[]string{"calc", "vat.general", "sales"}, 2, "sales=113000"},
		{[]string{"calc", "vat.general", "sales=1", "sales=2"}, 2, "sales"},
		{[]string{"calc", "no.such"}, 2, "no.such"},
		{[]string{"calc", "vat.general", "sales=1", "--date", "2026-02-30"}, 2, "2026-02-30"},
		{[]string{"calc", "vat.general", "sales=1", "--date", "1990-01-01", "--lang", "en"}, 2, "applies from 1994-01-01"},
		{[]string{"calc", "vat.general", "sales=1", "--lang", "fr"}, 2, "zh, en, both"},
		{[]string{"calc", "vat.general", "sales=1", "--format", "xml"}, 2, "text, json, md"},
		{[]string{"calc"}, 2, "calc 需要公式编号"},
		{[]string{"nonsense"}, 2, "没有命令“nonsense”"},
		{[]string{"list", "--bogus"}, 2, "unknown flag"},
		{[]string{"show", "vat.small_scale", "--date", "2026-06-30"}, 0, ""},
		{[]string{"show", "vat.small_scale", "--json"}, 0, ""},
		{[]string{"calc", "surcharge.city", "vat=100", "halve=yes", "--date", "2018-01-01", "--lang", "en"}, 2, "applies from 2019-01-01 to 2027-12-31"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, stderr, code := run(t, "", tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.err) {
				t.Errorf("stderr %q lacks %q", stderr, tt.err)
			}
		})
	}
}

func TestCalcTextBoth(t *testing.T) {
	out, _, code := run(t, "", "calc", "vat.general", "sales=11.3万", "--lang", "both")
	if code != 0 {
		t.Fatal(code)
	}
	for _, want := range []string{"销项税额 · Output tax", "= 销售额 × 税率", "= Sales × Rate", "= 113,000.00 × 13%", "= 14,690.00", "应纳税额 · Tax payable = 14,690.00"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes in output to a non-terminal")
	}
}

func TestMarkdown(t *testing.T) {
	out, _, code := run(t, "", "calc", "vat.small_scale", "sales_incl=200000", "--format", "md", "--date", "2026-06-30")
	if code != 0 {
		t.Fatal(code)
	}
	for _, want := range []string{"# 小规模纳税人应纳增值税 (`vat.small_scale`)", "| 1 | 不含税销售额 `sales` |", "⚠", "vat.small_scale.rate"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}

func TestUnverifiedJSON(t *testing.T) {
	out, _, _ := run(t, "", "calc", "vat.small_scale", "sales_incl=200000", "--format", "json", "--date", "2026-06-30")
	var v struct{ Unverified []string }
	if err := json.Unmarshal([]byte(out), &v); err != nil || len(v.Unverified) != 1 {
		t.Fatalf("%v %s", err, out)
	}
}

func TestBatch(t *testing.T) {
	in := "sales,input_tax\n100000,8000\n11.3万,\n"
	out, stderr, code := run(t, in, "batch", "vat.general", "-")
	if code != 0 {
		t.Fatalf("%d %s", code, stderr)
	}
	want := "date,sales,input_tax,output_tax,payable,credit_forward\n2026-11-22,100000.00,8000.00,13000.00,5000.00,0.00\n2026-11-22,113000.00,0.00,14690.00,14690.00,0.00\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	in = "date,sales\n2018-06-01,100000\nbad,1\n2026-01-01,abc\n"
	out, stderr, code = run(t, in, "batch", "vat.general", "-", "--keep-going", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "Rows failed: 2") {
		t.Fatalf("%d %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "2018-06-01,100000.00,16000.00") || !strings.Contains(lines[3], "not a number") {
		t.Errorf("got\n%s", out)
	}
	_, stderr, code = run(t, "sales\nabc\n", "batch", "vat.general", "-", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "Row 2") {
		t.Errorf("%d %s", code, stderr)
	}
	_, stderr, code = run(t, "turnover\n1\n", "batch", "vat.general", "-", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "no input named turnover") {
		t.Errorf("%d %s", code, stderr)
	}
	out, _, code = run(t, "sales\n100\n", "batch", "vat.general", "-", "--format", "json")
	if code != 0 || !strings.HasPrefix(out, `{"formula":"vat.general"`) {
		t.Errorf("%d %s", code, out)
	}
}

func BenchmarkBatch(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("sales,input_tax\n")
	for i := 0; i < 1000; i++ {
		sb.WriteString("113000,8000\n")
	}
	in := sb.String()
	b.ReportAllocs()
	for b.Loop() {
		if _, stderr, code := run(b, in, "batch", "vat.general", "-"); code != 0 {
			b.Fatal(stderr)
		}
	}
}

// A CSV row must not lose cells: 1,000 unquoted is two cells, and guessing
// which one was meant would print a wrong tax.
func TestBatchRefusesGuesses(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"sales,input_tax\n1,000,500\n", "has 3 cells but the header 2"},
		{"sales,sales\n100,200\n", "names sales twice"},
		{"sales,note\n100,abc\n", "no input named note"},
	} {
		_, stderr, code := run(t, tt.in, "batch", "vat.general", "-", "--lang", "en")
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, %s", tt.in, code, stderr)
		}
		if strings.Contains(stderr, "is missing") {
			t.Errorf("%q: a false missing-input message: %s", tt.in, stderr)
		}
	}
	out, _, code := run(t, "sales,input_tax\n\"1,000\",500\n", "batch", "vat.general", "-")
	if code != 0 || !strings.Contains(out, "1000.00,500.00,130.00") {
		t.Errorf("quoted amount: %d %s", code, out)
	}
}

func TestEmptyOptionalTakesDefault(t *testing.T) {
	out, stderr, code := run(t, "", "calc", "vat.general", "sales=100", "input_tax=", "--format", "json")
	if code != 0 || !strings.Contains(out, `"input_tax":"0.00"`) {
		t.Errorf("%d %s %s", code, out, stderr)
	}
	_, stderr, code = run(t, "", "calc", "vat.small_scale", "sales_incl=100", "rate=1", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "ambiguous") {
		t.Errorf("rate=1: %d %s", code, stderr)
	}
}
