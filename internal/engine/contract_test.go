package engine

import "testing"

// contract is CATALOG.md: outside tools call these ids, so they must exist
// exactly (the file adds inputs and steps freely, never renames).
var contract = []contractRow{
	{"vat.general", []string{"sales", "rate", "input_tax", "carried_credit"}, []string{"output_tax", "payable", "credit_forward"}},
	{"vat.separate", []string{"amount_incl", "rate"}, []string{"sales", "tax"}},
	{"vat.input_transfer", []string{"common_input", "simple_sales", "exempt_sales", "total_sales"}, []string{"nondeductible"}},
	{"vat.small_scale", []string{"sales_incl", "rate", "months"}, []string{"sales", "threshold", "tax"}},
	{"vat.deemed_price", []string{"cost", "margin", "ct_rate"}, []string{"price"}},
	{"ct.ad_valorem", []string{"sales", "rate"}, []string{"tax"}},
	{"ct.specific", []string{"quantity", "unit_tax"}, []string{"tax"}},
	{"ct.compound", []string{"sales", "rate", "quantity", "unit_tax"}, []string{"tax"}},
	{"ct.self_use", []string{"cost", "margin", "rate", "quantity", "unit_tax"}, []string{"profit", "price", "tax"}},
	{"ct.processing", []string{"materials", "fee", "rate", "quantity", "unit_tax"}, []string{"price", "tax"}},
	{"eit.taxable", []string{"revenue", "non_taxable", "exempt", "deductions", "losses"}, []string{"taxable_income"}},
	{"eit.tax", []string{"taxable_income", "rate", "credits"}, []string{"tax"}},
	{"eit.small_low_profit", []string{"taxable_income"}, []string{"tax"}},
	{"eit.deduction_limits", []string{"sales_revenue", "profit", "wages", "entertainment", "advertising", "welfare", "union", "education", "donations"}, []string{"entertainment_allowed", "advertising_allowed", "welfare_allowed", "union_allowed", "education_allowed", "donations_allowed", "addback"}},
	{"eit.foreign_credit", []string{"total_tax", "foreign_income", "total_income", "foreign_tax_paid"}, []string{"limit", "credit"}},
	{"iit.wage_cumulative", []string{"cum_income", "months", "cum_special", "cum_additional", "cum_other", "cum_exempt", "cum_withheld"}, []string{"cum_basic", "cum_taxable", "cum_tax", "tax"}},
	{"iit.wage_monthly", []string{"income", "special"}, []string{"taxable", "tax"}},
	{"iit.annual", []string{"wages", "labor", "author", "royalty", "special", "additional", "other", "withheld"}, []string{"income", "taxable", "tax", "balance"}},
	{"iit.labor", []string{"income"}, []string{"taxable", "tax"}},
	{"iit.author", []string{"income"}, []string{"taxable", "tax"}},
	{"iit.royalty", []string{"income"}, []string{"taxable", "tax"}},
	{"iit.bonus", []string{"bonus"}, []string{"monthly_avg", "tax"}},
	{"iit.business", []string{"taxable_income", "halve"}, []string{"tax"}},
	{"iit.property_transfer", []string{"proceeds", "cost", "expenses"}, []string{"taxable", "tax"}},
	{"iit.flat", []string{"income"}, []string{"tax"}},
	{"lat.tax", []string{"proceeds", "deductions"}, []string{"appreciation", "ratio", "tax", "tax_progressive"}},
	{"lat.developer", []string{"proceeds", "land_cost", "dev_cost", "taxes", "interest", "interest_provable", "ordinary_housing"}, []string{"expenses", "extra", "deductions", "appreciation", "ratio", "tax"}},
	{"stamp.contract", []string{"amount", "rate", "halve"}, []string{"tax"}},
	{"stamp.books", []string{"capital", "previous", "halve"}, []string{"base", "tax"}},
	{"stamp.securities", []string{"amount"}, []string{"tax"}},
	{"customs.value", []string{"fob", "freight", "insurance"}, []string{"customs_value"}},
	{"customs.import", []string{"customs_value", "duty_rate", "ct_rate", "quantity", "unit_tax", "vat_rate"}, []string{"duty", "ct_base", "consumption_tax", "import_vat", "total"}},
	{"customs.export", []string{"fob", "rate"}, []string{"customs_value", "duty"}},
	{"customs.cbec", []string{"price", "ct_rate", "vat_rate"}, []string{"consumption_tax", "import_vat", "total"}},
	{"surcharge.city", []string{"vat", "ct", "rate", "halve"}, []string{"urban_tax", "education", "local_education", "total"}},
}

func TestContract(t *testing.T) {
	if len(contract) != 35 {
		t.Fatalf("contract has %d rows, CATALOG.md has 35", len(contract))
	}
	checkContract(t, contract)
}

// contractRow is one row of CATALOG.md: a formula (or scenario) id with
// the input and step ids outside checks call. A scenario's steps may be
// PART.STEP.
type contractRow struct {
	id     string
	inputs []string
	steps  []string
}

// checkContract fails for every id, input or step of rows the catalog
// lacks. Each wave's table lives in its own file so parallel work does not
// collide in one slice literal.
func checkContract(t *testing.T, rows []contractRow) {
	t.Helper()
	e, _ := load(t)
	for _, c := range rows {
		f := e.Cat.Formula(c.id)
		if f == nil {
			t.Errorf("formula %s is missing", c.id)
			continue
		}
		for _, in := range c.inputs {
			if f.Input(in) == nil {
				t.Errorf("%s: input %s is missing", c.id, in)
			}
		}
		for _, st := range c.steps {
			if f.Step(st) == nil && !carriedByPart(f, st) {
				t.Errorf("%s: step %s is missing", c.id, st)
			}
		}
	}
}
