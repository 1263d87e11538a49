package practice

import (
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// Weakest first, per tax and per formula; the days in order with the
// trend marked.
func TestDashboard(t *testing.T) {
	eng, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	stats := &Stats{Formulas: map[string]*FormulaStats{
		"vat.general":         {Problems: 4, Steps: 12, StepsRight: 11},
		"vat.separate":        {Problems: 2, Steps: 4, StepsRight: 1},
		"iit.wage_cumulative": {Problems: 1, Steps: 5, StepsRight: 5},
	}}
	st := newStudy()
	for _, a := range []Outcome{
		{Formula: "vat.general", Day: "2026-11-20", Got: 1, Of: 3},
		{Formula: "vat.general", Day: "2026-11-21", Got: 3, Of: 3},
		{Formula: "vat.separate", Day: "2026-11-22", Got: 1, Of: 2},
	} {
		st.Apply(a)
	}
	out := Dashboard(eng.Cat, stats, st, cats[i18n.EN])
	sep := strings.Index(out, "Separate VAT")
	gen := strings.Index(out, "VAT payable, general")
	if sep < 0 || gen < 0 || sep > gen {
		t.Errorf("not weakest first:\n%s", out)
	}
	vat, iit := strings.Index(out, "  VAT  "), strings.Index(out, "Individual income tax")
	if vat < 0 || iit < 0 || vat > iit || !strings.Contains(out, " 75%  VAT  6 problems") {
		t.Errorf("by tax:\n%s", out)
	}
	for _, want := range []string{"2026-11-20   33%", "2026-11-21  100%  1 problems ▲", "2026-11-22   50%  1 problems ▼"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if !strings.Contains(Dashboard(eng.Cat, &Stats{Formulas: map[string]*FormulaStats{}}, nil, cats[i18n.ZH]), "还没有练习记录") {
		t.Error("empty dashboard")
	}
}
