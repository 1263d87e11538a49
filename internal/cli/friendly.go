package cli

import (
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/render"
)

// detectLang picks the language of this run: --lang, then CNTAX_LANG, then
// the locale (LC_ALL, LC_MESSAGES, LANG), else Chinese. The choice the TUI
// saves when the user presses l is the TUI's own: a script's output must not
// change with a key pressed in another program run.
func (a *app) detectLang() (i18n.Mode, error) {
	if a.lang != "" {
		m, err := i18n.ParseMode(a.lang)
		if err != nil {
			return m, &usageError{msgs: []string{err.Error()}}
		}
		return m, nil
	}
	if env := a.env.Getenv("CNTAX_LANG"); env != "" {
		m, err := i18n.ParseMode(env)
		if err != nil {
			return m, &usageError{msgs: []string{"CNTAX_LANG=" + env + ": accepted values are zh, en, both · 可用的值为 zh、en、both"}}
		}
		return m, nil
	}
	return i18n.Detect("", "", a.env.Getenv)
}

// langChosen: the language was asked for (--lang or CNTAX_LANG), so the TUI
// starts in it rather than in the one it saved.
func (a *app) langChosen() bool { return a.lang != "" || a.env.Getenv("CNTAX_LANG") != "" }

// interactive: both ends are a terminal, so the TUI can run.
func (a *app) interactive() bool {
	for _, x := range []any{a.env.Stdin, a.env.Stdout} {
		f, ok := x.(*os.File)
		if !ok || !(isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
			return false
		}
	}
	return true
}

// rootArgs: the root takes no arguments, so one is a mistyped command.
func (a *app) rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if err := a.setup(cmd); err != nil {
		return err
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return a.usage("cli.unknown_cmd.suggest", "cmd", args[0], "list", strings.Join(s, ", "))
	}
	return a.usage("cli.unknown_cmd", "cmd", args[0])
}

// friendlyArgs words a missing argument of the commands that need one in the
// user's language, saying what to give and where the help is; other argument
// errors keep cobra's wording.
func (a *app) friendlyArgs(root *cobra.Command) {
	need := map[string][]string{ // command → message key by the count of args given
		"calc":    {"cli.calc.need_id"},
		"show":    {"cli.show.need_id"},
		"batch":   {"cli.batch.need_id", "cli.batch.need_file"},
		"payroll": {"cli.payroll.need_file"},
	}
	root.SuggestionsMinimumDistance = 2
	for _, c := range root.Commands() {
		keys, ok := need[c.Name()]
		if !ok || c.Args == nil {
			continue
		}
		orig := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if len(args) < len(keys) {
				if err := a.setup(cmd); err != nil {
					return err
				}
				return a.usage(keys[len(args)])
			}
			return orig(cmd, args)
		}
	}
}

// practiceScope reads the practice argument: a formula id, a category id,
// the prefix of formula ids (ct for ct.*), or a category's Chinese or
// English name (增值税, VAT; case and spaces do not matter). It returns the
// category or formula id the practice takes, or "" if nothing matches.
func (a *app) practiceScope(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || a.eng.Cat.Formula(s) != nil || a.eng.Cat.Category(s) != nil {
		return s
	}
	norm := func(x string) string { return strings.ToLower(strings.Join(strings.Fields(x), "")) }
	want := norm(s)
	for _, c := range a.eng.Cat.Categories {
		for _, cat := range a.cats {
			if norm(cat.T(i18n.CategoryKey(c.ID))) == want {
				return c.ID
			}
		}
	}
	// The prefix of the ids: every formula that starts with it must be of
	// one category, else the prefix does not say which to practise.
	found := ""
	for _, f := range a.eng.Cat.Formulas {
		if p, _, _ := strings.Cut(f.ID, "."); p == s {
			if found != "" && found != f.Category {
				return ""
			}
			found = f.Category
		}
	}
	return found
}

