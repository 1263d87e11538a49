package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// Sheet is a formula's reference sheet at a date: inputs, every step
// symbolically, the params and tables in force with their sources.
type Sheet struct {
	Formula *catalog.Formula
	Date    date.Date
}

// SheetParams lists the params a formula can read at d: those of its
// expressions and its input choices, in first-use order.
func (s Sheet) Params() []*catalog.Param {
	var out []*catalog.Param
	seen := map[*catalog.Param]bool{}
	add := func(p *catalog.Param) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, in := range s.Formula.Inputs {
		if in.Default != nil {
			for _, id := range formula.Idents(in.Default) {
				for _, ps := range s.Formula.ParamSlots {
					if ps.Param.ID == id.Name {
						add(ps.Param)
					}
				}
			}
		}
		for _, p := range in.Choices {
			add(p)
		}
	}
	for _, ps := range s.Formula.ParamSlots {
		add(ps.Param)
	}
	return out
}

// paramAt is a param's value at d as text, or "—" when not in force.
func paramAt(c *i18n.Catalog, p *catalog.Param, d date.Date) (string, catalog.ParamValue, bool) {
	v, ok := p.At(d)
	if !ok {
		return "—", v, false
	}
	return engine.Value(c, p.Kind, v.Value, v.Unit), v, true
}

// defaultText is how an input's default reads: the expression in words and,
// when it is a param, its value at the date.
func (s Sheet) defaultText(c *i18n.Catalog, in *catalog.Input) string {
	if in.Default == nil {
		return c.T("ui.required")
	}
	txt := engine.Symbolic(c, s.Formula, in.Default)
	if id, ok := in.Default.(*formula.Ident); ok && id.Sym.Sym == formula.SymParam {
		for _, ps := range s.Formula.ParamSlots {
			if ps.Param.ID == id.Name {
				v, _, _ := paramAt(c, ps.Param, s.Date)
				txt += " = " + v
			}
		}
	}
	return txt
}

