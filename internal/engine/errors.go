package engine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// Localized is an error that can explain itself in a catalog's language.
// Every user-facing error of the engine is one; Error() is the English
// fallback for logs and tests.
type Localized interface {
	error
	Message(c *i18n.Catalog) string
}

// Messages flattens errors.Join trees and localizes each error.
func Messages(err error, c *i18n.Catalog) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var l Localized
		if errors.As(err, &l) {
			out = append(out, l.Message(c))
			return
		}
		out = append(out, err.Error())
	}
	walk(err)
	return out
}

func title(c *i18n.Catalog, f *catalog.Formula) string {
	return c.T(i18n.FormulaKey(f.ID))
}

// UnknownFormulaError: no formula has that id.
type UnknownFormulaError struct {
	ID      string
	Suggest []string
}

func (e *UnknownFormulaError) Error() string { return "unknown formula " + e.ID }
func (e *UnknownFormulaError) Message(c *i18n.Catalog) string {
	s := c.T("err.formula.unknown", "id", e.ID)
	if len(e.Suggest) > 0 {
		s = Sentences(c, s, c.T("err.formula.suggest", "list", strings.Join(e.Suggest, ", ")))
	}
	return s
}

// ValidityError: the formula does not apply on the date.
type ValidityError struct {
	Formula *catalog.Formula
	Date    date.Date
}

func (e *ValidityError) Error() string {
	return fmt.Sprintf("formula %s does not apply on %s", e.Formula.ID, e.Date)
}

func (e *ValidityError) Message(c *i18n.Catalog) string {
	f := e.Formula
	args := []string{"formula", title(c, f), "id", f.ID, "date", e.Date.String(),
		"from", f.ValidFrom.String(), "to", f.ValidTo.String()}
	if e.Date < f.ValidFrom {
		s := c.T("err.validity.before", args...)
		if c.Has(i18n.BeforeKey(f.ID)) {
			s = Sentences(c, s, c.T(i18n.BeforeKey(f.ID)))
		}
		return s
	}
	s := c.T("err.validity.after", args...)
	if f.ReplacedBy != "" {
		s = Sentences(c, s, c.T("err.validity.replaced", "by", c.T(i18n.FormulaKey(f.ReplacedBy)), "byid", f.ReplacedBy))
	}
	if c.Has(i18n.EndedKey(f.ID)) {
		s = Sentences(c, s, c.T(i18n.EndedKey(f.ID)))
	}
	return s
}

// UnknownInputError: the user named an input the formula does not have.
type UnknownInputError struct {
	Formula *catalog.Formula
	Name    string
}

func (e *UnknownInputError) Error() string {
	return fmt.Sprintf("formula %s has no input %s", e.Formula.ID, e.Name)
}

func (e *UnknownInputError) Message(c *i18n.Catalog) string {
	var names []string
	for _, in := range e.Formula.Inputs {
		names = append(names, c.T("ui.id_label", "id", in.ID, "label", c.Label(e.Formula.ID, in.ID)))
	}
	return c.T("err.input.unknown", "name", e.Name, "formula", title(c, e.Formula), "id", e.Formula.ID, "list", strings.Join(names, ", "))
}

// InputError: a value the user gave (or failed to give) is not acceptable.
type InputError struct {
	Formula *catalog.Formula
	Input   *catalog.Input
	Text    string
	Code    string
	NumCode string         // for CodeNumber: why numparse refused it
	Param   *catalog.Param // for CodeChoiceOff
	Date    date.Date
	Matches []*catalog.Param // for CodeAmbiguous
}

func (e *InputError) Error() string {
	return fmt.Sprintf("input %s of %s: %s %q", e.Input.ID, e.Formula.ID, e.Code, e.Text)
}