// practiceHelp lists what the practice argument accepts, for --help.
func (a *app) practiceHelp() string {
	if err := a.setup(nil); err != nil {
		return ""
	}
	zh, en := a.cats[i18n.ZH], a.cats[i18n.EN]
	prefixes := map[string][]string{}
	for _, f := range a.eng.Cat.Formulas {
		p, _, _ := strings.Cut(f.ID, ".")
		ps := prefixes[f.Category]
		if len(ps) == 0 || ps[len(ps)-1] != p {
			seen := false
			for _, q := range ps {
				seen = seen || q == p
			}
			if !seen {
				prefixes[f.Category] = append(ps, p)
			}
		}
	}
	var b strings.Builder
	b.WriteString("\nCategories (id, id prefix, 中文, English; any of them is accepted):\n")
	for _, c := range a.eng.Cat.Categories {
		var ps []string
		for _, p := range prefixes[c.ID] {
			if p != c.ID {
				ps = append(ps, p)
			}
		}
		line := "  " + c.ID
		if len(ps) > 0 {
			line += " (" + strings.Join(ps, ", ") + ")"
		}
		b.WriteString(render.PadRight(line, 24) + zh.T(i18n.CategoryKey(c.ID)) + " · " + en.T(i18n.CategoryKey(c.ID)) + "\n")
	}
	return b.String()
}

// localizeHelp puts the help of c in the chosen language: the command's
// short line (written "中文 · English" in the code), its long text and its
// flags from the i18n catalogs, and cobra's headings. With both languages
// the long text comes in both, the rest stays as written.
func (a *app) localizeHelp(c *cobra.Command) {
	if err := a.setup(c); err != nil {
		return // help still shows, as written
	}
	langs := a.set.Mode.Langs()
	pick := func(s string) string {
		zh, en, ok := strings.Cut(s, " · ")
		switch {
		case !ok || len(langs) > 1:
			return s
		case langs[0] == i18n.ZH:
			return zh
		}
		return en
	}
	key := "root"
	if c.HasParent() {
		key = c.Name()
	}
	var long []string
	for _, l := range langs {
		if k := "help." + key + ".long"; a.cats[l].Has(k) {
			long = append(long, a.cats[l].T(k))
		}
	}
	if key == "practice" {
		long = append(long, a.practiceHelp())
	}
	if len(long) > 0 {
		c.Long = strings.Join(long, "\n\n")
	}
	for _, sub := range append([]*cobra.Command{c}, c.Commands()...) {
		sub.Short = pick(sub.Short)
	}
	if len(langs) > 1 {
		return
	}
	cat := a.cats[langs[0]]
	flag := func(fs interface {
		VisitAll(func(*pflag.Flag))
	}) {
		fs.VisitAll(func(f *pflag.Flag) {
			k := "help.flag." + f.Name
			if !cat.Has(k) {
				return
			}
			if f.Name == "format" {
				f.Usage = cat.T(k, "list", strings.Join(formatsOf(f.Usage), ", "))
				return
			}
			f.Usage = cat.T(k)
		})
	}
	c.InitDefaultHelpFlag()
	flag(c.LocalFlags())
	flag(c.InheritedFlags())
	t := c.UsageTemplate()
	for _, r := range []struct{ en, key string }{
		{"Usage:", "help.usage"}, {"Aliases:", "help.aliases"}, {"Examples:", "help.examples"},
		{"Available Commands:", "help.commands"}, {"Global Flags:", "help.global_flags"}, {"Flags:", "help.flags"},
	} {
		t = strings.ReplaceAll(t, r.en, cat.T(r.key))
	}
	t = strings.ReplaceAll(t, `Use "{{.CommandPath}} [command] --help" for more information about a command.`,
		cat.T("help.more", "cmd", "{{.CommandPath}}"))
	c.SetUsageTemplate(t)
}

// categoryArg reads the optional CATEGORY argument of review and exam as
// practice reads it (id, formula prefix or name in either language) and
// refuses one that names no category, listing them.
func (a *app) categoryArg(args []string) (string, error) {
	if len(args) == 0 {
		return "", nil
	}
	scope := a.practiceScope(args[0])
	if a.eng.Cat.Category(scope) == nil {
		var ids []string
		for _, c := range a.eng.Cat.Categories {
			ids = append(ids, c.ID)
		}
		return "", a.usage("err.category", "name", args[0], "list", strings.Join(ids, ", "))
	}
	return scope, nil
}