// SheetText renders the sheet for a terminal.
func SheetText(s Sheet, set *i18n.Set, st Style) string {
	var b strings.Builder
	f := s.Formula
	c0 := set.Primary()
	t := func(key string, args ...string) string {
		return joined(set, " · ", func(c *i18n.Catalog) string { return c.T(key, args...) })
	}
	fmt.Fprintf(&b, "%s  %s\n", st.Title(joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.FormulaKey(f.ID)) })),
		st.Dim(t(i18n.CategoryKey(f.Category))+" · "+f.ID))
	each(set, func(c *i18n.Catalog) { b.WriteString(st.Dim(c.T(i18n.SummaryKey(f.ID))) + "\n") })
	to := ""
	if f.ValidTo != 0 {
		to = f.ValidTo.String()
	}
	fmt.Fprintf(&b, "%s %s   %s %s\n", t("ui.date"), s.Date, t("ui.valid"), validRange(c0, f.ValidFrom, to))
	if f.Note != "" {
		each(set, func(c *i18n.Catalog) { fmt.Fprintf(&b, "%s: %s\n", c.T("ui.note"), NoteOf(c, f)) })
	}

	b.WriteString("\n" + st.Label(t("ui.inputs")) + "\n")
	for _, in := range f.Inputs {
		fmt.Fprintf(&b, "  %s  %s\n", joined(set, " · ", func(c *i18n.Catalog) string { return c.Label(f.ID, in.ID) }), st.Dim(in.ID))
		def := s.defaultText(c0, in)
		if in.Default != nil {
			def = c0.T("ui.default") + " " + def
		}
		fmt.Fprintf(&b, "    %s · %s\n", c0.T("kind."+catalog.KindName(in.Kind)), def)
		for _, p := range in.Choices {
			v, _, _ := paramAt(c0, p, s.Date)
			fmt.Fprintf(&b, "    %s %s %s = %s\n", st.Dim("·"), joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.ParamKey(p.ID)) }), st.Dim(p.ID), v)
		}
	}

	if f.IsScenario() {
		writeWiring(&b, f, set, st)
	}
	b.WriteString("\n" + st.Label(t("ui.steps")) + "\n")
	for i, stp := range f.Steps {
		fmt.Fprintf(&b, "  %d. %s %s\n", i+1, st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.Label(f.ID, stp.ID) })), st.Dim(stp.ID))
		each(set, func(c *i18n.Catalog) { fmt.Fprintf(&b, "     = %s\n", engine.Symbolic(c, f, stp.Expr)) })
	}
	for _, r := range f.Refusals {
		each(set, func(c *i18n.Catalog) {
			fmt.Fprintf(&b, "  %s %s\n", st.Warn("✗"), engine.Symbolic(c, f, r.When))
		})
	}
	for _, w := range f.Warnings {
		each(set, func(c *i18n.Catalog) {
			fmt.Fprintf(&b, "  %s %s\n", st.Warn("⚠"), engine.Symbolic(c, f, w.When))
		})
	}

	params := s.Params()
	if len(params) > 0 || len(f.TableSlots) > 0 {
		b.WriteString("\n" + st.Label(t("ui.params")) + "\n")
		for _, p := range params {
			v, pv, ok := paramAt(c0, p, s.Date)
			line := fmt.Sprintf("  %s %s = %s", joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.ParamKey(p.ID)) }), st.Dim(p.ID), v)
			if ok {
				line += st.Dim("  " + t("ui.since") + " " + pv.From.String())
			}
			if ok && (!p.Verified || pv.Unverified) {
				line += "  " + st.Warn("⚠ "+t("ui.unverified"))
			}
			b.WriteString(line + "\n")
			fmt.Fprintf(&b, "    %s\n", st.Dim(source(set, "param", p.ID, p.Source)))
			if ok && pv.Unverified && pv.Note != "" {
				each(set, func(c *i18n.Catalog) { fmt.Fprintf(&b, "    %s\n", st.Warn(ValueNote(c, p, pv))) })
			} else if ok && !p.Verified && p.Note != "" {
				each(set, func(c *i18n.Catalog) { fmt.Fprintf(&b, "    %s\n", st.Warn(ParamNote(c, p))) })
			}
			b.WriteString(historyLine(c0, p, st))
		}
		for _, td := range f.TableSlots {
			fmt.Fprintf(&b, "  %s %s\n", joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.TableKey(td.ID)) }), st.Dim(td.ID))
			b.WriteString(bracketText(c0, td, s.Date))
			fmt.Fprintf(&b, "    %s\n", st.Dim(source(set, "table", td.ID, td.Source)))
		}
	}
	b.WriteString("\n" + st.Label(t("ui.sources")) + "\n  " + source(set, "formula", f.ID, f.Source) + "\n")
	if len(f.Examples) > 0 {
		b.WriteString("\n" + st.Label(t("ui.examples")) + "\n")
		for _, ex := range f.Examples {
			fmt.Fprintf(&b, "  %s %s  %s\n", ex.Date, ex.Name, st.Dim(exampleSource(set, f.ID, ex)))
		}
	}
	return b.String()
}

// NoteOf is a formula's note in c's language: note.<id> from the catalog
// (the loader requires it for every formula with a note), the formula
// file's own note only where a catalog lacks it.
func NoteOf(c *i18n.Catalog, f *catalog.Formula) string {
	if s, ok := c.Raw(i18n.NoteKey(f.ID)); ok {
		return s
	}
	return f.Note
}

// ParamNote, ValueNote, TableNote and TableValueNote are the maintainers'
// notes on a param, one dated value of it, a table and one dated table,
// in c's language (note.param.<id>, note.param.<id>@<from>, note.table.…),
// the formula file's own note where a catalog lacks the key.
func ParamNote(c *i18n.Catalog, p *catalog.Param) string {
	return catalogOr(c, i18n.ParamNoteKey(p.ID, ""), p.Note)
}

func ValueNote(c *i18n.Catalog, p *catalog.Param, v catalog.ParamValue) string {
	return catalogOr(c, i18n.ParamNoteKey(p.ID, v.From.String()), v.Note)
}

func TableNote(c *i18n.Catalog, t *catalog.TableDef) string {
	return catalogOr(c, i18n.TableNoteKey(t.ID, ""), t.Note)
}

func TableValueNote(c *i18n.Catalog, t *catalog.TableDef, v catalog.DatedTable) string {
	return catalogOr(c, i18n.TableNoteKey(t.ID, v.From.String()), v.Note)
}

func catalogOr(c *i18n.Catalog, key, fallback string) string {
	if s, ok := c.Raw(key); ok {
		return s
	}
	return fallback
}

