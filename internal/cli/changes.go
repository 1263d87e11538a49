package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/changes"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

func (a *app) changesCmd() *cobra.Command {
	var since, until, format string
	cmd := &cobra.Command{
		Use:   "changes [CATEGORY]",
		Short: "规则变化一览：期间内生效的新税率、限额与税率表 · what changed in a period",
		Long: `List every dated rate, amount and table that took effect in the period, old → new,
with its effective date and the notice that changed it, grouped by tax. It is read
from the same dated values the calculations use. The period defaults to the year of
--date (or today): the "what is new this year" page.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.setup(cmd); err != nil {
				return err
			}
			category := ""
			if len(args) == 1 {
				category = args[0]
				if a.eng.Cat.Category(category) == nil {
					var ids []string
					for _, c := range a.eng.Cat.Categories {
						ids = append(ids, c.ID)
					}
					return a.usage("err.category", "name", category, "list", strings.Join(ids, ", "))
				}
			}
			from := date.MustParse(fmt.Sprintf("%04d-01-01", a.date.Year()))
			to := date.MustParse(fmt.Sprintf("%04d-12-31", a.date.Year()))
			for _, f := range []struct {
				text string
				into *date.Date
				flag string
			}{{since, &from, "--since"}, {until, &to, "--until"}} {
				if f.text == "" {
					continue
				}
				d, err := date.Parse(f.text)
				if err != nil {
					return a.usage("changes.bad_date", "flag", f.flag, "text", f.text)
				}
				*f.into = d
			}
			if to.Before(from) {
				return a.usage("changes.bad_period", "since", from.String(), "until", to.String())
			}
			list := changes.List(a.eng.Cat, from, to, category)
			switch format {
			case "text", "":
				_, err := io.WriteString(a.env.Stdout, a.changesText(list, from, to))
				return err
			case "json":
				return writeJSON(a.env.Stdout, a.changesJSON(list, from, to), true)
			}
			return a.usage("err.format", "list", "text, json")
		},
	}
	cmd.Flags().StringVar(&since, "since", "", "first day of the period, YYYY-MM-DD (default 1 January of the year of --date)")
	cmd.Flags().StringVar(&until, "until", "", "last day of the period, YYYY-MM-DD (default 31 December)")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

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

func (a *app) changeName(ch changes.Change) string {
	var ns []string
	for _, l := range a.set.Mode.Langs() {
		c := a.cats[l]
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

func (a *app) changesText(list []changes.Change, from, to date.Date) string {
	var b strings.Builder
	c := a.set.Primary()
	var heads []string
	for _, l := range a.set.Mode.Langs() {
		heads = append(heads, a.cats[l].T("changes.title", "since", from.String(), "until", to.String(), "n", fmt.Sprint(len(list))))
	}
	b.WriteString(a.style.Title(strings.Join(heads, " · ")) + "\n")
	if len(list) == 0 {
		b.WriteString(c.T("changes.none") + "\n")
		return b.String()
	}
	cat := ""
	for _, ch := range list {
		if ch.Category != cat {
			cat = ch.Category
			var ns []string
			for _, l := range a.set.Mode.Langs() {
				ns = append(ns, a.cats[l].T(i18n.CategoryKey(cat)))
			}
			fmt.Fprintf(&b, "\n%s (%s)\n", a.style.Label(strings.Join(ns, " · ")), cat)
		}
		old, new := changeValues(c, ch)
		what := old + " → " + new
		switch {
		case ch.Old == nil && ch.OldTab == nil:
			what = c.T("changes.starts", "value", new)
		case (ch.New != nil && ch.New.Ended) || (ch.NewTab != nil && ch.NewTab.Table == nil):
			what = c.T("changes.ends", "value", old)
		}
		fmt.Fprintf(&b, "  %s  %s  %s\n", ch.From, a.changeName(ch), a.style.Dim(ch.ID()))
		fmt.Fprintf(&b, "              %s\n", what)
		fmt.Fprintf(&b, "              %s\n", a.style.Dim(c.T("changes.source", "source", ch.Source)))
		if !ch.Verified {
			fmt.Fprintf(&b, "              %s\n", a.style.Warn(c.T("changes.unverified")))
		}
	}
	return b.String()
}

type changeJSON struct {
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

func (a *app) changesJSON(list []changes.Change, from, to date.Date) any {
	c := a.set.Primary()
	out := []changeJSON{}
	for _, ch := range list {
		old, new := changeValues(c, ch)
		kind := "param"
		if ch.Table != nil {
			kind = "table"
		}
		out = append(out, changeJSON{Category: ch.Category, ID: ch.ID(), Kind: kind, Name: a.changeName(ch), From: ch.From.String(),
			Old: old, New: new, Source: ch.Source, Verified: ch.Verified})
	}
	return map[string]any{"since": from.String(), "until": to.String(), "changes": out}
}
