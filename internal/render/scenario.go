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
	f := res.Formula
	rows := Filed(res, set.Primary())
	b.WriteString(st.Label(joined(set, " · ", func(c *i18n.Catalog) string { return c.T("ui.filed") })) + "\n")
	labels := make([]string, len(rows))
	wl, wv := 0, 0
	for i, r := range rows {
		labels[i] = joined(set, " · ", func(c *i18n.Catalog) string { return IdentLabel(c, f, r.ID) })
		wl = max(wl, Width(labels[i]))
		wv = max(wv, Width(r.Text))
	}
	for i, r := range rows {
		val := PadLeft(r.Text, wv)
		if r.ID == f.Result.ID {
			val = st.Result(val)
		} else {
			val = st.Value(val)
		}
		fmt.Fprintf(b, "  %s  %s  %s\n", PadRight(labels[i], wl), val, st.Dim(r.Formula))
	}
	b.WriteString("\n")
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
	writeSteps(b, pr.Result, set, st)
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
func Sources(res *engine.Result) []string {
	out := []string{res.Formula.Source}
	seen := map[string]bool{res.Formula.ID: true}
	for _, p := range res.Parts {
		if p.Result != nil && !seen[p.Result.Formula.ID] {
			seen[p.Result.Formula.ID] = true
			out = append(out, p.Result.Formula.ID+": "+p.Result.Formula.Source)
		}
	}
	return out
}