// exampleSource is an example's source as the sheet lists it: a citation
// is kept as written; one the file's author made up ("constructed: …",
// "boundary: …") gets its kind in the reader's language in front, so a
// Chinese reader sees 自拟 before the English working. The English reader
// already reads the kind as the source's first word.
func exampleSource(set *i18n.Set, formula string, ex *catalog.Example) string {
	src := ex.Source
	if ex.Name != "" {
		if s := source(set, "example", formula+"."+ex.Name, src); s != src {
			return s // worded in the catalogs: the kind is in the words
		}
	}
	kind := ExampleKind(src)
	if kind == "" {
		return src
	}
	var labels []string
	each(set, func(c *i18n.Catalog) {
		if c.Lang != i18n.EN {
			labels = append(labels, c.T("ui.example."+kind))
		}
	})
	if len(labels) == 0 {
		return src
	}
	return strings.Join(labels, " · ") + " — " + src
}

// ExampleKind is the kind of example a source names by its first word:
// constructed, boundary, refusal, validity or past (a past date), or ""
// for a citation.
func ExampleKind(src string) string {
	s := strings.ToLower(strings.TrimSpace(src))
	for _, k := range []struct{ prefix, kind string }{
		{"constructed", "constructed"}, {"boundary", "boundary"}, {"refusal", "refusal"},
		{"validity", "validity"}, {"past date", "past"},
	} {
		if strings.HasPrefix(s, k.prefix) {
			return k.kind
		}
	}
	return ""
}

// historyLine shows a param's dated values on one line: 17% (1994-01-01) →
// 16% (2018-05-01) → 13% (2019-04-01).
func historyLine(c *i18n.Catalog, p *catalog.Param, st Style) string {
	if len(p.Values) < 2 {
		return ""
	}
	var parts []string
	for _, v := range p.Values {
		val := "—"
		if !v.Ended {
			val = engine.Value(c, p.Kind, v.Value, v.Unit)
		}
		parts = append(parts, val+" ("+v.From.String()+")")
	}
	return "    " + st.Dim(strings.Join(parts, " → ")) + "\n"
}

func validRange(c *i18n.Catalog, from date.Date, to string) string {
	var t date.Date
	if to != "" {
		t, _ = date.Parse(to)
	}
	return engine.SpanText(c, from, t)
}

// bracketText lists a table's brackets in force at d.
func bracketText(c *i18n.Catalog, td *catalog.TableDef, d date.Date) string {
	tab := td.At(d)
	if tab == nil {
		return "    —\n"
	}
	var b strings.Builder
	quickKind := formula.KindMoney
	if td.QuickRate {
		quickKind = formula.KindRate
	}
	prev := ""
	for _, br := range tab.Brackets {
		var edge string
		if br.Open {
			edge = c.T("ui.bracket_over") + " " + prev
		} else {
			prev = engine.Value(c, quickKind, br.Upto, numparse.Plain)
			edge = c.T("ui.bracket_upto") + " " + prev
		}
		fmt.Fprintf(&b, "    %s  %s %s  %s %s\n", PadRight(edge, 22), c.T("ui.bracket_rate"), PadRight(engine.Value(c, formula.KindRate, br.Rate, numparse.Plain), 5),
			c.T("ui.bracket_quick"), engine.Value(c, quickKind, br.Quick, numparse.Plain))
	}
	return b.String()
}

// SheetJSON is the show --json object.
type SheetJSON struct {
	Formula  string          `json:"formula"`
	Title    string          `json:"title"`
	Summary  string          `json:"summary"`
	Category string          `json:"category"`
	Date     string          `json:"date"`
	Valid    ValidJSON       `json:"valid"`
	Source   string          `json:"source"`
	Note     string          `json:"note,omitempty"`
	Inputs   []InputJSON     `json:"inputs"`
	Steps    []SheetStepJSON `json:"steps"`
	Refuse   []string        `json:"refuse,omitempty"`
	Result   string          `json:"result"`
	Params   []ParamJSON     `json:"params"`
	Tables   []TableJSON     `json:"tables,omitempty"`
	Examples []ExampleJSON   `json:"examples"`
	Parts    []WiringJSON    `json:"parts,omitempty"`
}

type ValidJSON struct {
	From       string `json:"from"`
	To         string `json:"to,omitempty"`
	ReplacedBy string `json:"replaced_by,omitempty"`
}

type InputJSON struct {
	ID       string       `json:"id"`
	Label    string       `json:"label"`
	Kind     string       `json:"kind"`
	Required bool         `json:"required"`
	Default  string       `json:"default,omitempty"`
	Choices  []ChoiceJSON `json:"choices,omitempty"`
}

type ChoiceJSON struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Value string `json:"value,omitempty"` // absent when not in force
}

