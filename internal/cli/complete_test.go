package cli

import (
	"strings"
	"testing"
)

// complete runs cobra's hidden __complete, as the shell scripts do, and
// returns the candidates (without descriptions) and the directive line.
func complete(t *testing.T, args ...string) (map[string]string, string) {
	t.Helper()
	out, stderr, code := run(t, "", append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %v: exit %d: %s", args, code, stderr)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	got := map[string]string{}
	for _, l := range lines[:len(lines)-1] {
		v, d, _ := strings.Cut(l, "\t")
		got[v] = d
	}
	return got, lines[len(lines)-1]
}

func TestCompletion(t *testing.T) {
	tests := []struct {
		args      []string
		want      map[string]string // candidate → description ("" = any)
		absent    []string
		directive string
	}{
		{[]string{"calc", "vat.gen"}, map[string]string{"vat.general": "一般纳税人应纳增值税"}, []string{"iit.wage_cumulative"}, ":4"},
		{[]string{"--lang", "en", "show", "vat.gen"}, map[string]string{"vat.general": ""}, nil, ":4"},
		{[]string{"batch", "scn."}, map[string]string{"scn.eit_annual": ""}, []string{"vat.general"}, ":4"},
		{[]string{"batch", "vat.general", ""}, map[string]string{"csv": "", "xlsx": ""}, nil, ":8"},
		// After an id: the inputs not yet given, as name= with no space.
		{[]string{"calc", "vat.general", "sales=1", ""}, map[string]string{"rate=": "税率", "input_tax=": ""}, []string{"sales="}, ":6"},
		{[]string{"--lang", "en", "calc", "vat.general", "rate="}, map[string]string{"rate=vat.rate.standard": "Standard rate", "rate=vat.rate.low": ""}, nil, ":4"},
		{[]string{"calc", "vat.general", "rate=vat.rate.s"}, map[string]string{"rate=vat.rate.standard": ""}, []string{"rate=vat.rate.low"}, ":4"},
		{[]string{"calc", "no.such", ""}, map[string]string{}, nil, ":4"},
		{[]string{"calc", "--lang", ""}, map[string]string{"zh": "", "en": "", "both": ""}, nil, ":4"},
		{[]string{"calc", "vat.general", "--format", ""}, map[string]string{"text": "", "json": "", "md": ""}, nil, ":4"},
		{[]string{"batch", "vat.general", "x.csv", "--format", ""}, map[string]string{"csv": "", "json": ""}, nil, ":4"},
		{[]string{"practice", ""}, map[string]string{"vat": "增值税", "consumption": "消费税", "scn": ""}, nil, ":4"},
		{[]string{"practice", "vat.gen"}, map[string]string{"vat.general": ""}, nil, ":4"},
		{[]string{"payroll", ""}, map[string]string{"csv": "", "xlsx": ""}, nil, ":8"},
	}
	for _, tt := range tests {
		got, dir := complete(t, tt.args...)
		if dir != tt.directive {
			t.Errorf("%v: directive %s, want %s", tt.args, dir, tt.directive)
		}
		for v, d := range tt.want {
			gd, ok := got[v]
			if !ok || (d != "" && gd != d) {
				t.Errorf("%v: want %q (%q), got %v", tt.args, v, d, got)
			}
		}
		for _, v := range tt.absent {
			if _, ok := got[v]; ok {
				t.Errorf("%v: %q should not be offered", tt.args, v)
			}
		}
	}
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		out, stderr, code := run(t, "", "completion", sh)
		if code != 0 || !strings.Contains(out, "__complete") {
			t.Errorf("completion %s: exit %d %s", sh, code, stderr)
		}
	}
}
