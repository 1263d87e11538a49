package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/payroll"
)

// Text renders a result for a terminal: the inputs as an aligned table, then
// each step three ways (the formula in words, the numbers put in, the
// value), the result, the params used and the sources.
func Text(res *engine.Result, set *i18n.Set, st Style) string {
	f := res.Formula
	title := joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.FormulaKey(f.ID)) })
	cat := joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.CategoryKey(f.Category)) })
	return fmt.Sprintf("%s  %s\n%s %s\n\n", st.Title(title), st.Dim(cat+" · "+f.ID),
		joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.date") }), res.Date) + TextBody(res, set, st)
}

// AnswerLine is the result in one line: 结果  应纳税额 = 14,690.00.
func AnswerLine(res *engine.Result, set *i18n.Set, st Style) string {
	f := res.Formula
	ans := res.Answer()
	resLabel := joined(set, " · ", func(c *i18n.Catalog) string { return c.Label(f.ID, ans.Step.ID) })
	resWord := joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.result") })
	ansText := joined(set, " / ", func(c *i18n.Catalog) string { return engine.Value(c, ans.Step.Kind, ans.Value, 0) })
	line := fmt.Sprintf("%s  %s = %s", st.Label(resWord), resLabel, st.Result(ansText))
	if len(res.Unverified()) > 0 {
		// A number resting on an unconfirmed rule (the 1% small-scale levy
		// of 2026–2027) is flagged where it is read, not only in the notes.
		line += "  " + st.Warn("⚠ "+joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.unverified") }))
	}
	return line
}

// TextBody is Text without the title and date lines, for a screen that
// shows those itself.
func TextBody(res *engine.Result, set *i18n.Set, st Style) string {
	return TextBodyWidth(res, set, st, 0)
}

// TextBodyWidth lays the inputs out for a screen w cells wide (0: any):
// the id column goes when the table would not fit, and a note that would
// overflow moves under its row.
func TextBodyWidth(res *engine.Result, set *i18n.Set, st Style, w int) string {
	return TextBodyFiled(res, set, st, w, true)
}

// TextBodyFiled is TextBodyWidth, with the figures to file at its top only
// when filed (a screen that keeps them pinned above leaves them out).
func TextBodyFiled(res *engine.Result, set *i18n.Set, st Style, w int, filed bool) string {
	res = res.Visible()
	var b strings.Builder
	f := res.Formula
	if filed && len(f.Filed) > 0 {
		writeFiled(&b, res, set, st)
	}
	writeInputs(&b, res, set, st, w, nil)
	stepsKey := "ui.steps"
	if f.IsScenario() {
		for i := range res.Parts {
			writePart(&b, res, i, set, st, w)
		}
		stepsKey = "ui.summary_steps"
	}
	b.WriteString("\n" + st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T(stepsKey) })) + "\n")
	writeSteps(&b, res, set, st)

	fmt.Fprintf(&b, "\n%s\n", AnswerLine(res, set, st))
	for _, n := range payroll.Notes(res) {
		each(set, func(c *i18n.Catalog) { b.WriteString(st.Warn("⚠ "+n.Message(c)) + "\n") })
	}
	if len(res.Warnings) > 0 {
		b.WriteString("\n")
		each(set, func(c *i18n.Catalog) {
			for _, w := range res.WarningTexts(c) {
				b.WriteString(st.Warn("⚠ "+w) + "\n")
			}
		})
	}

	if u := res.Unverified(); len(u) > 0 {
		b.WriteString("\n")
		each(set, func(c *i18n.Catalog) {
			b.WriteString(st.Warn("⚠ "+c.T("ui.unverified_note", "list", unverifiedList(c, res, u))) + "\n")
		})
		each(set, func(c *i18n.Catalog) {
			for _, n := range UnverifiedNotes(c, res) {
				b.WriteString("  " + st.Dim(n) + "\n")
			}
		})
	}
	c0 := set.Primary()
	params, tables := Used(res)
	if len(params) > 0 || len(tables) > 0 {
		b.WriteString("\n" + st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.params") })) + "\n")
		for _, p := range params {
			label := joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.ParamKey(p.Param.ID)) })
			fmt.Fprintf(&b, "  %s %s = %s  %s\n", label, st.Dim(p.Param.ID),
				engine.Value(c0, p.Param.Kind, p.Value.Value, p.Value.Unit),
				st.Dim(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.since") })+" "+p.Value.From.String()))
			fmt.Fprintf(&b, "    %s\n", st.Dim(source(set, "param", p.Param.ID, p.Param.Source)))
		}
		for _, t := range tables {
			label := joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.TableKey(t.ID)) })
			fmt.Fprintf(&b, "  %s %s\n    %s\n", label, st.Dim(t.ID), st.Dim(source(set, "table", t.ID, t.Source)))
		}
	}
	b.WriteString("\n" + st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.sources") })) + "\n")
	for _, src := range Sources(res, set) {
		fmt.Fprintf(&b, "  %s\n", src)
	}
	return b.String()
}

