package render

import (
	"fmt"
	"strings"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/changes"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// changeValues are a change's old and new values as read in c ("—" for
// no rule).
func changeValues(c *i18n.Catalog, ch changes.Change) (old, new string) {
	if ch.Param != nil {
		pv := func(v *catalog.ParamValue) string {
			if v == nil || v.Ended {
				return "—"
			}
			return engine.Value(c, ch.Param.Kind, v.Value, v.Unit)
		}
		return pv(ch.Old), pv(ch.New)
	}
	tv := func(v *catalog.DatedTable) string {
		if v == nil || v.Table == nil {
			return "—"
		}
		return bracketsLine(c, ch.Table, v.Table)
	}
	return tv(ch.OldTab), tv(ch.NewTab)
}

// bracketsLine is a table on one line: ≤36,000 3% · ≤144,000 10% · …
func bracketsLine(c *i18n.Catalog, td *catalog.TableDef, t *formula.Table) string {
	kind := formula.KindMoney
	if td.QuickRate {
		kind = formula.KindRate
	}
	var parts []string
	prev := ""
	for _, br := range t.Brackets {
		rate := engine.Value(c, formula.KindRate, br.Rate, numparse.Plain)
		if br.Open {
			parts = append(parts, ">"+prev+" "+rate)
			continue
		}
		prev = engine.Value(c, kind, br.Upto, numparse.Plain)
		parts = append(parts, "≤"+prev+" "+rate)
	}
	return strings.Join(parts, " · ")
}

func changeName(set *i18n.Set, ch changes.Change) string {
	var ns []string
	for _, l := range set.Mode.Langs() {
		c := set.Cats[l]
		if ch.Param != nil {
			ns = append(ns, c.T(i18n.ParamKey(ch.Param.ID)))
		} else {
			ns = append(ns, c.T(i18n.TableKey(ch.Table.ID)))
		}
	}
	if len(ns) == 2 && ns[0] == ns[1] {
		ns = ns[:1]
	}
	return strings.Join(ns, " · ")
}

// ChangesText lists changes grouped by tax: the date, the rule, old → new
// and the source that changed it.
func ChangesText(list []changes.Change, from, to date.Date, set *i18n.Set, st Style) string {
	var b strings.Builder
	c := set.Primary()
	var heads []string
	for _, l := range set.Mode.Langs() {
		heads = append(heads, set.Cats[l].T("changes.title", "since", from.String(), "until", to.String(), "n", fmt.Sprint(len(list))))
	}
	b.WriteString(st.Title(strings.Join(heads, " · ")) + "\n")
	if len(list) == 0 {
		b.WriteString(c.T("changes.none") + "\n")
		return b.String()
	}
	cat := ""
	for _, ch := range list {
		if ch.Category != cat {
			cat = ch.Category
			var ns []string
			for _, l := range set.Mode.Langs() {
				ns = append(ns, set.Cats[l].T(i18n.CategoryKey(cat)))
			}
			fmt.Fprintf(&b, "\n%s (%s)\n", st.Label(strings.Join(ns, " · ")), cat)
		}
		old, new := changeValues(c, ch)
		what := old + " → " + new
		switch {
		case ch.Old == nil && ch.OldTab == nil:
			what = c.T("changes.starts", "value", new)
		case (ch.New != nil && ch.New.Ended) || (ch.NewTab != nil && ch.NewTab.Table == nil):
			what = c.T("changes.ends", "value", old)
		}
		fmt.Fprintf(&b, "  %s  %s  %s\n", ch.From, changeName(set, ch), st.Dim(ch.ID()))
		fmt.Fprintf(&b, "              %s\n", what)
		fmt.Fprintf(&b, "              %s\n", st.Dim(c.T("changes.source", "source", ch.Source)))
		if !ch.Verified {
			fmt.Fprintf(&b, "              %s\n", st.Warn(c.T("changes.unverified")))
		}
	}
	return b.String()
}

// ChangeJSON is one change in JSON.
type ChangeJSON struct {
	Category string `json:"category"`
	ID       string `json:"id"`
	Kind     string `json:"kind"` // param or table
	Name     string `json:"name"`
	From     string `json:"from"`
	Old      string `json:"old"`
	New      string `json:"new"`
	Source   string `json:"source"`
	Verified bool   `json:"verified"`
}

// ChangesJSONOf is cntax changes --format json.
func ChangesJSONOf(list []changes.Change, from, to date.Date, set *i18n.Set) any {
	c := set.Primary()
	out := []ChangeJSON{}
	for _, ch := range list {
		old, new := changeValues(c, ch)
		kind := "param"
		if ch.Table != nil {
			kind = "table"
		}
		out = append(out, ChangeJSON{Category: ch.Category, ID: ch.ID(), Kind: kind, Name: changeName(set, ch), From: ch.From.String(),
			Old: old, New: new, Source: ch.Source, Verified: ch.Verified})
	}
	return map[string]any{"since": from.String(), "until": to.String(), "changes": out}
}
