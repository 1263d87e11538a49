package practice

import (
	"testing"

	"github.com/cntax/cntax/internal/engine"
)

// problemOf builds the problem a student would get for these inputs.
func problemOf(t *testing.T, id string, raw map[string]string) *Problem {
	t.Helper()
	eng, _, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Calc(id, raw, today)
	if err != nil {
		t.Fatal(err)
	}
	return &Problem{Formula: eng.Cat.Formula(id), Date: today, Raw: raw, Result: res.Visible()}
}

// Output tax 1,000.50 × 13% = 130.065 → 130.07; payable 130.07 − 100.45 =
// 29.62. Rounding the output tax to 130 first gives 29.55; rounding the
// payable gives 30 (whole yuan) or 29.6 (one decimal).
func TestNearMiss(t *testing.T) {
	p := problemOf(t, "vat.general", map[string]string{"sales": "1000.50", "input_tax": "100.45"})
	cases := []struct {
		step   int
		answer string
		ok     bool
		near   Near
	}{
		{0, "130.07", true, Near{}},
		{0, "130.065", true, Near{}}, // within the 0.01 tolerance
		{0, "130", false, Near{Kind: NearResult, Places: 0}},
		{0, "130.1", false, Near{Kind: NearResult, Places: 1}},
		{0, "130.0", false, Near{Kind: NearResult, Places: 0}},
		{1, "29.62", true, Near{}},
		{1, "30", false, Near{Kind: NearResult, Places: 0}},
		{1, "29.6", false, Near{Kind: NearResult, Places: 1}},
		{1, "29.55", false, Near{Kind: NearStep, Step: 0}},
		{1, "29.50", false, Near{}},
		{1, "129.62", false, Near{}},
		{2, "1", false, Near{}},
	}
	for _, c := range cases {
		m := p.Grade(c.step, c.answer)
		if !m.Parsed || m.OK != c.ok || m.Near != c.near {
			t.Errorf("step %d answer %q: ok %v near %+v, want ok %v near %+v", c.step+1, c.answer, m.OK, m.Near, c.ok, c.near)
		}
	}
}

// A value that is already whole has no rounding slip to name: 584,103 is
// right, 584,100 simply wrong.
func TestNearMissWholeValue(t *testing.T) {
	p := problemOf(t, "vat.general", map[string]string{"sales": "4493100", "input_tax": "62790"})
	if m := p.Grade(0, "584100"); m.OK || m.Near.Kind != NearNone {
		t.Errorf("584100: %+v", m)
	}
	if m := p.Grade(0, "584103"); !m.OK {
		t.Errorf("584103: %+v", m)
	}
}