type SheetStepJSON struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
	Expr  string `json:"expr"`
	Src   string `json:"source_expr"`
}

type ParamJSON struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Value    string `json:"value,omitempty"`
	Since    string `json:"since,omitempty"`
	Source   string `json:"source"`
	Verified bool   `json:"verified"`
	Note     string `json:"note,omitempty"`
}

type TableJSON struct {
	ID       string        `json:"id"`
	Label    string        `json:"label"`
	Source   string        `json:"source"`
	Verified bool          `json:"verified"`
	Brackets []BracketJSON `json:"brackets"`
}

type BracketJSON struct {
	Upto  string `json:"upto,omitempty"`
	Rate  string `json:"rate"`
	Quick string `json:"quick"`
}

type ExampleJSON struct {
	Name    string            `json:"name,omitempty"`
	Source  string            `json:"source"`
	Date    string            `json:"date"`
	Inputs  map[string]string `json:"inputs"`
	Expect  map[string]string `json:"expect,omitempty"`
	Refused string            `json:"refused,omitempty"`
}

// SheetJSONOf builds the show --json object.
func SheetJSONOf(s Sheet, set *i18n.Set) SheetJSON {
	f := s.Formula
	c0 := set.Primary()
	lab := func(key string) string { return joined(set, " / ", func(c *i18n.Catalog) string { return c.T(key) }) }
	out := SheetJSON{
		Formula: f.ID, Title: lab(i18n.FormulaKey(f.ID)), Summary: lab(i18n.SummaryKey(f.ID)),
		Category: f.Category, Date: s.Date.String(), Source: f.Source,
		Valid:  ValidJSON{From: f.ValidFrom.String(), To: f.ValidTo.String(), ReplacedBy: f.ReplacedBy},
		Result: f.Result.ID,
	}
	if f.Note != "" {
		out.Note = joined(set, " / ", func(c *i18n.Catalog) string { return NoteOf(c, f) })
	}
	for _, in := range f.Inputs {
		ij := InputJSON{ID: in.ID, Label: joined(set, " / ", func(c *i18n.Catalog) string { return c.Label(f.ID, in.ID) }),
			Kind: catalog.KindName(in.Kind), Required: in.Required(), Default: in.DefaultSrc}
		for _, p := range in.Choices {
			cj := ChoiceJSON{ID: p.ID, Label: lab(i18n.ParamKey(p.ID))}
			if v, ok := p.At(s.Date); ok {
				cj.Value = engine.JSONValue(p.Kind, v.Value)
			}
			ij.Choices = append(ij.Choices, cj)
		}
		out.Inputs = append(out.Inputs, ij)
	}
	for _, st := range f.Steps {
		out.Steps = append(out.Steps, SheetStepJSON{ID: st.ID, Label: joined(set, " / ", func(c *i18n.Catalog) string { return c.Label(f.ID, st.ID) }),
			Kind: catalog.KindName(st.Kind), Expr: joined(set, " / ", func(c *i18n.Catalog) string { return engine.Symbolic(c, f, st.Expr) }), Src: st.Src})
	}
	for _, r := range f.Refusals {
		out.Refuse = append(out.Refuse, engine.Symbolic(c0, f, r.When))
	}
	out.Parts = wiringJSON(f, set)
	for _, p := range s.Params() {
		pj := ParamJSON{ID: p.ID, Label: lab(i18n.ParamKey(p.ID)), Source: p.Source, Verified: p.Verified}
		if p.Note != "" {
			pj.Note = joined(set, " / ", func(c *i18n.Catalog) string { return ParamNote(c, p) })
		}
		if v, ok := p.At(s.Date); ok {
			pj.Value, pj.Since = engine.JSONValue(p.Kind, v.Value), v.From.String()
			if v.Unverified {
				pj.Verified, pj.Note = false, joined(set, " / ", func(c *i18n.Catalog) string { return ValueNote(c, p, v) })
			}
		}
		out.Params = append(out.Params, pj)
	}
	for _, td := range f.TableSlots {
		tj := TableJSON{ID: td.ID, Label: lab(i18n.TableKey(td.ID)), Source: td.Source, Verified: td.Verified}
		if tab := td.At(s.Date); tab != nil {
			qk := formula.KindMoney
			if td.QuickRate {
				qk = formula.KindRate
			}
			for _, br := range tab.Brackets {
				bj := BracketJSON{Rate: engine.JSONValue(formula.KindRate, br.Rate), Quick: engine.JSONValue(qk, br.Quick)}
				if !br.Open {
					bj.Upto = engine.JSONValue(qk, br.Upto)
				}
				tj.Brackets = append(tj.Brackets, bj)
			}
		}
		out.Tables = append(out.Tables, tj)
	}
	for _, ex := range f.Examples {
		ej := ExampleJSON{Name: ex.Name, Source: ex.Source, Date: ex.Date.String(), Inputs: ex.Inputs, Refused: ex.Refused}
		if len(ex.Expect) > 0 {
			ej.Expect = map[string]string{}
			for _, e := range ex.Expect {
				ej.Expect[e.Step] = e.Value
			}
		}
		out.Examples = append(out.Examples, ej)
	}
	return out
}

