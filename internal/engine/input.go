package engine

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/numparse"
)

// Input error codes; the i18n catalogs explain each (err.input.<code>).
const (
	CodeRequired  = "required"
	CodeNumber    = "number"     // numparse refused it; NumCode says why
	CodeNotMoney  = "not_money"  // 13% given for an amount
	CodeNotRate   = "not_rate"   // 11.3万 given for a rate
	CodeRateOver  = "rate_over"  // 13 given for a rate
	CodePlaces    = "places"     // too many decimal places
	CodeNotInt    = "not_int"    // 1.5 months
	CodeMin       = "min"        // below the minimum
	CodeMax       = "max"        // above the maximum
	CodeBool      = "bool"       // not yes/no
	CodeChoiceOff = "choice_off" // a choice not in force on the date
	CodeAmbiguous = "ambiguous"  // a short name that matches several choices
	CodeRateOne   = "rate_one"   // a bare 1 for a rate: 100%, or 1% meant?
)

var one = decimal.NewFromInt(1)

// ParseInput reads one input as typed. It accepts, for a rate, the id of a
// param among the input's choices (or the last part of it: rate=low).
func (e *Engine) ParseInput(f *catalog.Formula, in *catalog.Input, text string, d date.Date) (Given, error) {
	fail := func(code string, num string) (Given, error) {
		return Given{}, &InputError{Formula: f, Input: in, Text: text, Code: code, NumCode: num}
	}
	t := strings.TrimSpace(text)
	if t == "" {
		return fail(CodeRequired, "")
	}
	if in.Kind == formula.KindBool {
		switch strings.ToLower(numparse.Normalize(t)) {
		case "true", "yes", "y", "1", "是", "对", "t", "on":
			return Given{Value: decimal.NewFromInt(1), Text: text}, nil
		case "false", "no", "n", "0", "否", "不", "f", "off":
			return Given{Value: decimal.Zero, Text: text}, nil
		}
		return fail(CodeBool, "")
	}
	p, many := Choice(in, t, d)
	if len(many) > 1 {
		return Given{}, &InputError{Formula: f, Input: in, Text: text, Code: CodeAmbiguous, Matches: many}
	}
	if p != nil {
		v, ok := p.At(d)
		if !ok {
			return Given{}, &InputError{Formula: f, Input: in, Text: text, Code: CodeChoiceOff, Param: p, Date: d}
		}
		return Given{Value: v.Value, Unit: v.Unit, Choice: p, Text: text}, nil
	}
	n, err := numparse.Expr(t) // 20000*5 and (1,000-200)×13% too
	if err != nil {
		var ne *numparse.Error
		code := numparse.ErrSyntax
		if errors.As(err, &ne) {
			code = ne.Code
		}
		return fail(CodeNumber, code)
	}
	switch in.Kind {
	case formula.KindRate:
		if n.Unit == numparse.Wan || n.Unit == numparse.Yi || n.Money {
			return fail(CodeNotRate, "")
		}
		if n.Unit == numparse.Plain && formula.Cmp(n.Value, one) > 0 {
			return fail(CodeRateOver, "")
		}
		if n.Unit == numparse.Plain && formula.Cmp(n.Value, one) == 0 {
			// A bare 1 is 100% as a decimal, but 1% is what people mean by
			// it far more often (the small-scale levy): make them say.
			return fail(CodeRateOne, "")
		}
	case formula.KindMoney, formula.KindInt, formula.KindNumber:
		if n.Unit == numparse.Percent || n.Unit == numparse.Permille {
			return fail(CodeNotMoney, "")
		}
	}
	if in.Places >= 0 && -n.Value.Exponent() > in.Places && !n.Value.Equal(n.Value.Round(in.Places)) {
		if in.Kind == formula.KindInt {
			return fail(CodeNotInt, "")
		}
		return fail(CodePlaces, "")
	}
	if in.Min != nil && formula.Cmp(n.Value, *in.Min) < 0 {
		return fail(CodeMin, "")
	}
	if in.Max != nil && formula.Cmp(n.Value, *in.Max) > 0 {
		return fail(CodeMax, "")
	}
	return Given{Value: n.Value, Unit: n.Unit, Text: text}, nil
}

// Choice finds the param a typed text names among the input's choices:
// the whole id, or its last part (rate=low). When the last part matches
// several, the one in force on d wins; if that still leaves several, they
// are returned as ambiguous.
func Choice(in *catalog.Input, t string, d date.Date) (*catalog.Param, []*catalog.Param) {
	t = strings.TrimSpace(t)
	if t == "" {
		return nil, nil
	}
	var matches []*catalog.Param
	for _, p := range in.Choices {
		if p.ID == t {
			return p, nil
		}
		if i := strings.LastIndexByte(p.ID, '.'); i >= 0 && p.ID[i+1:] == t {
			matches = append(matches, p)
		}
	}
	if len(matches) <= 1 {
		if len(matches) == 1 {
			return matches[0], nil
		}
		return nil, nil
	}
	var inForce []*catalog.Param
	for _, p := range matches {
		if _, ok := p.At(d); ok {
			inForce = append(inForce, p)
		}
	}
	if len(inForce) == 1 {
		return inForce[0], nil
	}
	if len(inForce) > 1 {
		return nil, inForce
	}
	return nil, matches
}
