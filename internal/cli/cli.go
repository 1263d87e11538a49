// Package cli is the non-interactive face of cntax: list, show, calc, batch
// and the entry into the TUI, built on cobra. It parses arguments, calls the
// engine and renders; exit codes are 0 (ok), 2 (bad usage or input) and 1
// (a fault of the program).
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/render"
	"github.com/cntax/cntax/internal/termsafe"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitInternal = 1
	ExitUsage    = 2
)

// Env is what the CLI reads from its process, injected for tests.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Today          func() date.Date
	// TUI starts the interactive program; nil in tests that do not need it.
	TUI func(opts TUIOptions) error
}

// TUIOptions is what the command line passes to the TUI.
type TUIOptions struct {
	Engine   *engine.Engine
	Cats     map[i18n.Lang]*i18n.Catalog
	Mode     i18n.Mode
	LangFlag bool // --lang given: it wins over the saved choice
	Date     date.Date
	DateFlag bool
	Practice bool
	Category string
	Seed     int64
	SeedSet  bool
	Study    string // "mistakes", "review", "choice" or "exam": the first screen
	Count    int
}

// usageError is bad usage or input: exit 2, message already localized.
type usageError struct{ msgs []string }

func (e *usageError) Error() string { return strings.Join(e.msgs, "\n") }

// app holds what every command needs once flags are read.
type app struct {
	env     Env
	lang    string
	dateStr string
	eng     *engine.Engine
	cats    map[i18n.Lang]*i18n.Catalog
	set     *i18n.Set
	date    date.Date
	style   render.Style
	comma   rune // batch's input delimiter, once detected (0: a comma)
}

// Main runs cntax with args (without the program name) and returns the exit
// code.
func Main(args []string, env Env) int {
	a := &app{env: env}
	root := a.root()
	root.SetArgs(args)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	// Every message may carry outside text (an argument, a CSV cell, a file
	// name): its control characters are shown escaped, here, once for all.
	say := func(m string) { fmt.Fprintln(env.Stderr, "cntax: "+termsafe.Text(m)) }
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		for _, m := range ue.msgs {
			say(m)
		}
		return ExitUsage
	case a.set != nil && engine.IsUserError(err):
		for _, m := range a.messages(err) {
			say(m)
		}
		return ExitUsage
	case isCobraUsage(err):
		say(err.Error())
		say("run 'cntax --help' for usage")
		return ExitUsage
	}
	say(err.Error())
	return ExitInternal
}

// isCobraUsage recognises cobra's own argument errors (unknown command or
// flag, wrong argument count), which are usage errors.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires ", "invalid argument", "flag needs an argument", "bad flag syntax"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// messages localizes err in every language of the mode.
func (a *app) messages(err error) []string {
	var out []string
	for _, l := range a.set.Mode.Langs() {
		out = append(out, engine.Messages(err, a.cats[l])...)
	}
	return out
}

func (a *app) usage(key string, args ...string) error {
	var msgs []string
	if a.set == nil {
		return &usageError{msgs: []string{key}}
	}
	for _, l := range a.set.Mode.Langs() {
		msgs = append(msgs, a.cats[l].T(key, args...))
	}
	return &usageError{msgs: msgs}
}

// setup loads the catalog and reads the global flags; each command calls it
// first so that --help never pays for loading.
func (a *app) setup(cmd *cobra.Command) error { return a.setupWant(catalog.Want{}) }

// setupWant is setup loading only what a command needs: the formula it
// names and the files that one reads, without the parts it never shows.
func (a *app) setupWant(w catalog.Want) error {
	if a.set != nil {
		return nil // already done (an argument check needed the language)
	}
	eng, cats, err := engine.DefaultWant(w)
	if err != nil {
		return fmt.Errorf("the formula catalog does not load:\n%w", err)
	}
	a.eng, a.cats = eng, cats
	return a.flags()
}

// lean is what calc and batch need of the catalog for formula id.
func lean(id string) catalog.Want {
	return catalog.Want{Formula: id, SkipExamples: true, SkipPractice: true}
}