// SheetMarkdown renders the sheet as Markdown.
func SheetMarkdown(s Sheet, set *i18n.Set) string {
	var b strings.Builder
	j := SheetJSONOf(s, set)
	t := func(key string) string { return joined(set, " / ", func(c *i18n.Catalog) string { return c.T(key) }) }
	fmt.Fprintf(&b, "# %s (`%s`)\n\n%s\n\n%s: %s · %s: %s\n\n", j.Title, j.Formula, j.Summary, t("ui.date"), j.Date, t("ui.valid"), validRange(set.Primary(), s.Formula.ValidFrom, j.Valid.To))
	fmt.Fprintf(&b, "## %s\n\n| %s | %s | %s |\n|---|---|---|\n", t("ui.inputs"), t("ui.id"), t("ui.kind"), t("ui.default"))
	for i, in := range j.Inputs {
		fmt.Fprintf(&b, "| %s `%s` | %s | %s |\n", mdCell(in.Label), in.ID, in.Kind, mdCell(s.defaultText(set.Primary(), s.Formula.Inputs[i])))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", t("ui.steps"))
	for i, st := range j.Steps {
		fmt.Fprintf(&b, "%d. **%s** `%s` = %s\n", i+1, st.Label, st.ID, st.Expr)
	}
	if len(j.Params) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", t("ui.params"))
		for _, p := range j.Params {
			v := p.Value
			if v == "" {
				v = "—"
			}
			warn := ""
			if !p.Verified {
				warn = " ⚠ " + t("ui.unverified")
			}
			fmt.Fprintf(&b, "- %s `%s` = %s%s — %s\n", p.Label, p.ID, v, warn, p.Source)
		}
	}
	fmt.Fprintf(&b, "\n## %s\n\n%s\n", t("ui.sources"), j.Source)
	return b.String()
}

// SheetJSONBytes renders the sheet as indented JSON.
func SheetJSONBytes(s Sheet, set *i18n.Set) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(SheetJSONOf(s, set))
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// ListEntry is one row of cntax list --json.
type ListEntry struct {
	ID       string    `json:"id"`
	Category string    `json:"category"`
	Title    string    `json:"title"`
	Summary  string    `json:"summary"`
	Valid    ValidJSON `json:"valid"`
}

// List is every formula, by category in product order.
func List(ix *catalog.Index, set *i18n.Set) []ListEntry {
	var out []ListEntry
	lab := func(key string) string { return joined(set, " / ", func(c *i18n.Catalog) string { return c.T(key) }) }
	for _, c := range ix.Categories {
		for _, f := range c.Formulas {
			out = append(out, ListEntry{ID: f.ID, Category: f.Category, Title: lab(i18n.FormulaKey(f.ID)), Summary: lab(i18n.SummaryKey(f.ID)),
				Valid: ValidJSON{From: f.ValidFrom.String(), To: f.ValidTo.String(), ReplacedBy: f.ReplacedBy}})
		}
	}
	return out
}

// ListText renders the list for a terminal, grouped by category.
func ListText(ix *catalog.Index, set *i18n.Set, st Style) string {
	var b strings.Builder
	w := 0
	for _, c := range ix.Categories {
		for _, f := range c.Formulas {
			w = max(w, len(f.ID))
		}
	}
	for _, c := range ix.Categories {
		fmt.Fprintf(&b, "%s\n", st.Title(joined(set, " · ", func(x *i18n.Catalog) string { return x.T(i18n.CategoryKey(c.ID)) })))
		for _, f := range c.Formulas {
			fmt.Fprintf(&b, "  %s  %s\n", PadRight(f.ID, w), joined(set, " · ", func(x *i18n.Catalog) string { return x.T(i18n.FormulaKey(f.ID)) }))
		}
	}
	return b.String()
}
