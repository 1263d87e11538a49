package render

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// The scenario JSON contract (CATALOG.md "Scenarios"): the formula keys,
// parts with id, formula, inputs, steps and result, every part step also
// at the top as PART.STEP, and the scenario's own step as the result.
func TestScenarioJSON(t *testing.T) {
	eng, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Calc("scn.general_month", map[string]string{"sales": "1000000", "input_tax": "80000", "input_out": "5000"}, date.MustParse("2026-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	set := &i18n.Set{Cats: cats, Mode: i18n.ModeEN}
	var out map[string]any
	if err := json.Unmarshal(JSON(res, set), &out); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"formula", "date", "inputs", "steps", "result", "parts", "filed"} {
		if _, ok := out[k]; !ok {
			t.Errorf("no %q", k)
		}
	}
	steps := map[string]string{}
	for _, s := range out["steps"].([]any) {
		m := s.(map[string]any)
		steps[m["id"].(string)] = m["value"].(string)
	}
	for id, want := range map[string]string{"vat.payable": "55000.00", "ct.tax": "0.00", "surcharge.urban_tax": "3850.00",
		"surcharge.education": "1650.00", "surcharge.local_education": "1100.00", "total": "61600.00"} {
		if steps[id] != want {
			t.Errorf("steps[%s] = %q, want %s", id, steps[id], want)
		}
	}
	parts := out["parts"].([]any)
	if len(parts) != 3 {
		t.Fatalf("%d parts", len(parts))
	}
	p0 := parts[0].(map[string]any)
	for _, k := range []string{"id", "formula", "inputs", "steps", "result", "from"} {
		if _, ok := p0[k]; !ok {
			t.Errorf("part lacks %q", k)
		}
	}
	if p0["id"] != "vat" || p0["formula"] != "vat.general" {
		t.Errorf("part 0: %v", p0)
	}
	from := p0["from"].(map[string]any)["input_tax"].(map[string]any)
	if from["substituted"] != "80,000.00 − 5,000.00" {
		t.Errorf("from: %v", from)
	}
	if r := out["result"].(map[string]any); r["id"] != "total" || r["value"] != "61600.00" {
		t.Errorf("result %v", r)
	}
	text := Text(res, set, Plain)
	for _, want := range []string{"Figures to file", "VAT payable", "55,000.00  vat.general", "← Input tax certified this month − Input tax transferred out = 80,000.00 − 5,000.00", "3. City construction tax"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	md := Markdown(res, set)
	for _, want := range []string{"## Figures to file", "| VAT payable `vat.payable` | 55,000.00 | `vat.general` |", "`vat.payable`"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}