// flags reads the global flags, once the catalogs are in.
func (a *app) flags() error {
	mode, err := a.detectLang()
	if err != nil {
		return err
	}
	a.set = &i18n.Set{Mode: mode, Cats: a.cats}
	a.date = a.env.Today()
	if a.dateStr != "" {
		d, err := date.Parse(a.dateStr)
		if err != nil {
			return a.usage("err.date", "text", a.dateStr)
		}
		a.date = d
	}
	a.style = render.Plain
	if f, ok := a.env.Stdout.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		r := lipgloss.NewRenderer(f)
		r.SetHasDarkBackground(render.DarkBackground(a.env.Getenv))
		a.style = render.Lipgloss(r)
	}
	return nil
}

func (a *app) root() *cobra.Command {
	var practice, version bool
	root := &cobra.Command{
		Use:   "cntax",
		Short: "中国税务公式：学习与计算 · Chinese tax formulas, explained step by step",
		// Long: help.root.long in i18n/clifit.*.toml (localizeHelp)
		Example: `  cntax                                   # the interactive program
  cntax list
  cntax show vat.general --date 2018-06-01
  cntax calc vat.general sales=11.3万 --lang both
  cntax calc iit.wage_cumulative cum_income=30000 months=1 --format json
  cntax batch vat.general sales.csv --format csv`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          a.rootArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if version {
				if err := a.setup(cmd); err != nil {
					return err
				}
				return a.printVersion(false)
			}
			if !a.interactive() {
				if err := a.setup(cmd); err != nil {
					return err
				}
				return a.usage("cli.no_terminal")
			}
			return a.runTUI(cmd, practice, "", 0, false)
		},
	}
	root.Flags().BoolVar(&version, "version", false, "print the version, the build revision and the date of the newest rule")
	root.PersistentFlags().StringVar(&a.lang, "lang", "", "language: zh, en or both (default: CNTAX_LANG, then LC_ALL/LC_MESSAGES/LANG, else zh)")
	root.PersistentFlags().StringVar(&a.dateStr, "date", "", "compute under the rules of this day, YYYY-MM-DD (default today)")
	root.AddCommand(a.listCmd(), a.showCmd(), a.calcCmd(), a.batchCmd(), a.practiceCmd(), a.payrollCmd(), a.reviewCmd(), a.changesCmd(), a.examCmd(), a.versionCmd())
	a.friendlyArgs(root)
	a.wireCompletion(root)
	defHelp := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		a.localizeHelp(c)
		defHelp(c, args)
	})
	return root
}

func (a *app) runTUI(cmd *cobra.Command, practice bool, category string, seed int64, seedSet bool) error {
	// Every formula, but no worked examples: only a sheet shows them, and
	// it loads its formula's (engine.WithExamples).
	if err := a.setupWant(catalog.Want{SkipExamples: true}); err != nil {
		return err
	}
	if a.env.TUI == nil {
		return errors.New("the interactive program is not available in this build")
	}
	return a.env.TUI(TUIOptions{
		Engine: a.eng, Cats: a.cats, Mode: a.set.Mode, LangFlag: a.langChosen(),
		Date: a.date, DateFlag: a.dateStr != "",
		Practice: practice, Category: category, Seed: seed, SeedSet: seedSet,
	})
}

func (a *app) practiceCmd() *cobra.Command {
	var seed int64
	var print bool
	var count int
	var answers string
	var mistakes, choice, stats bool
	cmd := &cobra.Command{
		Use:   "practice [CATEGORY|PREFIX|NAME|ID]",
		Short: "练习：按步骤作答并评分 · practise problems, graded step by step",
		// Long: help.practice.long in i18n/clifit.*.toml (localizeHelp)
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			category := ""
			if len(args) == 1 {
				category = args[0]
			}
			if err := a.setupWant(catalog.Want{SkipExamples: true}); err != nil {
				return err
			}
			scope := a.practiceScope(category)
			if category != "" && scope == "" {
				var ids []string
				for _, c := range a.eng.Cat.Categories {
					ids = append(ids, c.ID)
				}
				return a.usage("err.category", "name", category, "list", strings.Join(ids, ", "))
			}
			category = scope
			if mistakes {
				return a.mistakes(cmd, print, answers)
			}
			if stats {
				return a.dashboard()
			}
			if choice {
				return a.choice(category, print, seed, cmd.Flags().Changed("seed"), count, answers)
			}
			if print {
				return a.worksheet(category, seed, cmd.Flags().Changed("seed"), count, answers)
			}
			return a.runTUI(cmd, true, category, seed, cmd.Flags().Changed("seed"))
		},
	}
	cmd.Flags().Int64Var(&seed, "seed", 0, "make the problems repeatable (for tests and shared homework)")
	cmd.Flags().BoolVar(&print, "print", false, "print problems with worked answers instead of practising")
	cmd.Flags().IntVar(&count, "count", 1, "with --print: how many problems (1 to 500)")
	cmd.Flags().StringVar(&answers, "answers", "end", "with --print: end (a key after all problems), inline or none")
	cmd.Flags().BoolVar(&stats, "stats", false, "print your progress: step marks per tax and formula, weakest first, and the last days")
	cmd.Flags().BoolVar(&choice, "choice", false, "choice questions (single choice, true/false) on the rates and amounts in force")
	cmd.Flags().BoolVar(&mistakes, "mistakes", false, "redo the problems of the mistakes notebook (错题本), exactly as they were missed")
	return cmd
}