// writeInputs lays out the inputs of res: label and id left, value
// right-aligned, then where it came from. from, when set, gives the note
// of an input a scenario carried into the formula.
func writeInputs(b *strings.Builder, res *engine.Result, set *i18n.Set, st Style, w int, from func(iv engine.InputValue) string) {
	f := res.Formula
	c0 := set.Primary()
	if from == nil {
		b.WriteString(st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.inputs") })) + "\n")
	}
	rows := make([][4]string, len(res.Inputs))
	wl, wi, wv := 0, 0, 0
	for i, iv := range res.Inputs {
		rows[i][0] = joined(set, " · ", func(c *i18n.Catalog) string { return c.Label(f.ID, iv.Input.ID) })
		rows[i][1] = iv.Input.ID
		rows[i][2] = res.InputText(c0, i)
		note := ""
		if from != nil {
			note = from(iv)
		}
		switch {
		case note != "":
		case iv.Choice != nil:
			note = joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.ParamKey(iv.Choice.ID)) })
			if !iv.Given {
				note = joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.default") }) + ": " + note
			}
		case !iv.Given && isComputed(iv.Input):
			// a default computed from other inputs shows its working
			note = joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.default") }) + ": " +
				joined(set, " / ", func(c *i18n.Catalog) string { return engine.Symbolic(c, f, iv.Input.Default) })
		case !iv.Given:
			note = joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.default") })
		}
		rows[i][3] = note
		wl = max(wl, Width(rows[i][0]))
		wi = max(wi, Width(rows[i][1]))
		wv = max(wv, Width(rows[i][2]))
	}
	showID := w == 0 || 2+wl+2+wi+2+wv <= w
	for _, r := range rows {
		line := "  " + PadRight(r[0], wl) + "  "
		if showID {
			line += st.Dim(PadRight(r[1], wi)) + "  "
		}
		line += PadLeft(st.Value(r[2]), wv)
		if r[3] != "" {
			if w > 0 && Width(line)+2+Width(r[3]) > w {
				line += "\n" + strings.Repeat(" ", 4) + st.Dim(r[3])
			} else {
				line += "  " + st.Dim(r[3])
			}
		}
		b.WriteString(line + "\n")
	}
}

// writeSteps writes each step of res three ways: the formula in words, the
// numbers put in, the value.
func writeSteps(b *strings.Builder, res *engine.Result, set *i18n.Set, st Style) {
	f := res.Formula
	c0 := set.Primary()
	num := len(fmt.Sprint(len(f.Steps)))
	indent := strings.Repeat(" ", num+4)
	for i, sv := range res.Steps {
		label := joined(set, " · ", func(c *i18n.Catalog) string { return c.Label(f.ID, sv.Step.ID) })
		fmt.Fprintf(b, "  %*d. %s  %s\n", num, i+1, st.Label(label), st.Dim(sv.Step.ID))
		each(set, func(c *i18n.Catalog) {
			fmt.Fprintf(b, "%s= %s\n", indent, engine.Symbolic(c, f, sv.Expr()))
		})
		// The substituted line is left out when it says nothing new: a bare
		// input (销售额 → 100,000.00 is the value) or a table lookup.
		sub := res.Substituted(c0, i)
		if sub != engine.Symbolic(c0, f, sv.Expr()) && sub != res.StepText(c0, i) {
			fmt.Fprintf(b, "%s= %s\n", indent, sub)
		}
		val := joined(set, " / ", func(c *i18n.Catalog) string { return res.StepText(c, i) })
		if sv.Step == f.Result {
			val = st.Result(val)
		}
		fmt.Fprintf(b, "%s= %s\n", indent, val)
	}
}

