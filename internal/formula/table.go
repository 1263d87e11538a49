package formula

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Bracket is one row of a progressive table: amounts up to and including
// Upto are taxed at Rate. The last bracket is open (no upper bound).
type Bracket struct {
	Upto  decimal.Decimal
	Open  bool
	Rate  decimal.Decimal
	Quick decimal.Decimal // quick deduction (速算扣除数), or a coefficient
}

// Table is a progressive rate table in force on some date.
type Table struct {
	Brackets []Bracket
}

// Validate checks what a table must satisfy for the quick method to agree
// with the slice-by-slice sum: bounds strictly increasing, exactly the last
// bracket open, and each quick deduction equal to the one derived from the
// bounds (quick[i] = quick[i-1] + upto[i-1] × (rate[i] − rate[i-1])).
func (t *Table) Validate() error {
	if len(t.Brackets) == 0 {
		return fmt.Errorf("table has no brackets")
	}
	for i, b := range t.Brackets {
		last := i == len(t.Brackets)-1
		if b.Open != last {
			if last {
				return fmt.Errorf("bracket %d: the last bracket must have no upper bound (omit upto)", i+1)
			}
			return fmt.Errorf("bracket %d: only the last bracket may omit upto", i+1)
		}
		if b.Rate.IsNegative() {
			return fmt.Errorf("bracket %d: negative rate", i+1)
		}
		if i == 0 {
			if !b.Quick.IsZero() {
				return fmt.Errorf("bracket 1: quick deduction must be 0, found %s", b.Quick)
			}
			if !b.Open && !b.Upto.IsPositive() {
				return fmt.Errorf("bracket 1: upto must be positive")
			}
			continue
		}
		prev := t.Brackets[i-1]
		if !b.Open && !b.Upto.GreaterThan(prev.Upto) {
			return fmt.Errorf("bracket %d: upto %s is not above the previous bracket's %s", i+1, b.Upto, prev.Upto)
		}
		want := prev.Quick.Add(prev.Upto.Mul(b.Rate.Sub(prev.Rate)))
		if !want.Equal(b.Quick) {
			return fmt.Errorf("bracket %d: quick deduction %s does not follow from the brackets; it should be %s", i+1, b.Quick, want)
		}
	}
	return nil
}

// find returns the bracket that x falls in, bounds scaled by scale (LAT
// brackets are ratios of the deductions; scaling the bounds instead of
// dividing x keeps the comparison exact).
func (t *Table) find(x, scale decimal.Decimal) int {
	// Most lookups are unscaled: skip a multiplication (an allocation) per
	// bracket, which a year of payroll does millions of times.
	unscaled := scale.Equal(one)
	for i, b := range t.Brackets {
		if b.Open {
			return i
		}
		bound := b.Upto
		if !unscaled {
			bound = bound.Mul(scale)
		}
		if x.LessThanOrEqual(bound) {
			return i
		}
	}
	return len(t.Brackets) - 1
}

// Slice is one bracket's share of a progressive sum.
type Slice struct {
	From, To decimal.Decimal // the part of x in this bracket (scaled bounds)
	Rate     decimal.Decimal
}

// Slices cuts x into its brackets; x ≤ 0 has no slices.
func (t *Table) Slices(x, scale decimal.Decimal) []Slice {
	var out []Slice
	lo := decimal.Zero
	for _, b := range t.Brackets {
		if !x.GreaterThan(lo) {
			break
		}
		hi := x
		if !b.Open {
			if up := b.Upto.Mul(scale); up.LessThan(x) {
				hi = up
			}
		}
		out = append(out, Slice{From: lo, To: hi, Rate: b.Rate})
		if !b.Open {
			lo = b.Upto.Mul(scale)
		}
	}
	return out
}

// Progressive is the sum over slices of (slice width × rate), the definition
// the quick-deduction method abbreviates.
func (t *Table) Progressive(x, scale decimal.Decimal) decimal.Decimal {
	sum := decimal.Zero
	for _, s := range t.Slices(x, scale) {
		sum = sum.Add(s.To.Sub(s.From).Mul(s.Rate))
	}
	return sum
}
