package render

import (
	"fmt"
	"strings"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
)

// IdentLabel names a step of f, or PART.STEP of a scenario.
func IdentLabel(c *i18n.Catalog, f *catalog.Formula, id string) string {
	if f.Step(id) == nil && f.IsScenario() {
		return engine.CarriedLabel(c, f, id)
	}
	return c.Label(f.ID, id)
}

// FiledRow is one line of a scenario's summary of the figures to file.
type FiledRow struct {
	ID      string // PART.STEP or a step of the scenario
	Formula string // the formula it came from
	Kind    formula.Kind
	Value   string // as the JSON contract writes it
	Text    string // as read in the primary language
}

// Filed lists the figures to file of a scenario result, in the order its
// file declares, then its answer.
func Filed(res *engine.Result, c *i18n.Catalog) []FiledRow {
	f := res.Formula
	ids := append(append([]string(nil), f.Filed...), f.Result.ID)
	var out []FiledRow
	for _, id := range ids {
		kind, v, ok := res.Find(id)
		if !ok {
			continue // its part was skipped
		}
		from := f.ID
		if i := strings.IndexByte(id, '.'); i > 0 && f.Step(id) == nil {
			for _, p := range res.Parts {
				if p.Part.ID == id[:i] && p.Result != nil {
					from = p.Result.Formula.ID
				}
			}
		}
		out = append(out, FiledRow{ID: id, Formula: from, Kind: kind,
			Value: engine.JSONValue(kind, v), Text: engine.Value(c, kind, v, 0)})
	}
	return out
}

// writeFiled puts the figures to file first: what a bookkeeper copies into
// the returns, each with the formula it came from.
func writeFiled(b *strings.Builder, res *engine.Result, set *i18n.Set, st Style) {
	b.WriteString(st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.filed") })) + "\n")
	for _, l := range FiledLines(res, set, st, true) {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n")
}

// FiledLines are the rows of the figures to file, aligned, with the result
// row last when withResult (a screen that pins the answer line leaves it
// out).
func FiledLines(res *engine.Result, set *i18n.Set, st Style, withResult bool) []string {
	f := res.Formula
	rows := Filed(res, set.Primary())
	if !withResult && len(rows) > 0 && rows[len(rows)-1].ID == f.Result.ID {
		rows = rows[:len(rows)-1]
	}
	labels := make([]string, len(rows))
	wl, wv := 0, 0
	for i, r := range rows {
		labels[i] = joined(set, " · ", func(c *i18n.Catalog) string { return IdentLabel(c, f, r.ID) })
		wl = max(wl, Width(labels[i]))
		wv = max(wv, Width(r.Text))
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		val := PadLeft(r.Text, wv)
		if r.ID == f.Result.ID {
			val = st.Result(val)
		} else {
			val = st.Value(val)
		}
		from := ""
		if f.IsScenario() {
			from = "  " + st.Dim(r.Formula)
		}
		out[i] = "  " + PadRight(labels[i], wl) + "  " + val + from
	}
	return out
}

// writePart shows one formula call: where each carried input came from,
// then the called formula's steps three ways.
func writePart(b *strings.Builder, res *engine.Result, i int, set *i18n.Set, st Style, w int) {
	pr := res.Parts[i]
	f := res.Formula
	pf := pr.Part.Alts[0].Formula
	if pr.Alt != nil {
		pf = pr.Alt.Formula
	}
	title := joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.FormulaKey(pf.ID)) })
	fmt.Fprintf(b, "\n%s  %s\n", st.Title(fmt.Sprintf("%d. %s", i+1, title)), st.Dim(pr.Part.ID+" · "+pf.ID))
	if pr.Result == nil {
		b.WriteString("  " + st.Dim(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.part_skipped") })) + "\n")
		return
	}
	c0 := set.Primary()
	writeInputs(b, pr.Result, set, st, w, func(iv engine.InputValue) string {
		bv, ok := pr.Bound(iv.Input.ID)
		if !ok {
			return ""
		}
		note := "← " + joined(set, " / ", func(c *i18n.Catalog) string { return engine.Symbolic(c, f, bv.Bind.Expr) })
		if _, bare := bv.Bind.Expr.(*formula.Ident); !bare {
			note += " = " + res.SubstituteExpr(c0, bv.Bind.Expr)
		}
		return note
	})
	writeSteps(b, pr.Result.Visible(), set, st)
}

// Used lists the params and tables a result read, its parts' included,
// each once.
func Used(res *engine.Result) ([]engine.ParamUse, []*catalog.TableDef) {
	var params []engine.ParamUse
	var tables []*catalog.TableDef
	seenP, seenT := map[string]bool{}, map[string]bool{}
	add := func(r *engine.Result) {
		for _, p := range r.Params {
			if !seenP[p.Param.ID] {
				seenP[p.Param.ID] = true
				params = append(params, p)
			}
		}
		for _, t := range r.Tables {
			if !seenT[t.ID] {
				seenT[t.ID] = true
				tables = append(tables, t)
			}
		}
	}
	for _, p := range res.Parts {
		if p.Result != nil {
			add(p.Result)
		}
	}
	add(res)
	return params, tables
}

// Sources are the result's legal basis: the formula's own, then, for a
// scenario, each called formula's, each once.
func Sources(res *engine.Result, set *i18n.Set) []string {
	f := res.Formula
	out := []string{source(set, "formula", f.ID, f.Source)}
	seen := map[string]bool{f.ID: true}
	for _, p := range res.Parts {
		if pf := p.Result; pf != nil && !seen[pf.Formula.ID] {
			seen[pf.Formula.ID] = true
			out = append(out, pf.Formula.ID+": "+source(set, "formula", pf.Formula.ID, pf.Formula.Source))
		}
	}
	return out
}

// writeWiring prints how a scenario is wired: each part, the formula it
// calls (and when), and for each bound input the expression it comes from.
func writeWiring(b *strings.Builder, f *catalog.Formula, set *i18n.Set, st Style) {
	b.WriteString("\n" + st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.parts") })) + "\n")
	for i, p := range f.Parts {
		for j, a := range p.Alts {
			head := fmt.Sprintf("  %d. %s", i+1, p.ID)
			if j > 0 {
				head = strings.Repeat(" ", Width(head))
			}
			title := joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.FormulaKey(a.Formula.ID)) })
			line := fmt.Sprintf("%s  %s %s", head, st.Title(title), st.Dim(a.Formula.ID))
			if a.When != nil {
				line += "  " + st.Dim(joined(set, " / ", func(c *i18n.Catalog) string {
					return c.T("ui.when", "cond", engine.Symbolic(c, f, a.When))
				}))
			}
			b.WriteString(line + "\n")
			for _, bd := range a.Binds {
				label := joined(set, " · ", func(c *i18n.Catalog) string { return c.Label(a.Formula.ID, bd.Input.ID) })
				from := joined(set, " / ", func(c *i18n.Catalog) string { return engine.Symbolic(c, f, bd.Expr) })
				fmt.Fprintf(b, "       %s %s ← %s  %s\n", label, st.Dim(bd.Input.ID), from, st.Dim(bd.Src))
			}
		}
	}
}

