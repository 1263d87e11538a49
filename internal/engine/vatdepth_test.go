package engine

import (
	"errors"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
)

// A param with a gap (the reduced 1% levy is absent 2022-04-01 to
// 2022-12-31, when 2022年第15号 exempted the sales instead) is refused with
// both periods named, not with one span that hides the gap (issue 12,
// defect 6).
func TestChoiceOffNamesGap(t *testing.T) {
	e, cats := load(t)
	_, err := e.Calc("vat.small_scale", map[string]string{"sales_incl": "200000", "rate": "reduced"}, date.MustParse("2022-06-30"))
	var ie *InputError
	if !errors.As(err, &ie) || ie.Code != CodeChoiceOff {
		t.Fatalf("got %v, want %s", err, CodeChoiceOff)
	}
	for lang, want := range map[i18n.Lang][]string{
		i18n.ZH: {"2020-03-01 至 2022-03-31", "2023-01-01 至 2027-12-31"},
		i18n.EN: {"from 2020-03-01 to 2022-03-31", "from 2023-01-01 to 2027-12-31"},
	} {
		msg := strings.Join(Messages(err, cats[lang]), "\n")
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s message %q lacks %q", lang, msg, w)
			}
		}
	}
}

// wave2VAT is CATALOG.md wave 2 for the VAT, consumption-tax, customs and
// surcharge rows of issue 12 (customs.value_wholesale lives elsewhere).
var wave2VAT = []contractRow{
	{"vat.input_out", []string{"cost", "rate", "farm_produce", "freight"}, []string{"tax_out"}},
	{"vat.farm_input", []string{"price", "rate"}, []string{"input_tax"}},
	{"vat.passenger_input", []string{"amount", "kind"}, []string{"input_tax"}},
	{"vat.simple", []string{"sales_incl", "rate", "reduced_rate"}, []string{"sales", "tax"}},
	{"vat.margin", []string{"proceeds_incl", "deductible_incl", "rate"}, []string{"base", "tax"}},
	{"vat.super_credit", []string{"payable_before", "input_tax", "rate", "opening", "reduction"}, []string{"accrual", "available", "offset", "payable", "closing"}},
	{"vat.export_refund", []string{"fob", "domestic_output", "input_tax", "levy_rate", "refund_rate", "bonded_materials", "carried_credit"}, []string{"nondeductible", "payable", "limit", "refund", "exempt_offset", "credit_forward"}},
	{"vat.export_refund_trade", []string{"purchase", "refund_rate"}, []string{"refund"}},
	{"vat.prepay", []string{"amount_incl", "deduct_incl", "kind"}, []string{"base", "tax"}},
	{"vat.credit_refund", []string{"increment", "input_share", "ratio", "class"}, []string{"refund"}},
	{"ct.deduct_paid", []string{"sales", "rate", "opening", "purchases", "closing", "purchased_rate", "quantity", "unit_tax"}, []string{"gross_tax", "deductible", "tax"}},
	{"ct.import_cigarette", []string{"customs_value", "duty", "cartons"}, []string{"unit_price", "rate", "ct_base", "tax"}},
	{"ct.cigarette_wholesale", []string{"sales", "sticks"}, []string{"tax"}},
	{"ct.luxury_car", []string{"price"}, []string{"tax"}},
	{"customs.compound", []string{"customs_value", "rate", "quantity", "unit_duty"}, []string{"duty"}},
	{"customs.late_fee", []string{"duty", "days"}, []string{"fee"}},
	{"surcharge.city", []string{"vat", "ct", "rate", "halve", "credit_refund", "exempt_offset", "business_tax", "small_exempt"}, []string{"base", "urban_tax", "education", "local_education", "total"}},
}

func TestContractWave2VAT(t *testing.T) {
	checkContract(t, wave2VAT)
	e, _ := load(t)
	// The 1994–2006 consumption-tax table's contract ids.
	for _, id := range []string{"ct.rate.baijiu_grain", "ct.rate.baijiu_potato", "ct.margin.baijiu_grain", "ct.margin.baijiu_potato", "ct.rate.baijiu"} {
		if e.Cat.Params[id] == nil {
			t.Errorf("param %s is missing", id)
		}
	}
	d := date.MustParse("2003-06-15")
	for id, want := range map[string]bool{"ct.rate.baijiu_grain": true, "ct.rate.baijiu_potato": true, "ct.rate.baijiu": false, "ct.margin.baijiu_grain": true} {
		if _, ok := e.Cat.Params[id].At(d); ok != want {
			t.Errorf("%s in force on %s: %v, want %v", id, d, ok, want)
		}
	}
}

// Issue 12, defect 6: the small-scale summary states the VAT Law's 起征点
// rule, and the margin and 2026 threshold cite the documents their numbers
// come from.
func TestSmallScaleWordingAndCitations(t *testing.T) {
	e, cats := load(t)
	sum := cats[i18n.ZH].T(i18n.SummaryKey("vat.small_scale"))
	for _, w := range []string{"未达到起征点的免征", "达到起征点的全额计算"} {
		if !strings.Contains(sum, w) {
			t.Errorf("summary %q lacks %q", sum, w)
		}
	}
	for id, doc := range map[string]string{
		"vat.deemed.margin":         "国税发〔1993〕154号",
		"vat.small_scale.threshold": "2026年第10号",
	} {
		if src := e.Cat.Params[id].Source; !strings.Contains(src, doc) {
			t.Errorf("%s source %q does not name %s", id, src, doc)
		}
	}
}
