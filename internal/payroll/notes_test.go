package payroll

import (
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
)

func TestBonusTrap(t *testing.T) {
	eng, cats := load(t)
	cases := []struct {
		bonus, date string
		trap        bool
		lo, hi      string
		bound, bnet string
	}{
		{"36000.01", "2024-12-31", true, "36000.01", "38566.67", "36000.00", "34920.00"},
		{"37000", "2024-12-31", true, "36000.01", "38566.67", "36000.00", "34920.00"},
		{"38566.67", "2024-12-31", true, "36000.01", "38566.67", "36000.00", "34920.00"},
		{"38566.68", "2024-12-31", false, "", "", "", ""},
		{"36000", "2024-12-31", false, "", "", "", ""},
		{"144000.01", "2024-12-31", true, "144000.01", "160500.00", "144000.00", "129810.00"},
		// 2011–2018 table: 18,000 is the 1,500 × 12 bound; (18,000 − 540 − 105) ÷ 0.9 = 19,283.33
		{"18500", "2015-12-31", true, "18000.01", "19283.33", "18000.00", "17460.00"},
	}
	for _, c := range cases {
		res, err := eng.Calc("iit.bonus", map[string]string{"bonus": c.bonus}, date.MustParse(c.date))
		if err != nil {
			t.Fatal(err)
		}
		tr, ok := BonusTrap(res)
		if ok != c.trap {
			t.Errorf("%s: trap %v, want %v (%+v)", c.bonus, ok, c.trap, tr)
			continue
		}
		if !ok {
			if n := Notes(res); len(n) != 0 {
				t.Errorf("%s: notes %v", c.bonus, n)
			}
			continue
		}
		if yuan(tr.Lo) != c.lo || yuan(tr.Hi) != c.hi || yuan(tr.Bound) != c.bound || yuan(tr.BoundNet) != c.bnet {
			t.Errorf("%s: %s–%s bound %s leaves %s", c.bonus, yuan(tr.Lo), yuan(tr.Hi), yuan(tr.Bound), yuan(tr.BoundNet))
		}
		n := Notes(res)
		if len(n) != 1 {
			t.Fatalf("%s: notes %v", c.bonus, n)
		}
		for _, l := range i18n.Langs {
			msg := n[0].Message(cats[l])
			if strings.Contains(msg, "⟦") || strings.Contains(msg, "{") {
				t.Errorf("%s: %s", l, msg)
			}
		}
	}
	res, _ := eng.Calc("iit.bonus", map[string]string{"bonus": "37000"}, date.MustParse("2024-12-31"))
	if msg := Notes(res)[0].Message(cats[i18n.EN]); !strings.Contains(msg, "36,000.01 to 38,566.67") || !strings.Contains(msg, "1,410.00 less") {
		t.Errorf("message: %s", msg)
	}
}

// iit.wage_cumulative after January with no tax withheld so far warns.
func TestWithheldDefaultNote(t *testing.T) {
	eng, _ := load(t)
	d := date.MustParse("2024-05-31")
	res, _ := eng.Calc(FormulaMonth, map[string]string{"cum_income": "100000", "months": "5", "cum_special": "10000"}, d)
	if n := Notes(res); len(n) != 1 || n[0].Key != "note.payroll.withheld_default" {
		t.Errorf("notes %v", n)
	}
	res, _ = eng.Calc(FormulaMonth, map[string]string{"cum_income": "100000", "months": "5", "cum_withheld": "1680"}, d)
	if n := Notes(res); len(n) != 0 {
		t.Errorf("notes %v", n)
	}
}
