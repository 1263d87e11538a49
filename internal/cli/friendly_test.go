package cli

import (
	"bytes"
	"encoding/json"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/config"
	"github.com/cntax/cntax/internal/date"
)

// runEnv is run with a chosen environment (on top of a private home).
func runEnv(t testing.TB, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	home := t.TempDir()
	code := Main(args, Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if v, ok := env[k]; ok {
				return v
			}
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

func TestLanguageOrder(t *testing.T) {
	home := t.TempDir()
	base := map[string]string{"HOME": home, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home}
	// The TUI saved English (the user pressed l): calc must not follow it.
	if err := config.Save(func(k string) string { return base[k] }, config.Config{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name  string
		env   map[string]string
		args  []string
		label string // the label of the step output_tax
	}{
		{"no choice: Chinese, not the TUI's English", with(), nil, "销项税额"},
		{"locale", with("LANG", "en_US.UTF-8"), nil, "Output tax"},
		{"CNTAX_LANG over the locale", with("LANG", "en_US.UTF-8", "CNTAX_LANG", "zh"), nil, "销项税额"},
		{"CNTAX_LANG", with("CNTAX_LANG", "en"), nil, "Output tax"},
		{"--lang over CNTAX_LANG", with("CNTAX_LANG", "en"), []string{"--lang", "zh"}, "销项税额"},
		{"LC_ALL over LANG", with("LANG", "zh_CN.UTF-8", "LC_ALL", "en_GB.UTF-8"), nil, "Output tax"},
	}
	for _, tt := range tests {
		args := append([]string{"calc", "vat.general", "sales=113000", "--format", "json"}, tt.args...)
		out, stderr, code := runEnv(t, tt.env, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.name, code, stderr)
		}
		var res struct {
			Steps []struct{ ID, Label string }
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Steps) == 0 {
			t.Fatalf("%s: %v\n%s", tt.name, err, out)
		}
		if res.Steps[0].Label != tt.label {
			t.Errorf("%s: label %q, want %q", tt.name, res.Steps[0].Label, tt.label)
		}
	}
	_, stderr, code := runEnv(t, with("CNTAX_LANG", "fr"), "list")
	if code != 2 || !strings.Contains(stderr, "CNTAX_LANG=fr") {
		t.Errorf("CNTAX_LANG=fr: exit %d, %q", code, stderr)
	}
}

func TestHelpfulErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"calc", "--lang", "en"}, "calc needs a formula id, as in cntax calc vat.general sales=113000; cntax list shows the ids, cntax calc --help"},
		{[]string{"calc"}, "calc 需要公式编号"},
		{[]string{"show", "--lang", "en"}, "show needs a formula id"},
		{[]string{"batch", "--lang", "en"}, "batch needs a formula id and a file"},
		{[]string{"batch", "vat.general", "--lang", "en"}, "batch needs a file after the formula id"},
		{[]string{"payroll", "--lang", "en"}, "payroll needs a file"},
		{[]string{"clac", "vat.general", "--lang", "en"}, "There is no command “clac”. Did you mean calc? Run cntax --help"},
		{[]string{"lsit"}, "没有命令“lsit”。您是想用 list 吗？"},
		{[]string{"frobnicate", "--lang", "en"}, "There is no command “frobnicate”. Run cntax --help"},
		// No terminal (the tests' stdin and stdout are buffers): a hint, exit 2.
		{[]string{"--lang", "en"}, "needs a terminal. Without one use a command: cntax list"},
		{nil, "需要终端"},
	}
	for _, tt := range tests {
		_, stderr, code := run(t, "", tt.args...)
		if code != ExitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("cntax %v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
	// Too many arguments keep cobra's wording, still exit 2.
	if _, stderr, code := run(t, "", "show", "a", "b"); code != ExitUsage || !strings.Contains(stderr, "accepts 1 arg") {
		t.Errorf("show a b: exit %d, %q", code, stderr)
	}
}

func TestPracticeScope(t *testing.T) {
	for _, arg := range []string{"vat", "增值税", "VAT", "vat ", "consumption", "ct", "消费税", "Consumption tax", "vat.general"} {
		_, stderr, code := run(t, "", "practice", arg, "--print", "--seed", "3")
		if code != 0 {
			t.Errorf("practice %q: exit %d: %s", arg, code, stderr)
		}
	}
	_, stderr, code := run(t, "", "practice", "nonsense", "--print", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "no category named nonsense") {
		t.Errorf("practice nonsense: exit %d, %q", code, stderr)
	}
	out, _, _ := run(t, "", "practice", "--help")
	for _, want := range []string{"consumption (ct)", "消费税 · Consumption tax", "增值税 · VAT", "scn"} {
		if !strings.Contains(out, want) {
			t.Errorf("practice --help lacks %q:\n%s", want, out)
		}
	}
}

func TestVersion(t *testing.T) {
	defer func(f func() (*debug.BuildInfo, bool)) { buildInfo = f }(buildInfo)
	buildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-11-20T10:00:00Z"}, {Key: "vcs.modified", Value: "true"},
		}}, true
	}
	for _, args := range [][]string{{"version", "--lang", "en"}, {"--version", "--lang", "en"}} {
		out, stderr, code := run(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		for _, want := range []string{"cntax v1.2.3\n", "built from revision 0123abcd (with uncommitted changes) of 2026-11-20T10:00:00Z", "rules as of 20", "go1."} {
			if !strings.Contains(out, want) {
				t.Errorf("%v lacks %q:\n%s", args, want, out)
			}
		}
	}
	out, _, code := run(t, "", "version", "--json", "--date", "2026-11-22")
	var v versionInfo
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
		t.Fatalf("version --json: exit %d\n%s", code, out)
	}
	if v.Version != "v1.2.3" || v.Revision != "0123abcd" || !v.Modified || v.Formulas < 100 {
		t.Errorf("version --json: %+v", v)
	}
	// The rules as of the day are the newest change up to it; the catalog
	// carries the 2026 VAT law (in force 2026-01-01), so never earlier.
	if v.Rules < "2026-01-01" || v.Rules > "2026-11-22" || (v.Next != "" && v.Next <= "2026-11-22") {
		t.Errorf("rules as of %s, next %s", v.Rules, v.Next)
	}
	out, _, _ = run(t, "", "version")
	if !strings.Contains(out, "规则截至") {
		t.Errorf("version in Chinese:\n%s", out)
	}
}

func TestHelpInTheChosenLanguage(t *testing.T) {
	out, _, code := runEnv(t, map[string]string{"LANG": "zh_CN.UTF-8"}, "calc", "--help")
	for _, want := range []string{"按 名称=数值 给出输入", "用法：", "全局选项：", "语言：zh、en 或 both", "输出格式：text, json, md"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("calc --help under a Chinese locale lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runEnv(t, map[string]string{"LANG": "zh_CN.UTF-8"}, "--help", "--lang", "en")
	for _, want := range []string{"cntax computes Chinese taxes", "Usage:", "  calc        compute, showing every step\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("--help --lang en lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "计算并显示每一步") {
		t.Errorf("--help --lang en shows Chinese short lines:\n%s", out)
	}
	out, _, _ = runEnv(t, nil, "batch", "--help", "--lang", "both")
	if !strings.Contains(out, "对 CSV 文件") || !strings.Contains(out, "Compute formula ID for every row") {
		t.Errorf("batch --help --lang both is not in both languages:\n%s", out)
	}
}