// WiringJSON is a part of a scenario in show --json.
type WiringJSON struct {
	ID      string            `json:"id"`
	Formula string            `json:"formula"`
	When    string            `json:"when,omitempty"`
	Bind    map[string]string `json:"bind"`
}

func wiringJSON(f *catalog.Formula, set *i18n.Set) []WiringJSON {
	var out []WiringJSON
	for _, p := range f.Parts {
		for _, a := range p.Alts {
			w := WiringJSON{ID: p.ID, Formula: a.Formula.ID, Bind: map[string]string{}}
			if a.When != nil {
				w.When = engine.Symbolic(set.Primary(), f, a.When)
			}
			for _, bd := range a.Binds {
				w.Bind[bd.Input.ID] = bd.Src
			}
			out = append(out, w)
		}
	}
	return out
}

// markdownScenario writes the figures to file and each part of a
// scenario result as Markdown sections.
func markdownScenario(b *strings.Builder, res *engine.Result, set *i18n.Set) {
	markdownFiled(b, res, set)
	c0 := set.Primary()
	f := res.Formula
	t := func(key string) string { return joined(set, " / ", func(c *i18n.Catalog) string { return c.T(key) }) }
	for i, pr := range res.Parts {
		pf := pr.Part.Alts[0].Formula
		if pr.Alt != nil {
			pf = pr.Alt.Formula
		}
		fmt.Fprintf(b, "## %d. %s (`%s` · `%s`)\n\n", i+1, t(i18n.FormulaKey(pf.ID)), pr.Part.ID, pf.ID)
		if pr.Result == nil {
			fmt.Fprintf(b, "%s\n\n", t("ui.part_skipped"))
			continue
		}
		r := pr.Result.Visible()
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n|---|---|---:|---|\n", t("ui.inputs"), t("ui.id"), t("ui.value"), t("ui.from"))
		for j, iv := range r.Inputs {
			label := joined(set, " / ", func(c *i18n.Catalog) string { return c.Label(pf.ID, iv.Input.ID) })
			from := ""
			if bv, ok := pr.Bound(iv.Input.ID); ok {
				from = mdCell(engine.Symbolic(c0, f, bv.Bind.Expr))
				if _, bare := bv.Bind.Expr.(*formula.Ident); !bare {
					from += " = " + mdCell(res.SubstituteExpr(c0, bv.Bind.Expr))
				}
			}
			fmt.Fprintf(b, "| %s | `%s` | %s | %s |\n", mdCell(label), iv.Input.ID, mdCell(r.InputText(c0, j)), from)
		}
		fmt.Fprintf(b, "\n| # | %s | %s | %s | %s |\n|---|---|---|---|---:|\n", t("ui.step"), t("ui.expr"), t("ui.substituted"), t("ui.value"))
		for j, sv := range r.Steps {
			label := joined(set, " / ", func(c *i18n.Catalog) string { return c.Label(pf.ID, sv.Step.ID) })
			expr := joined(set, "<br>", func(c *i18n.Catalog) string { return mdCell(engine.Symbolic(c, pf, sv.Expr())) })
			fmt.Fprintf(b, "| %d | %s `%s.%s` | %s | %s | %s |\n", j+1, mdCell(label), pr.Part.ID, sv.Step.ID, expr, mdCell(r.Substituted(c0, j)), mdCell(r.StepText(c0, j)))
		}
		b.WriteString("\n")
	}
}

// markdownFiled writes the figures to file as a table.
func markdownFiled(b *strings.Builder, res *engine.Result, set *i18n.Set) {
	f := res.Formula
	c0 := set.Primary()
	t := func(key string) string { return joined(set, " / ", func(c *i18n.Catalog) string { return c.T(key) }) }
	fmt.Fprintf(b, "## %s\n\n| %s | %s | %s |\n|---|---:|---|\n", t("ui.filed"), t("ui.step"), t("ui.value"), t("ui.formula"))
	for _, r := range Filed(res, c0) {
		label := joined(set, " / ", func(c *i18n.Catalog) string { return IdentLabel(c, f, r.ID) })
		val := mdCell(r.Text)
		if r.ID == f.Result.ID {
			val = "**" + val + "**"
		}
		fmt.Fprintf(b, "| %s `%s` | %s | `%s` |\n", mdCell(label), r.ID, val, r.Formula)
	}
	b.WriteString("\n")
}
