package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/changes"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/render"
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
				_, err := io.WriteString(a.env.Stdout, render.ChangesText(list, from, to, a.set, a.style))
				return err
			case "json":
				return writeJSON(a.env.Stdout, render.ChangesJSONOf(list, from, to, a.set), true)
			}
			return a.usage("err.format", "list", "text, json")
		},
	}
	cmd.Flags().StringVar(&since, "since", "", "first day of the period, YYYY-MM-DD (default 1 January of the year of --date)")
	cmd.Flags().StringVar(&until, "until", "", "last day of the period, YYYY-MM-DD (default 31 December)")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}