// unverifiedList names each unverified param with its label and the note.
func unverifiedList(c *i18n.Catalog, res *engine.Result, ids []string) string {
	var parts []string
	for _, id := range ids {
		label := c.T(i18n.ParamKey(id))
		if !c.Has(i18n.ParamKey(id)) {
			label = c.T(i18n.TableKey(id))
		}
		parts = append(parts, label+" ("+id+")")
	}
	return strings.Join(parts, "; ")
}

// UnverifiedNotes gives the maintainers' note on each unverified value
// used, in c's language.
func UnverifiedNotes(c *i18n.Catalog, res *engine.Result) []string {
	var out []string
	params, tables := Used(res)
	for _, p := range params {
		switch {
		case p.Value.Unverified:
			out = append(out, p.Param.ID+": "+ValueNote(c, p.Param, p.Value))
		case !p.Param.Verified:
			out = append(out, p.Param.ID+": "+ParamNote(c, p.Param))
		}
	}
	for _, t := range tables {
		if v, _ := t.ValueAt(res.Date); v.Unverified {
			out = append(out, t.ID+": "+TableValueNote(c, t, v))
		} else if !t.Verified {
			out = append(out, t.ID+": "+TableNote(c, t))
		}
	}
	return out
}

// isComputed: the input's default is an expression of other inputs or
// params, not a plain number or a single param.
func isComputed(in *catalog.Input) bool {
	switch in.Default.(type) {
	case nil, *formula.NumberLit, *formula.BoolLit, *formula.Ident:
		return false
	}
	return true
}

// ResultJSON is the calc --format json contract (DESIGN §4).
type ResultJSON struct {
	Formula    string      `json:"formula"`
	Date       string      `json:"date"`
	Inputs     orderedMap  `json:"inputs"`
	Steps      []StepJSON  `json:"steps"`
	Result     ResultValue `json:"result"`
	Unverified []string    `json:"unverified,omitempty"`
	Warnings   []string    `json:"warnings,omitempty"`
	// A scenario's figures to file and its parts (CATALOG.md "Scenarios").
	Filed []FiledJSON `json:"filed,omitempty"`
	Parts []PartJSON  `json:"parts,omitempty"`
	Notes []NoteJSON  `json:"notes,omitempty"`
}

// PartJSON is one formula call of a scenario; From says, for each carried
// input, the expression it came from and that expression with numbers.
type PartJSON struct {
	ID       string              `json:"id"`
	Formula  string              `json:"formula"`
	Skipped  bool                `json:"skipped,omitempty"`
	Inputs   orderedMap          `json:"inputs"`
	From     map[string]FromJSON `json:"from,omitempty"`
	Steps    []StepJSON          `json:"steps"`
	Result   *ResultValue        `json:"result,omitempty"`
	Warnings []string            `json:"warnings,omitempty"`
}

type FromJSON struct {
	Expr        string `json:"expr"`
	Substituted string `json:"substituted"`
}

type FiledJSON struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Formula string `json:"formula"`
	Value   string `json:"value"`
}

// NoteJSON is a warning on the result (the bonus bracket trap).
type NoteJSON struct {
	Key     string `json:"key"`
	Message string `json:"message"`
}

type StepJSON struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Expr        string `json:"expr"`
	Substituted string `json:"substituted"`
	Value       string `json:"value"`
}

type ResultValue struct {
	ID    string `json:"id"`
	Value string `json:"value"`
}

// orderedMap marshals as an object in the formula's input order.
type orderedMap [][2]string

func (m orderedMap) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv[0])
		v, _ := json.Marshal(kv[1])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// JSONOf builds the contract object; labels are in the mode's languages
