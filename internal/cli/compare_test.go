package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// The 2019 VAT cut: the same sales under 16% and 13%; the rate and the two
// steps that read it are marked, the carried credit (0 both days) is not.
func TestCalcCompare(t *testing.T) {
	out, stderr, code := run(t, "", "calc", "vat.general", "sales=100000", "input_tax=8000", "--date", "2018-06-01", "--compare", "2019-06-01", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"≠ Rate", "16%         13%", "≠ Output tax", "16,000.00   13,000.00", "= 100,000.00 × 13%", "2 steps differ; Tax payable: 8,000.00 → 5,000.00 (difference -3,000.00)"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "≠ Credit carried forward") {
		t.Errorf("an equal step is marked:\n%s", out)
	}
	js, _, code := run(t, "", "calc", "vat.general", "sales=100000", "input_tax=8000", "--date", "2018-06-01", "--compare", "2019-06-01", "--format", "json")
	var v struct {
		Dates [2]string
		Rows  []struct {
			ID     string
			Kind   string
			Values [2]string
			Differ bool
		}
	}
	if code != 0 || json.Unmarshal([]byte(js), &v) != nil || v.Dates != [2]string{"2018-06-01", "2019-06-01"} {
		t.Fatalf("json: %d\n%s", code, js)
	}
	differ := map[string]bool{}
	for _, r := range v.Rows {
		differ[r.ID] = r.Differ
	}
	if !differ["rate"] || !differ["output_tax"] || !differ["payable"] || differ["sales"] || differ["credit_forward"] {
		t.Errorf("differ %v", differ)
	}
	if _, stderr, code := run(t, "", "calc", "vat.general", "sales=1", "--compare", "2019-02-30", "--lang", "en"); code != 2 || !strings.Contains(stderr, "--compare must be a date") {
		t.Errorf("bad date: %d %s", code, stderr)
	}
}
