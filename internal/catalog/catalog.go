// Package catalog loads the formula files: dated params and tables,
// formulas with their inputs, steps, refusals, practice ranges and worked
// examples. Everything is checked at load, with file:line:column errors, so a
// mistake in a formula file stops the program before it can print a number.
package catalog

import (
	"path"
	"sort"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/numparse"
)

// Categories in the order the product shows them: the order of the CPA
// 《税法》 book (turnover taxes, income taxes, then the other taxes by the
// chapters that group them), then payroll helpers, the historical taxes
// and the scenarios. A category with no file is simply absent.
var CategoryOrder = []string{
	"vat", "consumption", "eit", "iit",
	"surcharge", "tobacco", "customs", "tonnage",
	"resource", "env", "land_use", "farmland",
	"property", "deed", "lat", "vpt", "vvt", "stamp",
	"si", "bt", "fia", "fie", "scn",
}

// Catalog is every formula file, loaded and checked.
type Catalog struct {
	Categories []*Category
	Formulas   []*Formula
	Params     map[string]*Param
	Tables     map[string]*TableDef
	byID       map[string]*Formula
	// FromSnapshot: the files were read from a snapshot made from exactly
	// these files, whose worked examples were proven when it was made.
	FromSnapshot bool
	// Partial: loaded for one command (Want), so some files, or the
	// examples or practice ranges, were left out.
	Partial bool
}

// Want is what a command needs from the catalog; the zero Want is all of
// it. It is honoured only when a fresh snapshot stands in for the files
// (they were proven whole when it was made); otherwise everything loads
// and is checked.
type Want struct {
	// Formula, when set, loads only the file that defines it and the
	// files that one reads (params, tables, formulas of other files). An
	// id the snapshot does not know loads everything.
	Formula string
	// SkipExamples and SkipPractice leave out the worked examples and
	// the practice ranges, which calc and batch never read.
	SkipExamples, SkipPractice bool
}

// Head is what a list shows of a formula.
type Head struct {
	ID, Category string
	File         string // base name of the file that defines it
	ValidFrom    date.Date
	ValidTo      date.Date
	ReplacedBy   string
}

// Index is the formulas of the catalog, by category in display order,
// without their bodies: `list` needs no more.
type Index struct {
	Categories []IndexCategory
}

// IndexCategory is one category of an Index.
type IndexCategory struct {
	ID       string
	Formulas []Head
}

// Index lists the catalog's formulas.
func (c *Catalog) Index() *Index {
	ix := &Index{}
	for _, cat := range c.Categories {
		ic := IndexCategory{ID: cat.ID}
		for _, f := range cat.Formulas {
			ic.Formulas = append(ic.Formulas, Head{
				ID: f.ID, Category: f.Category, File: path.Base(f.Pos.File),
				ValidFrom: f.ValidFrom, ValidTo: f.ValidTo, ReplacedBy: f.ReplacedBy,
			})
		}
		ix.Categories = append(ix.Categories, ic)
	}
	return ix
}

// Formula finds a formula by id.
func (c *Catalog) Formula(id string) *Formula { return c.byID[id] }

// Category finds a category by id.
func (c *Catalog) Category(id string) *Category {
	for _, cat := range c.Categories {
		if cat.ID == id {
			return cat
		}
	}
	return nil
}

// Category groups the formulas of one file.
type Category struct {
	ID       string
	File     string
	Formulas []*Formula
}

// Pos is where something was written.
type Pos struct {
	File      string
	Line, Col int
}

// ParamValue is a param's value from a date on. Ended means the rule stops
// on that date (a null in the file).
type ParamValue struct {
	From  date.Date
	Value decimal.Decimal
	Unit  numparse.Unit // as written: 13% stays a percent on screen
	Ended bool
	// Unverified marks one dated value that could not be confirmed (the
	// 2026 segment of a rate whose 2023 segment is confirmed).
	Unverified bool
	Note       string
}