// joined by " / " when both.
func JSONOf(res *engine.Result, set *i18n.Set) ResultJSON {
	res = res.Visible()
	f := res.Formula
	c0 := set.Primary()
	out := ResultJSON{Formula: f.ID, Date: res.Date.String(), Unverified: res.Unverified()}
	if len(f.Filed) > 0 {
		for _, r := range Filed(res, c0) {
			out.Filed = append(out.Filed, FiledJSON{ID: r.ID, Formula: r.Formula, Value: r.Value,
				Label: joined(set, " / ", func(c *i18n.Catalog) string { return IdentLabel(c, f, r.ID) })})
		}
	}
	if f.IsScenario() {
		for _, pr := range res.Parts {
			pj := PartJSON{ID: pr.Part.ID, Formula: pr.Part.Alts[0].Formula.ID, Skipped: pr.Skipped(), Steps: []StepJSON{}}
			if pr.Result != nil {
				sub := JSONOf(pr.Result, set)
				pj.Formula, pj.Inputs, pj.Steps, pj.Warnings = sub.Formula, sub.Inputs, sub.Steps, sub.Warnings
				pj.Result = &sub.Result
				for _, bv := range pr.Binds {
					if pj.From == nil {
						pj.From = map[string]FromJSON{}
					}
					pj.From[bv.Bind.Input.ID] = FromJSON{
						Expr:        joined(set, " / ", func(c *i18n.Catalog) string { return engine.Symbolic(c, f, bv.Bind.Expr) }),
						Substituted: res.SubstituteExpr(c0, bv.Bind.Expr),
					}
				}
				for _, sj := range sub.Steps {
					sj.ID = pr.Part.ID + "." + sj.ID
					out.Steps = append(out.Steps, sj)
				}
			}
			out.Parts = append(out.Parts, pj)
		}
	}
	for _, iv := range res.Inputs {
		out.Inputs = append(out.Inputs, [2]string{iv.Input.ID, engine.JSONValue(iv.Input.Kind, iv.Value)})
	}
	for i, sv := range res.Steps {
		words := stepWords(set, f, sv.Step)
		expr := words[1]
		if fx := sv.Expr(); fx != sv.Step.Expr { // a branch the date rules out is folded away
			expr = joined(set, " / ", func(c *i18n.Catalog) string { return engine.Symbolic(c, f, fx) })
		}
		out.Steps = append(out.Steps, StepJSON{
			ID:          sv.Step.ID,
			Label:       words[0],
			Expr:        expr,
			Substituted: res.Substituted(c0, i),
			Value:       engine.JSONValue(sv.Step.Kind, sv.Value),
		})
	}
	ans := res.Answer()
	out.Result = ResultValue{ID: ans.Step.ID, Value: engine.JSONValue(ans.Step.Kind, ans.Value)}
	each(set, func(c *i18n.Catalog) { out.Warnings = append(out.Warnings, res.WarningTexts(c)...) })
	for _, n := range payroll.Notes(res) {
		out.Notes = append(out.Notes, NoteJSON{Key: n.Key, Message: joined(set, " / ", n.Message)})
	}
	return out
}

// stepWords is a step's label and its formula in words, in the mode's
// languages. They do not depend on the values, so they are worked out
// once per step and language setting (a batch prints them on every row).
func stepWords(set *i18n.Set, f *catalog.Formula, st *catalog.Step) [2]string {
	key := stepKey{set.Mode, set.Cats[i18n.ZH], set.Cats[i18n.EN], st}
	if v, ok := stepWordsMemo.Load(key); ok {
		return v.([2]string)
	}
	w := [2]string{
		joined(set, " / ", func(c *i18n.Catalog) string { return c.Label(f.ID, st.ID) }),
		joined(set, " / ", func(c *i18n.Catalog) string { return engine.Symbolic(c, f, st.Expr) }),
	}
	stepWordsMemo.Store(key, w)
	return w
}

type stepKey struct {
	mode   i18n.Mode
	zh, en *i18n.Catalog
	st     *catalog.Step
}

var stepWordsMemo sync.Map // stepKey → [2]string