func (a *app) listCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "列出全部公式 · list every formula",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			// The list needs no formula loaded: the snapshot's index has it.
			ix, cats, err := engine.DefaultIndex()
			if err != nil {
				return fmt.Errorf("the formula catalog does not load:\n%w", err)
			}
			a.cats = cats
			if err := a.flags(); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.env.Stdout, render.List(ix, a.set), true)
			}
			_, err = io.WriteString(a.env.Stdout, render.ListText(ix, a.set, a.style))
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) showCmd() *cobra.Command {
	var asJSON bool
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "公式说明：输入、步骤、适用参数与依据 · the formula sheet",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.setupWant(catalog.Want{Formula: args[0], SkipPractice: true}); err != nil {
				return err
			}
			f := a.eng.Cat.Formula(args[0])
			if f == nil {
				_, err := a.eng.Calc(args[0], nil, a.date) // words the unknown-id error
				return err
			}
			s := render.Sheet{Formula: f, Date: a.date}
			if asJSON {
				format = "json"
			}
			switch format {
			case "text", "":
				_, err := io.WriteString(a.env.Stdout, render.SheetText(s, a.set, a.style))
				return err
			case "json":
				_, err := a.env.Stdout.Write(append(render.SheetJSONBytes(s, a.set), '\n'))
				return err
			case "md", "markdown":
				_, err := io.WriteString(a.env.Stdout, render.SheetMarkdown(s, a.set))
				return err
			}
			return a.usage("err.format", "list", "text, json, md")
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&format, "format", "text", "text, json or md")
	return cmd
}

func (a *app) calcCmd() *cobra.Command {
	var format, compare string
	cmd := &cobra.Command{
		Use:   "calc ID [name=value ...]",
		Short: "计算并显示每一步 · compute, showing every step",
		// Long: help.calc.long in i18n/clifit.*.toml (localizeHelp)
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.setupWant(lean(args[0])); err != nil {
				return err
			}
			raw, err := a.pairs(args[1:])
			if err != nil {
				return err
			}
			if compare != "" {
				return a.compare(args[0], raw, compare, format)
			}
			res, err := a.eng.Calc(args[0], raw, a.date)
			if err != nil {
				return err
			}
			switch format {
			case "text", "":
				_, err = io.WriteString(a.env.Stdout, render.Text(res, a.set, a.style))
			case "json":
				_, err = a.env.Stdout.Write(append(render.JSON(res, a.set), '\n'))
			case "md", "markdown":
				_, err = io.WriteString(a.env.Stdout, render.Markdown(res, a.set))
			default:
				return a.usage("err.format", "list", "text, json, md")
			}
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text, json or md")
	cmd.Flags().StringVar(&compare, "compare", "", "also compute under the rules of this day, YYYY-MM-DD, side by side (text or json)")
	return cmd
}

// pairs reads name=value arguments (full-width ＝ too).
func (a *app) pairs(args []string) (map[string]string, error) {
	raw := map[string]string{}
	for _, arg := range args {
		arg = strings.Replace(arg, "＝", "=", 1)
		k, v, ok := strings.Cut(arg, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, a.usage("err.arg", "text", arg)
		}
		if _, dup := raw[k]; dup {
			return nil, a.usage("err.arg.twice", "name", k)
		}
		raw[k] = v
	}
	return raw, nil
}

func writeJSON(w io.Writer, v any, indent bool) error {
	enc := jsonEncoder(w, indent)
	return enc.Encode(v)
}