// Param is a dated rule value: a rate, an amount, a switch.
type Param struct {
	ID       string
	Kind     formula.Kind
	Source   string
	Verified bool
	Note     string
	Values   []ParamValue // sorted by From
	// ReplacedBy names the param that took over when this one ended
	// (cosmetics 30% → high-end cosmetics 15%).
	ReplacedBy string
	Pos        Pos
}

// At gives the value in force on d. ok is false before the first value or
// after an end; then prev tells when it last applied (zero if never).
func (p *Param) At(d date.Date) (v ParamValue, ok bool) {
	i := sort.Search(len(p.Values), func(i int) bool { return p.Values[i].From > d }) - 1
	if i < 0 {
		return ParamValue{}, false
	}
	v = p.Values[i]
	return v, !v.Ended
}

// VerifiedAt reports whether the value in force on d is confirmed.
func (p *Param) VerifiedAt(d date.Date) bool {
	v, _ := p.At(d)
	return p.Verified && !v.Unverified
}

// Span is when the param has a value: first start and, if it ends, the last
// day it applies (zero when open).
func (p *Param) Span() (from, to date.Date) {
	if len(p.Values) == 0 {
		return 0, 0
	}
	from = p.Values[0].From
	if last := p.Values[len(p.Values)-1]; last.Ended {
		to = last.From.AddDays(-1)
	}
	return from, to
}

// Spans lists each stretch of days the param has a value (to is zero when
// open), so a gap between two periods (the 2022 exemption between two 1%
// periods) can be named instead of hidden inside one span.
func (p *Param) Spans() [][2]date.Date {
	var out [][2]date.Date
	open := false
	for _, v := range p.Values {
		switch {
		case v.Ended && open:
			out[len(out)-1][1] = v.From.AddDays(-1)
			open = false
		case !v.Ended && !open:
			out = append(out, [2]date.Date{v.From, 0})
			open = true
		}
	}
	return out
}

// DatedTable is a bracket table from a date on; Table is nil when it ends.
type DatedTable struct {
	From  date.Date
	Table *formula.Table
	// Unverified marks one dated table that could not be confirmed.
	Unverified bool
	Note       string
}

// TableDef is a progressive table with its history.
type TableDef struct {
	ID        string
	Source    string
	Verified  bool
	Note      string
	QuickRate bool // the quick column is a coefficient of a scale (LAT)
	Values    []DatedTable
	Pos       Pos
}

// At gives the table in force on d, or nil.
func (t *TableDef) At(d date.Date) *formula.Table {
	if v, ok := t.ValueAt(d); ok {
		return v.Table
	}
	return nil
}

// ValueAt gives the dated entry in force on d.
func (t *TableDef) ValueAt(d date.Date) (DatedTable, bool) {
	i := sort.Search(len(t.Values), func(i int) bool { return t.Values[i].From > d }) - 1
	if i < 0 {
		return DatedTable{}, false
	}
	return t.Values[i], t.Values[i].Table != nil
}

// VerifiedAt reports whether the table in force on d is confirmed.
func (t *TableDef) VerifiedAt(d date.Date) bool {
	v, _ := t.ValueAt(d)
	return t.Verified && !v.Unverified
}

// Span is like Param.Span.
func (t *TableDef) Span() (from, to date.Date) {
	if len(t.Values) == 0 {
		return 0, 0
	}
	from = t.Values[0].From
	if last := t.Values[len(t.Values)-1]; last.Table == nil {
		to = last.From.AddDays(-1)
	}
	return from, to
}

// Formula is one calculation.
type Formula struct {
	ID         string
	Category   string
	Source     string
	Note       string
	ValidFrom  date.Date
	ValidTo    date.Date // zero: still in force
	ReplacedBy string    // formula id that took over after ValidTo
	Inputs     []*Input
	Steps      []*Step
	Result     *Step
	Refusals   []*Refusal
	// Warnings are computed like refusals, after every step, but only
	// say something: a local amount outside the statutory range that the
	// law lets a province approve.
	Warnings []*Refusal
	// Parts make the formula a scenario (scenario.go); Carried are the
	// part values its expressions read; Filed lists, for the summary of
	// figures to file, the ids (PART.STEP or own steps) in order.
	Parts    []*Part
	Carried  []Carried
	Filed    []string
	partIDs  []partName // every part as written, known before any is loaded
	Practice map[string]Range
	Examples []*Example
	Pos      Pos

	// Symbols of the expressions; Slots is how many values an
	// evaluation holds (inputs, steps, params in that order).
	Symbols    formula.MapScope
	Slots      int
	ParamSlots []ParamSlot
	TableSlots []*TableDef
}