// JSON renders one result object on one line.
func JSON(res *engine.Result, set *i18n.Set) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // formulas hold < and >; keep them readable
	_ = enc.Encode(JSONOf(res, set))
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// Markdown renders a result as a document to keep or paste.
func Markdown(res *engine.Result, set *i18n.Set) string {
	res = res.Visible()
	var b strings.Builder
	f := res.Formula
	c0 := set.Primary()
	t := func(key string) string { return joined(set, " / ", func(c *i18n.Catalog) string { return c.T(key) }) }
	fmt.Fprintf(&b, "# %s (`%s`)\n\n", t(i18n.FormulaKey(f.ID)), f.ID)
	fmt.Fprintf(&b, "%s: %s · %s: %s\n\n", t("ui.category"), t(i18n.CategoryKey(f.Category)), t("ui.date"), res.Date)
	fmt.Fprintf(&b, "## %s\n\n| %s | %s | %s |\n|---|---|---:|\n", t("ui.inputs"), t("ui.inputs"), t("ui.id"), t("ui.value"))
	for i, iv := range res.Inputs {
		label := joined(set, " / ", func(c *i18n.Catalog) string { return c.Label(f.ID, iv.Input.ID) })
		val := res.InputText(c0, i)
		if !iv.Given {
			val += " (" + t("ui.default") + ")"
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s |\n", mdCell(label), iv.Input.ID, mdCell(val))
	}
	switch {
	case f.IsScenario():
		b.WriteString("\n")
		markdownScenario(&b, res, set)
	case len(f.Filed) > 0:
		b.WriteString("\n")
		markdownFiled(&b, res, set)
	}
	fmt.Fprintf(&b, "\n## %s\n\n| # | %s | %s | %s | %s |\n|---|---|---|---|---:|\n", t("ui.steps"), t("ui.step"), t("ui.expr"), t("ui.substituted"), t("ui.value"))
	for i, sv := range res.Steps {
		label := joined(set, " / ", func(c *i18n.Catalog) string { return c.Label(f.ID, sv.Step.ID) })
		expr := joined(set, "<br>", func(c *i18n.Catalog) string { return mdCell(engine.Symbolic(c, f, sv.Expr())) })
		val := mdCell(res.StepText(c0, i))
		if sv.Step == f.Result {
			val = "**" + val + "**"
		}
		fmt.Fprintf(&b, "| %d | %s `%s` | %s | %s | %s |\n", i+1, mdCell(label), sv.Step.ID, expr, mdCell(res.Substituted(c0, i)), val)
	}
	ans := res.Answer()
	fmt.Fprintf(&b, "\n**%s: %s = %s**\n", t("ui.result"),
		joined(set, " / ", func(c *i18n.Catalog) string { return c.Label(f.ID, ans.Step.ID) }),
		engine.Value(c0, ans.Step.Kind, ans.Value, 0))
	if len(res.Warnings) > 0 {
		b.WriteString("\n")
		each(set, func(c *i18n.Catalog) {
			for _, w := range res.WarningTexts(c) {
				fmt.Fprintf(&b, "> ⚠ %s\n", mdCell(w))
			}
		})
	}
	for _, n := range payroll.Notes(res) {
		each(set, func(c *i18n.Catalog) { fmt.Fprintf(&b, "\n> ⚠ %s\n", n.Message(c)) })
	}
	if u := res.Unverified(); len(u) > 0 {
		b.WriteString("\n")
		each(set, func(c *i18n.Catalog) {
			fmt.Fprintf(&b, "> ⚠ %s\n", c.T("ui.unverified_note", "list", unverifiedList(c, res, u)))
		})
		each(set, func(c *i18n.Catalog) {
			for _, n := range UnverifiedNotes(c, res) {
				fmt.Fprintf(&b, "> - %s\n", n)
			}
		})
	}
	params, tables := Used(res)
	if len(params) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", t("ui.params"))
		for _, p := range params {
			fmt.Fprintf(&b, "- %s `%s` = %s (%s %s) — %s\n", mdCell(t(i18n.ParamKey(p.Param.ID))), p.Param.ID,
				engine.Value(c0, p.Param.Kind, p.Value.Value, p.Value.Unit), t("ui.since"), p.Value.From, p.Param.Source)
		}
		for _, tb := range tables {
			fmt.Fprintf(&b, "- %s `%s` — %s\n", t(i18n.TableKey(tb.ID)), tb.ID, tb.Source)
		}
	}
	fmt.Fprintf(&b, "\n## %s\n\n%s\n", t("ui.sources"), strings.Join(Sources(res, set), "\n\n"))
	return b.String()
}

func mdCell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
