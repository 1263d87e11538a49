package engine

import (
	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// FormatValue is how a value reads on screen, by kind, in no particular
// language (booleans as true/false; see Value for words).
func FormatValue(k formula.Kind, v decimal.Decimal, u numparse.Unit) string {
	switch k {
	case formula.KindMoney:
		return numparse.Money(v)
	case formula.KindRate:
		return numparse.Rate(v, u)
	case formula.KindBool:
		if v.IsZero() {
			return "false"
		}
		return "true"
	}
	return numparse.Plainnum(v)
}

// Value formats in a catalog's language (是/否 for booleans).
func Value(c *i18n.Catalog, k formula.Kind, v decimal.Decimal, u numparse.Unit) string {
	if k == formula.KindBool {
		if v.IsZero() {
			return c.T("ui.no")
		}
		return c.T("ui.yes")
	}
	return FormatValue(k, v, u)
}

// JSONValue is the value in the JSON contract: decimal strings, money with
// two places, rates as decimals, booleans as true/false.
func JSONValue(k formula.Kind, v decimal.Decimal) string {
	switch k {
	case formula.KindMoney:
		return numparse.Fixed2(v)
	case formula.KindBool:
		return FormatValue(k, v, numparse.Plain)
	}
	return numparse.Canonical(v)
}

// Labeler names identifiers of formula f in catalog c.
func Labeler(c *i18n.Catalog, f *catalog.Formula) func(id *formula.Ident) string {
	return func(id *formula.Ident) string {
		if id.Sym == nil {
			return id.Name
		}
		switch id.Sym.Sym {
		case formula.SymParam:
			return c.T(i18n.ParamKey(id.Name))
		case formula.SymTable:
			return c.T(i18n.TableKey(id.Name))
		case formula.SymCarried:
			return CarriedLabel(c, f, id.Name)
		}
		return c.Label(f.ID, id.Name)
	}
}

// Words translates function names and and/or/not.
func Words(c *i18n.Catalog) func(string) string {
	return func(name string) string {
		if k := i18n.FuncKey(name); c.Has(k) {
			return c.T(k)
		}
		return name
	}
}

// Symbolic prints an expression of f with labels: 销项税额 = 销售额 × 税率.
func Symbolic(c *i18n.Catalog, f *catalog.Formula, n formula.Node) string {
	p := formula.Printer{Label: Labeler(c, f), Word: Words(c)}
	return p.Print(n)
}

// Substituted prints step i of r with the numbers put in.
func (r *Result) Substituted(c *i18n.Catalog, i int) string {
	return r.substitute(c, r.Formula.Steps[i].Expr)
}

func (r *Result) substitute(c *i18n.Catalog, n formula.Node) string {
	p := formula.Printer{
		Word: Words(c),
		Env:  r.Env,
		Value: func(id *formula.Ident) string {
			return r.IdentValue(c, id)
		},
		Number: func(v decimal.Decimal, k formula.Kind) string { return Value(c, k, v, numparse.Plain) },
	}
	return p.Print(n)
}

// IdentValue is the displayed value of an identifier in r: an input as the
// user wrote its unit, a param as its file writes it, a step by its kind.
func (r *Result) IdentValue(c *i18n.Catalog, id *formula.Ident) string {
	sym := id.Sym
	v := r.Env.Vals[sym.Slot]
	switch sym.Sym {
	case formula.SymInput:
		iv := r.Inputs[sym.Slot]
		return Value(c, sym.Kind, v, iv.Unit)
	case formula.SymParam:
		if pv, ok := r.Formula.ParamSlots[paramIndex(r.Formula, sym.Slot)].Param.At(r.Date); ok {
			return Value(c, sym.Kind, v, pv.Unit)
		}
	}
	return Value(c, sym.Kind, v, numparse.Plain)
}

func paramIndex(f *catalog.Formula, slot int) int {
	for i, ps := range f.ParamSlots {
		if ps.Slot == slot {
			return i
		}
	}
	return 0
}

// StepText is the value of step i as read in c.
func (r *Result) StepText(c *i18n.Catalog, i int) string {
	s := r.Steps[i]
	return Value(c, s.Step.Kind, s.Value, numparse.Plain)
}

// InputText is the value of input i as read in c.
func (r *Result) InputText(c *i18n.Catalog, i int) string {
	iv := r.Inputs[i]
	return Value(c, iv.Input.Kind, iv.Value, iv.Unit)
}

// SubstituteExpr prints any expression of r's formula with r's numbers
// put in: a scenario's binding, shown where the carried value came from.
func (r *Result) SubstituteExpr(c *i18n.Catalog, n formula.Node) string {
	return r.substitute(c, n)
}