// Message names the input by the id the user types and its label, and says
// what is accepted.
func (e *InputError) Message(c *i18n.Catalog) string {
	in := e.Input
	args := []string{"input", in.ID, "label", c.Label(e.Formula.ID, in.ID), "text", e.Text,
		"kind", c.T("kind." + catalog.KindName(in.Kind))}
	if in.Min != nil {
		args = append(args, "min", FormatValue(in.Kind, *in.Min, numparse.Plain))
	}
	if in.Max != nil {
		args = append(args, "max", FormatValue(in.Kind, *in.Max, numparse.Plain))
	}
	args = append(args, "places", fmt.Sprint(in.Places))
	parts := []string{c.T("err.input."+e.Code, args...)}
	switch e.Code {
	case CodeNumber:
		parts = append(parts, c.T("err.num."+e.NumCode), Accepted(c, e.Formula, in))
	case CodeChoiceOff:
		_, to := e.Param.Span()
		parts = append(parts, c.T("err.param.span", "param", c.T(i18n.ParamKey(e.Param.ID)), "id", e.Param.ID,
			"date", e.Date.String(), "span", ParamSpanText(c, e.Param)))
		if rb := e.Param.ReplacedBy; rb != "" && e.Date > to && to != 0 {
			parts = append(parts, c.T("err.param.replaced", "by", c.T(i18n.ParamKey(rb)), "byid", rb))
		}
	case CodeAmbiguous:
		ids := make([]string, len(e.Matches))
		for i, p := range e.Matches {
			ids[i] = p.ID
		}
		parts = append(parts, c.T("accept.one_of", "list", strings.Join(ids, ", ")))
	case CodeRequired, CodeNotMoney, CodeNotRate, CodeRateOver, CodeRateOne, CodeBool:
		parts = append(parts, Accepted(c, e.Formula, in))
	}
	return Sentences(c, parts...)
}

// SpanText words a validity span: "2019-01-01 至 2027-12-31", "1994-01-01 起".
func SpanText(c *i18n.Catalog, from, to date.Date) string {
	if to == 0 {
		return c.T("ui.valid_from", "from", from.String())
	}
	return c.T("ui.valid_range", "from", from.String(), "to", to.String())
}

// ParamSpanText words every stretch a param applies, gaps included:
// "2020-03-01 至 2022-03-31、2023-01-01 至 2027-12-31".
func ParamSpanText(c *i18n.Catalog, p *catalog.Param) string {
	var parts []string
	for _, sp := range p.Spans() {
		parts = append(parts, SpanText(c, sp[0], sp[1]))
	}
	return strings.Join(parts, c.T("ui.span_sep"))
}

// Accepted says what an input takes: the forms of its kind and, for a rate,
// the ids of its choices.
func Accepted(c *i18n.Catalog, f *catalog.Formula, in *catalog.Input) string {
	s := c.T("accept." + catalog.KindName(in.Kind))
	if len(in.Choices) > 0 {
		ids := make([]string, len(in.Choices))
		for i, p := range in.Choices {
			ids[i] = p.ID
		}
		s = Sentences(c, s, c.T("accept.choices", "list", strings.Join(ids, ", ")))
	}
	return s
}

// RefusedError: the formula does not apply to these inputs (a small
// low-profit enterprise over the limit, an order over the cross-border
// limit). The result so far supplies the values the message quotes.
type RefusedError struct {
	Result  *Result
	Refusal *catalog.Refusal
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("formula %s refused: %s", e.Result.Formula.ID, e.Refusal.Key)
}

func (e *RefusedError) Message(c *i18n.Catalog) string {
	return c.T(i18n.RefuseKey(e.Refusal.Key), messageArgs(c, e.Result)...)
}

// WarningTexts are the warnings that held, in c's language, with the
// values they quote filled in.
func (r *Result) WarningTexts(c *i18n.Catalog) []string {
	var out []string
	for _, w := range r.Warnings {
		out = append(out, c.T(i18n.WarnKey(w.Key), messageArgs(c, r)...))
	}
	return out
}

