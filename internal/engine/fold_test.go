package engine

import (
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/formula"
)

func src(n formula.Node) string {
	p := formula.Printer{Source: true}
	return p.Print(n)
}

func visibleIDs(r *Result) []string {
	var ids []string
	for _, s := range r.Visible().Steps {
		ids = append(ids, s.Step.ID)
	}
	return ids
}

// Issue 13 defect 5: from 2023 the small low-profit tax is one line,
// taxable income × 25% × 20%, not two equal slices.
func TestSmallLowProfitOneLine(t *testing.T) {
	e, _ := load(t)
	r, err := e.Calc("eit.small_low_profit", map[string]string{"taxable_income": "2000000"}, date.MustParse("2024-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	if ids := visibleIDs(r); len(ids) != 1 || ids[0] != "tax" {
		t.Errorf("2024 steps shown: %v, want only tax", ids)
	}
	if got := src(r.Steps[len(r.Steps)-1].Expr()); got != "taxable_income * eit.slpe.low_inclusion * eit.rate.slpe" {
		t.Errorf("2024 tax shown as %q", got)
	}
	r, err = e.Calc("eit.small_low_profit", map[string]string{"taxable_income": "2000000"}, date.MustParse("2022-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	if ids := visibleIDs(r); len(ids) != 5 {
		t.Errorf("2022 steps shown: %v, want the two slices", ids)
	}
}

// Issue 13 defect 6: stamp duty shows only the regime of the date.
func TestStampShowsOneRegime(t *testing.T) {
	e, _ := load(t)
	r, err := e.Calc("stamp.contract", map[string]string{"amount": "1000000", "rate": "stamp.law.sale"}, date.MustParse("2024-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"full":   "round(amount * rate, 2)",
		"relief": "if(halve, round(full * 50%, 2), 0)",
		"tax":    "full - relief",
	}
	for _, s := range r.Visible().Steps {
		if w, ok := want[s.Step.ID]; !ok || src(s.Expr()) != w {
			t.Errorf("Law: step %s shown as %q, want %q", s.Step.ID, src(s.Expr()), w)
		}
	}
	r, err = e.Calc("stamp.contract", map[string]string{"amount": "1833", "rate": "stamp.old.purchase_sale"}, date.MustParse("2021-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	if got := src(r.Steps[0].Expr()); got != "amount * rate" {
		t.Errorf("old regulation: full shown as %q", got)
	}
}
