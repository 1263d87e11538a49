package practice

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/i18n"
)

// Dashboard is the student's progress in c: the share of step marks per
// category and per formula, weakest first, and the last days practised.
func Dashboard(cat *catalog.Catalog, stats *Stats, st *Study, c *i18n.Catalog) string {
	var b strings.Builder
	b.WriteString(c.T("dash.title") + "\n")
	if stats == nil || len(stats.Formulas) == 0 {
		b.WriteString("\n" + c.T("dash.empty") + "\n")
		return b.String()
	}
	type row struct {
		id, name     string
		problems     int
		right, steps float64
	}
	pct := func(r row) float64 {
		if r.steps == 0 {
			return 0
		}
		return r.right / r.steps
	}
	byCat := map[string]*row{}
	var forms []row
	for id, fs := range stats.Formulas {
		f := cat.Formula(id)
		if f == nil || fs.Problems == 0 {
			continue
		}
		forms = append(forms, row{id: id, name: c.T(i18n.FormulaKey(id)), problems: fs.Problems, right: fs.StepsRight, steps: float64(fs.Steps)})
		r := byCat[f.Category]
		if r == nil {
			r = &row{id: f.Category, name: c.T(i18n.CategoryKey(f.Category))}
			byCat[f.Category] = r
		}
		r.problems += fs.Problems
		r.right += fs.StepsRight
		r.steps += float64(fs.Steps)
	}
	var cats []row
	for _, r := range byCat {
		cats = append(cats, *r)
	}
	weakest := func(rs []row) {
		sort.Slice(rs, func(i, j int) bool {
			if pct(rs[i]) != pct(rs[j]) {
				return pct(rs[i]) < pct(rs[j])
			}
			return rs[i].id < rs[j].id
		})
	}
	weakest(cats)
	weakest(forms)
	line := func(r row, extra string) {
		fmt.Fprintf(&b, "  %3.0f%%  %s  %s%s\n", pct(r)*100, r.name, c.T("dash.problems", "n", fmt.Sprint(r.problems)), extra)
	}
	b.WriteString("\n" + c.T("dash.by_category") + "\n")
	for _, r := range cats {
		line(r, "")
	}
	b.WriteString("\n" + c.T("dash.by_formula") + "\n")
	for _, r := range forms {
		extra := ""
		if st != nil {
			if bx := st.Boxes[r.id]; bx != nil {
				extra = " · " + c.T("dash.box", "box", fmt.Sprint(bx.Box), "due", bx.Due)
			}
		}
		line(r, "  ("+r.id+")"+extra)
	}
	if st != nil && len(st.Attempts) > 0 {
		type day struct {
			n       int
			got, of float64
		}
		days := map[string]*day{}
		var order []string
		for _, a := range st.Attempts {
			d := days[a.Day]
			if d == nil {
				d = &day{}
				days[a.Day] = d
				order = append(order, a.Day)
			}
			d.n++
			d.got += a.Got
			d.of += float64(a.Of)
		}
		sort.Strings(order)
		if len(order) > 7 {
			order = order[len(order)-7:]
		}
		b.WriteString("\n" + c.T("dash.trend") + "\n")
		prev := -1.0
		for _, k := range order {
			d := days[k]
			p := d.got / d.of
			arrow := ""
			switch {
			case prev >= 0 && p > prev:
				arrow = " ▲"
			case prev >= 0 && p < prev:
				arrow = " ▼"
			}
			fmt.Fprintf(&b, "  %s  %3.0f%%  %s%s\n", k, p*100, c.T("dash.problems", "n", fmt.Sprint(d.n)), arrow)
			prev = p
		}
	}
	if st != nil {
		fmt.Fprintf(&b, "\n%s\n", c.T("dash.notebook", "n", fmt.Sprint(len(st.Mistakes))))
	}
	return b.String()
}
