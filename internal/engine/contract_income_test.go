package engine

import (
	"testing"

	"github.com/cntax/cntax/internal/date"
)

// contractIncome is the wave-2 income, LAT and stamp part of CATALOG.md
// (issue 13), kept apart from the wave-1 table so that parallel work on
// other taxes does not collide in one slice literal.
var contractIncome = []contractRow{
	{"eit.indirect", []string{"accounting_profit", "addback", "exempt_income", "non_taxable", "super_deduction", "other_decrease", "losses"}, []string{"adjusted", "taxable_income"}},
	{"eit.rd_super", []string{"rd_expense", "other_expense", "ratio"}, []string{"other_allowed", "base", "extra"}},
	{"eit.prepay", []string{"cum_profit", "rate", "small_low_profit", "cum_prepaid"}, []string{"cum_tax", "tax"}},
	{"eit.settlement", []string{"taxable_income", "rate", "relief", "foreign_credit", "prepaid"}, []string{"tax", "balance"}},
	{"eit.deemed", []string{"revenue", "ratio", "cost_based", "rate"}, []string{"taxable_income", "tax"}},
	{"eit.withholding", []string{"income", "cost", "rate"}, []string{"base", "tax"}},
	{"iit.rental", []string{"rent", "taxes", "repairs", "sublet_rent", "housing"}, []string{"taxable", "tax"}},
	{"iit.nonresident", []string{"income", "kind"}, []string{"taxable", "tax"}},
	{"iit.severance", []string{"compensation", "threshold"}, []string{"taxable", "tax"}},
	{"iit.early_retirement", []string{"lump_sum", "years"}, []string{"per_year", "tax"}},
	{"iit.equity", []string{"income", "prior", "prior_tax"}, []string{"tax"}},
	{"iit.dividend_listed", []string{"dividend", "holding"}, []string{"taxable", "tax"}},
	{"iit.business_prepay", []string{"cum_taxable", "cum_paid", "halve", "other_relief"}, []string{"cum_tax", "tax"}},
	{"iit.withholding_fee", []string{"withheld"}, []string{"fee"}},
	{"iit.annual", []string{"wages", "labor", "author", "royalty", "special", "additional", "other", "withheld", "pension", "serious_illness"}, []string{"income", "taxable", "tax", "balance", "waived"}},
	{"lat.old_building", []string{"proceeds", "replacement_cost", "newness", "invoice_price", "years", "land_cost", "taxes", "deed_tax", "assessment_fee"}, []string{"deductions", "appreciation", "ratio", "tax"}},
	{"lat.prepay", []string{"proceeds", "rate", "region", "vat_prepaid"}, []string{"tax"}},
	{"lat.deemed", []string{"proceeds", "rate"}, []string{"tax"}},
}

func TestContractIncome(t *testing.T) {
	checkContract(t, contractIncome)
}

// The short choice names of CATALOG.md resolve on the command line.
func TestContractIncomeChoices(t *testing.T) {
	e, _ := load(t)
	for _, c := range []struct {
		id  string
		raw map[string]string
		d   string
	}{
		{"iit.nonresident", map[string]string{"income": "20000", "kind": "labor"}, "2024-06-30"},
		{"iit.nonresident", map[string]string{"income": "20000", "kind": "bonus"}, "2024-06-30"},
		{"iit.dividend_listed", map[string]string{"dividend": "1000", "holding": "1m_1y"}, "2024-06-30"},
		{"iit.dividend_listed", map[string]string{"dividend": "1000", "holding": "gt_1y"}, "2024-06-30"},
		{"lat.prepay", map[string]string{"proceeds": "1000000", "rate": "2%", "region": "central"}, "2024-06-30"},
	} {
		if _, err := e.Calc(c.id, c.raw, date.MustParse(c.d)); err != nil {
			t.Errorf("%s %v: %v", c.id, c.raw, err)
		}
	}
}
