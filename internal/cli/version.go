package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
)

// buildInfo reads what the go command stamped into the binary; a seam for
// tests.
var buildInfo = debug.ReadBuildInfo

// versionInfo is what `cntax version` prints.
type versionInfo struct {
	Version  string `json:"version"`
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
	Rules    string `json:"rules_as_of"`
	Next     string `json:"next_rule_change,omitempty"`
	Formulas int    `json:"formulas"`
}

func (a *app) versionInfo() versionInfo {
	v := versionInfo{Version: "(devel)", Go: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := buildInfo(); ok {
		if bi.Main.Version != "" {
			v.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value
			case "vcs.time":
				v.Time = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	asOf, next := ruleDates(a.eng.Cat, a.date)
	v.Rules = asOf.String()
	if !next.IsZero() {
		v.Next = next.String()
	}
	v.Formulas = len(a.eng.Cat.Formulas)
	return v
}

// ruleDates tells a user how current the rules this binary carries are:
// asOf is the latest date up to today on which a rule of the catalog changes
// (a dated param value or table, a formula coming into or out of force),
// next the first change after today that the catalog already knows of
// (zero if none).
func ruleDates(c *catalog.Catalog, today date.Date) (asOf, next date.Date) {
	see := func(x date.Date) {
		switch {
		case x.IsZero():
		case x <= today && x > asOf:
			asOf = x
		case x > today && (next.IsZero() || x < next):
			next = x
		}
	}
	for _, p := range c.Params {
		for _, v := range p.Values {
			see(v.From)
		}
	}
	for _, t := range c.Tables {
		for _, v := range t.Values {
			see(v.From)
		}
	}
	for _, f := range c.Formulas {
		see(f.ValidFrom)
		if !f.ValidTo.IsZero() {
			see(f.ValidTo.AddDays(1)) // ValidTo is the last day in force
		}
	}
	return asOf, next
}

func (a *app) printVersion(asJSON bool) error {
	v := a.versionInfo()
	if asJSON {
		return writeJSON(a.env.Stdout, v, true)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "cntax %s\n", v.Version)
	for _, l := range a.set.Mode.Langs() {
		c := a.cats[l]
		if v.Revision != "" {
			rev := v.Revision
			if v.Modified {
				rev += " " + c.T("version.modified")
			}
			fmt.Fprintln(&b, c.T("version.revision", "rev", rev, "time", v.Time))
		} else {
			fmt.Fprintln(&b, c.T("version.no_vcs"))
		}
		fmt.Fprintln(&b, c.T("version.rules", "date", v.Rules, "n", fmt.Sprint(v.Formulas)))
		if v.Next != "" {
			fmt.Fprintln(&b, c.T("version.next", "date", v.Next))
		}
	}
	fmt.Fprintln(&b, v.Go)
	_, err := fmt.Fprint(a.env.Stdout, b.String())
	return err
}

func (a *app) versionCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "版本、构建修订与规则日期 · version, build revision and the date of the newest rule",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.setup(cmd); err != nil {
				return err
			}
			return a.printVersion(asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
