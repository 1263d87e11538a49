package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
)

// Shell completion (cobra's `completion bash|zsh|fish|powershell` scripts
// call `cntax __complete …`) that knows the catalog: formula and scenario
// ids, an id's name= inputs, the params a rate input may name, the values of
// --lang and --format, practice categories. Descriptions are in the chosen
// language.

const noFile = cobra.ShellCompDirectiveNoFileComp

// completionSetup loads the catalog for a completion; a failure completes
// nothing rather than printing an error into the user's command line.
func (a *app) completionSetup(cmd *cobra.Command) bool { return a.setup(cmd) == nil }

// formulaIDs completes the ids of the formulas (scenarios are formulas).
func (a *app) formulaIDs(cmd *cobra.Command, toComplete string) ([]string, cobra.ShellCompDirective) {
	if !a.completionSetup(cmd) {
		return nil, noFile
	}
	var out []string
	for _, f := range a.eng.Cat.Formulas {
		if strings.HasPrefix(f.ID, toComplete) {
			out = append(out, f.ID+"\t"+oneLine(a.set.T(i18n.FormulaKey(f.ID))))
		}
	}
	return out, noFile
}

// oneLine keeps a description to a line; tabs and newlines would break the
// protocol between cobra and the shell.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// inputArgs completes name=value after a formula id: the names not yet
// given (name=, with no space after), then for a rate input the params it
// may name in force on the date, for a yes/no input yes and no.
func (a *app) inputArgs(f *catalog.Formula, given []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	cat := a.set.Primary()
	if name, partial, ok := strings.Cut(toComplete, "="); ok {
		in := f.Input(name)
		if in == nil {
			return nil, noFile
		}
		var out []string
		for _, p := range in.Choices {
			if _, ok := p.At(a.date); ok && strings.HasPrefix(p.ID, partial) {
				out = append(out, name+"="+p.ID+"\t"+oneLine(cat.T(i18n.ParamKey(p.ID))))
			}
		}
		if in.Kind == formula.KindBool {
			for _, v := range []string{"yes", "no"} {
				if strings.HasPrefix(v, partial) {
					out = append(out, name+"="+v)
				}
			}
		}
		return out, noFile
	}
	done := map[string]bool{}
	for _, g := range given {
		k, _, _ := strings.Cut(strings.Replace(g, "＝", "=", 1), "=")
		done[strings.TrimSpace(k)] = true
	}
	var out []string
	for _, in := range f.Inputs {
		if done[in.ID] || !strings.HasPrefix(in.ID, toComplete) {
			continue
		}
		d := cat.Label(f.ID, in.ID)
		if in.Required() {
			d += " *"
		}
		out = append(out, in.ID+"=\t"+oneLine(d))
	}
	return out, noFile | cobra.ShellCompDirectiveNoSpace
}

// completeCalc: the id, then its inputs.
func (a *app) completeCalc(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return a.formulaIDs(cmd, toComplete)
	}
	if !a.completionSetup(cmd) {
		return nil, noFile
	}
	f := a.eng.Cat.Formula(args[0])
	if f == nil {
		return nil, noFile
	}
	return a.inputArgs(f, args[1:], toComplete)
}

// completeShow: one id.
func (a *app) completeShow(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return a.formulaIDs(cmd, toComplete)
	}
	return nil, noFile
}

// inputFiles are the files batch and payroll read.
var inputFiles = []string{"csv", "tsv", "txt", "xlsx"}

// completeBatch: the id, then the file.
func (a *app) completeBatch(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	switch len(args) {
	case 0:
		return a.formulaIDs(cmd, toComplete)
	case 1:
		return inputFiles, cobra.ShellCompDirectiveFilterFileExt
	}
	return nil, noFile
}

// completePractice: the categories, with their names, then the formula ids.
func (a *app) completePractice(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 || !a.completionSetup(cmd) {
		return nil, noFile
	}
	var out []string
	for _, c := range a.eng.Cat.Categories {
		if strings.HasPrefix(c.ID, toComplete) {
			out = append(out, c.ID+"\t"+oneLine(a.set.T(i18n.CategoryKey(c.ID))))
		}
	}
	if strings.Contains(toComplete, ".") {
		ids, _ := a.formulaIDs(cmd, toComplete)
		out = append(out, ids...)
	}
	return out, noFile
}

// fixed completes a flag from a fixed list.
func fixed(vals ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return vals, noFile
	}
}

// wireCompletion attaches the completions to the commands built by root.
func (a *app) wireCompletion(root *cobra.Command) {
	_ = root.RegisterFlagCompletionFunc("lang", fixed("zh\t中文", "en\tEnglish", "both\t中文 + English"))
	_ = root.RegisterFlagCompletionFunc("date", fixed())
	for _, c := range root.Commands() {
		switch c.Name() {
		case "calc":
			c.ValidArgsFunction = a.completeCalc
		case "show":
			c.ValidArgsFunction = a.completeShow
		case "batch":
			c.ValidArgsFunction = a.completeBatch
		case "payroll":
			c.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
				if len(args) == 0 {
					return inputFiles, cobra.ShellCompDirectiveFilterFileExt
				}
				return nil, noFile
			}
		case "practice":
			c.ValidArgsFunction = a.completePractice
		case "list", "version":
			c.ValidArgsFunction = cobra.NoFileCompletions
		}
		if f := c.Flags().Lookup("format"); f != nil {
			_ = c.RegisterFlagCompletionFunc("format", fixed(formatsOf(f.Usage)...))
		}
	}
}

// formatsOf reads the formats a --format flag accepts from its usage text
// ("text, json or md"), so the list is written once.
func formatsOf(usage string) []string {
	usage, _, _ = strings.Cut(usage, "(")
	var out []string
	for _, w := range strings.FieldsFunc(usage, func(r rune) bool { return r == ',' || r == ' ' }) {
		if w != "or" && w != "" {
			out = append(out, w)
		}
	}
	return out
}