// ParamSlot binds a param to the value slot its expressions read.
type ParamSlot struct {
	Param *Param
	Slot  int
	// InSteps: the param is read by a step or refusal, so it must have a
	// value on every day the formula is valid. A param read only by an
	// input default is needed only when that default is used.
	InSteps bool
}

// Input looks up an input by id.
func (f *Formula) Input(id string) *Input {
	for _, in := range f.Inputs {
		if in.ID == id {
			return in
		}
	}
	return nil
}

// Step looks up a step by id.
func (f *Formula) Step(id string) *Step {
	for _, s := range f.Steps {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// ValidOn reports whether the formula applies on d.
func (f *Formula) ValidOn(d date.Date) bool {
	return d >= f.ValidFrom && (f.ValidTo == 0 || d <= f.ValidTo)
}

// Input is a value the user gives (or its default).
type Input struct {
	ID      string
	Kind    formula.Kind
	Default formula.Node // nil: required
	// DefaultSrc is the default as written in the file.
	DefaultSrc  string
	DefaultNum  formula.NumFn
	DefaultBool formula.BoolFn
	Choices     []*Param
	Min, Max    *decimal.Decimal
	Places      int32 // most decimal places accepted; money 2 unless set
	Slot        int
	Order       []int // input slots the default reads, evaluated first
	// FromPart: a scenario input written `default: part`; when not given,
	// the called formula's own default applies (insurance at 3‰ in
	// customs.value), so the rule is written once.
	FromPart bool
	Pos      Pos
}

// Required reports whether the user must give the input.
func (in *Input) Required() bool { return in.Default == nil && !in.FromPart }

// Step is one computed, displayed value.
type Step struct {
	ID    string
	Kind  formula.Kind
	Expr  formula.Node
	Src   string
	Round int32 // places; NoRound for none
	// Tolerance is how far a practice answer may be off (nil: by kind).
	Tolerance *decimal.Decimal
	Num       formula.NumFn
	Bool      formula.BoolFn
	// Show, when set, is a condition on params only (so fixed by the date):
	// on a date where it is false the step does not apply and views leave
	// it out; it is still computed and checked.
	Show     formula.BoolFn
	ShowExpr formula.Node
	Slot     int
	Pos      Pos
}

// NoRound marks a step whose value is kept exact.
const NoRound int32 = -1

// Refusal is a condition under which the formula does not apply, with the
// reason the user reads (i18n key refuse.<Key>).
type Refusal struct {
	When formula.Node
	Fn   formula.BoolFn
	Key  string
	Pos  Pos
	// After is the index of the last step the condition reads (-1: none):
	// the refusal is tested as soon as that step is computed, so it can
	// guard the steps after it.
	After int
}

// Range is how practice draws an input: from Min to Max in multiples of
// Step, or one of Values (as typed: 3%, a param id, true), or one of the
// input's choices in force on the date.
type Range struct {
	Min, Max, Step decimal.Decimal
	Values         []string
	Choices        bool
	// MinFn and MaxFn, when set, compute the bounds at draw time from
	// params and inputs drawn before (taxable income up to the ceiling
	// in force); Fn computes the value itself (tax = income × 25%).
	MinFn, MaxFn, Fn formula.NumFn
	// After lists the inputs this draw reads, drawn first.
	After []string
}

// Example is a worked example kept in the formula file and checked by the
// tests and at start-up.
type Example struct {
	Name    string
	Source  string
	Date    date.Date
	Inputs  map[string]string
	Expect  []Expect
	Refused string // the refusal (or "validity") expected instead of a result
	Pos     Pos
}

// Expect is one expected step value.
type Expect struct {
	Step  string
	Value string
	Pos   Pos
}