// messageArgs are the placeholders a refusal or warning may quote: every
// input, param in force and step computed so far, and the date.
func messageArgs(c *i18n.Catalog, r *Result) []string {
	var args []string
	for _, iv := range r.Inputs {
		args = append(args, iv.Input.ID, FormatValue(iv.Input.Kind, iv.Value, iv.Unit))
	}
	for _, ps := range r.Formula.ParamSlots {
		if v, ok := ps.Param.At(r.Date); ok {
			args = append(args, ps.Param.ID, FormatValue(ps.Param.Kind, v.Value, v.Unit))
		}
	}
	for _, sv := range r.Steps {
		if sv.Step != nil { // steps computed before the refusal
			args = append(args, sv.Step.ID, Value(c, sv.Step.Kind, sv.Value, 0))
		}
	}
	for _, cr := range r.Formula.Carried { // a scenario's PART.STEP
		if r.Env != nil && cr.Slot < len(r.Env.Vals) {
			args = append(args, cr.Name, Value(c, cr.Kind, r.Env.Vals[cr.Slot], 0))
		}
	}
	args = append(args, "date", r.Date.String())
	return args
}

// ParamMissingError: a param or table has no value on the date.
type ParamMissingError struct {
	Formula *catalog.Formula
	Param   *catalog.Param
	Table   *catalog.TableDef
	Input   *catalog.Input // set when the param is an input's default
	Date    date.Date
}

func (e *ParamMissingError) Error() string {
	id := ""
	if e.Param != nil {
		id = e.Param.ID
	} else {
		id = e.Table.ID
	}
	return fmt.Sprintf("%s has no value on %s", id, e.Date)
}

func (e *ParamMissingError) Message(c *i18n.Catalog) string {
	var name, id string
	var from, to date.Date
	if e.Param != nil {
		name, id = c.T(i18n.ParamKey(e.Param.ID)), e.Param.ID
		from, to = e.Param.Span()
	} else {
		name, id = c.T(i18n.TableKey(e.Table.ID)), e.Table.ID
		from, to = e.Table.Span()
	}
	span := SpanText(c, from, to)
	if e.Param != nil {
		span = ParamSpanText(c, e.Param)
	}
	s := c.T("err.param.span", "param", name, "id", id, "date", e.Date.String(), "span", span)
	if e.Param != nil && e.Param.ReplacedBy != "" && to != 0 && e.Date > to {
		s = Sentences(c, s, c.T("err.param.replaced", "by", c.T(i18n.ParamKey(e.Param.ReplacedBy)), "byid", e.Param.ReplacedBy))
	}
	if e.Input != nil {
		s = Sentences(c, s, c.T("err.param.give", "input", e.Input.ID, "label", c.Label(e.Formula.ID, e.Input.ID)))
	}
	return s
}

// EvalError: a step could not be computed (division by zero…). It names
// the formula and the step.
type EvalError struct {
	Formula *catalog.Formula
	Step    string
	Code    string
	Detail  string
}

func (e *EvalError) Error() string {
	return fmt.Sprintf("formula %s step %s: %s", e.Formula.ID, e.Step, e.Detail)
}

func (e *EvalError) Message(c *i18n.Catalog) string {
	return c.T("err.eval."+e.Code, "formula", title(c, e.Formula), "id", e.Formula.ID,
		"step", e.Step, "label", c.Label(e.Formula.ID, e.Step), "detail", e.Detail)
}

// IsUserError reports whether err is about the input (exit 2) rather than
// a fault of the program (exit 1).
func IsUserError(err error) bool {
	var (
		uf *UnknownFormulaError
		ve *ValidityError
		ui *UnknownInputError
		ie *InputError
		re *RefusedError
		pm *ParamMissingError
		ee *EvalError
	)
	if errors.As(err, &ee) {
		// Division by zero comes from the user's numbers; anything else is
		// ours.
		return ee.Code == "div_zero"
	}
	return errors.As(err, &uf) || errors.As(err, &ve) || errors.As(err, &ui) ||
		errors.As(err, &ie) || errors.As(err, &re) || errors.As(err, &pm)
}

// Sentences joins sentences as the language writes them: Chinese runs them
// together after 。, English puts a space between.
func Sentences(c *i18n.Catalog, parts ...string) string {
	return strings.Join(parts, c.T("ui.sentence_sep"))
}
