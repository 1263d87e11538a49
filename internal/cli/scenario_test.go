package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// A scenario is computed, shown and batched like a formula.
func TestScenarioCommands(t *testing.T) {
	out, stderr, code := run(t, "", "calc", "scn.import", "fob=1000000", "freight=50000", "duty_rate=10%", "--date", "2026-06-30", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Steps []struct{ ID, Value string }
		Parts []struct{ ID, Formula string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range res.Steps {
		got[s.ID] = s.Value
	}
	if got["value.customs_value"] != "1053150.00" || got["import.import_vat"] != "150600.45" || got["total"] != "255915.45" {
		t.Errorf("steps %v", got)
	}
	if len(res.Parts) != 2 || res.Parts[1].ID != "import" || res.Parts[1].Formula != "customs.import" {
		t.Errorf("parts %+v", res.Parts)
	}
	// A bad input names the scenario's input; a part's refusal names the part.
	_, stderr, code = run(t, "", "calc", "scn.import", "fob=abc", "freight=0", "duty_rate=10%", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "fob") {
		t.Errorf("bad input: exit %d %s", code, stderr)
	}
	_, stderr, code = run(t, "", "calc", "scn.general_month", "sales=100000", "input_tax=1000", "input_out=2000", "--lang", "en")
	if code != 2 || !strings.Contains(stderr, "Part vat") || !strings.Contains(stderr, "input_tax") {
		t.Errorf("part refusal: exit %d %s", code, stderr)
	}
	// Small low-profit chosen over the ceiling: the standard rate, with a
	// warning (CATALOG.md: the relief where chosen and eligible).
	out, _, code = run(t, "", "calc", "scn.eit_annual", "accounting_profit=3000001", "sales_revenue=20000000", "wages=2000000", "small_low_profit=yes", "--date", "2025-12-31", "--lang", "en", "--format", "json")
	if code != 0 || !strings.Contains(out, `"warnings":["Taxable income of 3,000,001.00 exceeds the small low-profit ceiling`) {
		t.Errorf("over the ceiling: exit %d %s", code, out)
	}
	out, _, code = run(t, "", "show", "scn.general_month", "--lang", "en")
	if code != 0 || !strings.Contains(out, "Input tax input_tax ← Input tax certified this month − Input tax transferred out") {
		t.Errorf("show wiring:\n%s", out)
	}
	out, stderr, code = run(t, "sales,input_tax,input_out\n1000000,80000,5000\n", "batch", "scn.general_month", "-", "--date", "2026-06-30")
	if code != 0 {
		t.Fatalf("batch exit %d: %s", code, stderr)
	}
	want := "date,sales,input_tax,input_out,vat.payable,ct.tax,surcharge.urban_tax,surcharge.education,surcharge.local_education,total\n" +
		"2026-06-30,1000000.00,80000.00,5000.00,55000.00,0.00,3850.00,1650.00,1100.00,61600.00\n"
	if out != want {
		t.Errorf("batch:\n%s\nwant\n%s", out, want)
	}
}
