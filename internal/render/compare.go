package render

import (
	"fmt"
	"strings"

	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// CompareRow is one input or step under two dates: "" where it does not
// apply on that date.
type CompareRow struct {
	ID, Label  string
	A, B       string // the values as read
	SubA, SubB string // steps: the numbers put in
	Differ     bool
	Step       bool
}

// Compare lines up two evaluations of one formula with the same inputs:
// the inputs (defaults may differ by date), then the steps in the
// formula's order, each marked when its value differs.
func Compare(a, b *engine.Result, c *i18n.Catalog) []CompareRow {
	a, b = a.Visible(), b.Visible()
	var rows []CompareRow
	f := a.Formula
	// Inputs sit at their slots in both (one formula); steps may not (a
	// step hidden on one date is absent from that Visible).
	for i, in := range f.Inputs {
		r := CompareRow{ID: in.ID, Label: c.Label(f.ID, in.ID), A: a.InputText(c, i), B: b.InputText(c, i)}
		r.Differ = r.A != r.B
		rows = append(rows, r)
	}
	stA, stB := map[string]int{}, map[string]int{}
	for i, sv := range a.Steps {
		stA[sv.Step.ID] = i
	}
	for i, sv := range b.Steps {
		stB[sv.Step.ID] = i
	}
	for _, st := range f.Steps {
		ia, okA := stA[st.ID]
		ib, okB := stB[st.ID]
		if !okA && !okB {
			continue
		}
		r := CompareRow{ID: st.ID, Label: c.Label(f.ID, st.ID), Step: true}
		if okA {
			r.A, r.SubA = a.StepText(c, ia), a.Substituted(c, ia)
		}
		if okB {
			r.B, r.SubB = b.StepText(c, ib), b.Substituted(c, ib)
		}
		switch {
		case okA && okB:
			r.Differ = !a.Steps[ia].Value.Equal(b.Steps[ib].Value)
		default:
			r.Differ = true
		}
		rows = append(rows, r)
	}
	return rows
}

// CompareText prints Compare as two columns, the differing rows marked ≠
// and their substitutions under them.
func CompareText(a, b *engine.Result, set *i18n.Set, st Style) string {
	c := set.Primary()
	f := a.Formula
	title := joined(set, " · ", func(c *i18n.Catalog) string { return c.T(i18n.FormulaKey(f.ID)) })
	var out strings.Builder
	fmt.Fprintf(&out, "%s  %s\n%s\n\n", st.Title(title), st.Dim(f.ID),
		joined(set, " · ", func(c *i18n.Catalog) string {
			return c.T("compare.title", "a", a.Date.String(), "b", b.Date.String())
		}))
	rows := Compare(a, b, c)
	lw, aw := 0, Width(a.Date.String())
	for _, r := range rows {
		lw = max(lw, Width(r.Label))
		aw = max(aw, Width(r.A))
	}
	bw := Width(b.Date.String())
	for _, r := range rows {
		bw = max(bw, Width(r.B))
	}
	none := "—"
	or := func(s string) string {
		if s == "" {
			return none
		}
		return s
	}
	head := func(key string) {
		fmt.Fprintf(&out, "%s  %s  %s\n", PadRight(st.Label(c.T(key)), lw+2), PadLeft(a.Date.String(), aw), PadLeft(b.Date.String(), bw))
	}
	head("ui.inputs")
	steps := false
	differ := 0
	for _, r := range rows {
		if r.Step && !steps {
			steps = true
			out.WriteString("\n")
			head("ui.steps")
		}
		mark := "  "
		if r.Differ {
			mark = st.Warn("≠ ")
			if r.Step {
				differ++
			}
		}
		fmt.Fprintf(&out, "%s%s  %s  %s\n", mark, PadRight(r.Label, lw), PadLeft(or(r.A), aw), PadLeft(or(r.B), bw))
		if r.Step && r.Differ {
			if r.SubA != "" {
				fmt.Fprintf(&out, "    %s  %s\n", st.Dim(a.Date.String()), st.Dim("= "+r.SubA))
			}
			if r.SubB != "" {
				fmt.Fprintf(&out, "    %s  %s\n", st.Dim(b.Date.String()), st.Dim("= "+r.SubB))
			}
		}
	}
	ansA, ansB := a.Answer(), b.Answer()
	diff := ansB.Value.Sub(ansA.Value)
	out.WriteString("\n")
	each(set, func(c *i18n.Catalog) {
		out.WriteString(c.T("compare.summary", "n", fmt.Sprint(differ), "label", c.Label(f.ID, f.Result.ID),
			"a", engine.Value(c, ansA.Step.Kind, ansA.Value, numparse.Plain), "b", engine.Value(c, ansB.Step.Kind, ansB.Value, numparse.Plain),
			"diff", engine.Value(c, ansA.Step.Kind, diff, numparse.Plain)) + "\n")
	})
	for _, r := range []*engine.Result{a, b} {
		if ids := r.Unverified(); len(ids) > 0 {
			out.WriteString(st.Warn("⚠ "+r.Date.String()+": "+unverifiedList(c, r, ids)) + "\n")
		}
	}
	return out.String()
}

// CompareJSON is calc --compare --format json.
type CompareJSON struct {
	Formula string           `json:"formula"`
	Dates   [2]string        `json:"dates"`
	Rows    []CompareRowJSON `json:"rows"`
	Results [2]ResultJSON    `json:"results"`
}

type CompareRowJSON struct {
	ID     string    `json:"id"`
	Kind   string    `json:"kind"` // input or step
	Values [2]string `json:"values"`
	Differ bool      `json:"differ"`
}

func CompareJSONOf(a, b *engine.Result, set *i18n.Set) CompareJSON {
	out := CompareJSON{Formula: a.Formula.ID, Dates: [2]string{a.Date.String(), b.Date.String()},
		Results: [2]ResultJSON{JSONOf(a, set), JSONOf(b, set)}}
	for _, r := range Compare(a, b, set.Primary()) {
		k := "input"
		if r.Step {
			k = "step"
		}
		out.Rows = append(out.Rows, CompareRowJSON{ID: r.ID, Kind: k, Values: [2]string{r.A, r.B}, Differ: r.Differ})
	}
	return out
}
