package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
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
	return fmt.Sprintf("%s  %s = %s", st.Label(resWord), resLabel, st.Result(ansText))
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
	res = res.Visible()
	var b strings.Builder
	f := res.Formula
	c0 := set.Primary()

	// Inputs: label and id left, value right-aligned, then where it came from.
	b.WriteString(st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.inputs") })) + "\n")
	rows := make([][4]string, len(res.Inputs))
	wl, wi, wv := 0, 0, 0
	for i, iv := range res.Inputs {
		rows[i][0] = joined(set, " · ", func(c *i18n.Catalog) string { return c.Label(f.ID, iv.Input.ID) })
		rows[i][1] = iv.Input.ID
		rows[i][2] = res.InputText(c0, i)
		note := ""
		switch {
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

	b.WriteString("\n" + st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.steps") })) + "\n")
	num := len(fmt.Sprint(len(f.Steps)))
	indent := strings.Repeat(" ", num+4)
	for i, sv := range res.Steps {
		label := joined(set, " · ", func(c *i18n.Catalog) string { return c.Label(f.ID, sv.Step.ID) })
		fmt.Fprintf(&b, "  %*d. %s  %s\n", num, i+1, st.Label(label), st.Dim(sv.Step.ID))
		each(set, func(c *i18n.Catalog) {
			fmt.Fprintf(&b, "%s= %s\n", indent, engine.Symbolic(c, f, sv.Expr()))
		})
		// The substituted line is left out when it says nothing new: a bare
		// input (销售额 → 100,000.00 is the value) or a table lookup.
		sub := res.Substituted(c0, i)
		if sub != engine.Symbolic(c0, f, sv.Expr()) && sub != res.StepText(c0, i) {
			fmt.Fprintf(&b, "%s= %s\n", indent, sub)
		}
		val := joined(set, " / ", func(c *i18n.Catalog) string { return res.StepText(c, i) })
		if sv.Step == f.Result {
			val = st.Result(val)
		}
		fmt.Fprintf(&b, "%s= %s\n", indent, val)
	}

	fmt.Fprintf(&b, "\n%s\n", AnswerLine(res, set, st))

	if u := res.Unverified(); len(u) > 0 {
		b.WriteString("\n")
		each(set, func(c *i18n.Catalog) {
			b.WriteString(st.Warn("⚠ "+c.T("ui.unverified_note", "list", unverifiedList(c, res, u))) + "\n")
		})
		for _, n := range UnverifiedNotes(res) {
			b.WriteString("  " + st.Dim(n) + "\n")
		}
	}
	if len(res.Params) > 0 || len(res.Tables) > 0 {
		b.WriteString("\n" + st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.params") })) + "\n")
		for _, p := range res.Params {
			label := joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.ParamKey(p.Param.ID)) })
			fmt.Fprintf(&b, "  %s %s = %s  %s\n", label, st.Dim(p.Param.ID),
				engine.Value(c0, p.Param.Kind, p.Value.Value, p.Value.Unit),
				st.Dim(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.since") })+" "+p.Value.From.String()))
			fmt.Fprintf(&b, "    %s\n", st.Dim(p.Param.Source))
		}
		for _, t := range res.Tables {
			label := joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.TableKey(t.ID)) })
			fmt.Fprintf(&b, "  %s %s\n    %s\n", label, st.Dim(t.ID), st.Dim(t.Source))
		}
	}
	b.WriteString("\n" + st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.sources") })) + "\n")
	fmt.Fprintf(&b, "  %s\n", f.Source)
	return b.String()
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

// UnverifiedNotes gives the maintainers' note on each unverified value used.
func UnverifiedNotes(res *engine.Result) []string {
	var out []string
	for _, p := range res.Params {
		switch {
		case p.Value.Unverified:
			out = append(out, p.Param.ID+": "+p.Value.Note)
		case !p.Param.Verified:
			out = append(out, p.Param.ID+": "+p.Param.Note)
		}
	}
	for _, t := range res.Tables {
		if v, _ := t.ValueAt(res.Date); v.Unverified {
			out = append(out, t.ID+": "+v.Note)
		} else if !t.Verified {
			out = append(out, t.ID+": "+t.Note)
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
	for _, iv := range res.Inputs {
		out.Inputs = append(out.Inputs, [2]string{iv.Input.ID, engine.JSONValue(iv.Input.Kind, iv.Value)})
	}
	for i, sv := range res.Steps {
		out.Steps = append(out.Steps, StepJSON{
			ID:          sv.Step.ID,
			Label:       joined(set, " / ", func(c *i18n.Catalog) string { return c.Label(f.ID, sv.Step.ID) }),
			Expr:        joined(set, " / ", func(c *i18n.Catalog) string { return engine.Symbolic(c, f, sv.Expr()) }),
			Substituted: res.Substituted(c0, i),
			Value:       engine.JSONValue(sv.Step.Kind, sv.Value),
		})
	}
	ans := res.Answer()
	out.Result = ResultValue{ID: ans.Step.ID, Value: engine.JSONValue(ans.Step.Kind, ans.Value)}
	return out
}

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
	if u := res.Unverified(); len(u) > 0 {
		b.WriteString("\n")
		each(set, func(c *i18n.Catalog) {
			fmt.Fprintf(&b, "> ⚠ %s\n", c.T("ui.unverified_note", "list", unverifiedList(c, res, u)))
		})
		for _, n := range UnverifiedNotes(res) {
			fmt.Fprintf(&b, "> - %s\n", n)
		}
	}
	if len(res.Params) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", t("ui.params"))
		for _, p := range res.Params {
			fmt.Fprintf(&b, "- %s `%s` = %s (%s %s) — %s\n", mdCell(t(i18n.ParamKey(p.Param.ID))), p.Param.ID,
				engine.Value(c0, p.Param.Kind, p.Value.Value, p.Value.Unit), t("ui.since"), p.Value.From, p.Param.Source)
		}
		for _, tb := range res.Tables {
			fmt.Fprintf(&b, "- %s `%s` — %s\n", t(i18n.TableKey(tb.ID)), tb.ID, tb.Source)
		}
	}
	fmt.Fprintf(&b, "\n## %s\n\n%s\n", t("ui.sources"), f.Source)
	return b.String()
}

func mdCell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
