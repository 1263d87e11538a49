package cli

import (
	"fmt"
	"io"
	"math/rand"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/practice"
)

func (a *app) examCmd() *cobra.Command {
	var minutes int
	var seed int64
	var print, answerKey bool
	cmd := &cobra.Command{
		Use:   "exam [CATEGORY]",
		Short: "模拟考试：限时的选择题与计算题 · a timed mock exam",
		Long: `A timed mock exam of ten questions: six choice questions (single choice and
true/false) on the rules in force, then four calculation problems graded step by step,
with a countdown and the marks per section at the end. --print writes the paper and
--print --key its answer key (the same --seed gives the same exam).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.setup(cmd); err != nil {
				return err
			}
			scope, err := a.categoryArg(args)
			if err != nil {
				return err
			}
			if minutes < 1 || minutes > 600 {
				return a.usage("exam.bad_minutes", "n", fmt.Sprint(minutes))
			}
			seeded := cmd.Flags().Changed("seed")
			if print {
				if !seeded {
					seed = time.Now().UnixNano()
				}
				return a.examPaper(scope, seed, answerKey)
			}
			if a.env.TUI == nil {
				return fmt.Errorf("the interactive program is not available in this build")
			}
			return a.env.TUI(TUIOptions{
				Engine: a.eng, Cats: a.cats, Mode: a.set.Mode, LangFlag: a.lang != "",
				Date: a.date, DateFlag: a.dateStr != "", Practice: true, Category: scope,
				Study: "exam", Count: minutes, Seed: seed, SeedSet: seeded,
			})
		},
	}
	cmd.Flags().IntVar(&minutes, "minutes", 30, "time allowed, in minutes")
	cmd.Flags().Int64Var(&seed, "seed", 0, "make the exam repeatable (a class sits the same paper)")
	cmd.Flags().BoolVar(&print, "print", false, "print the paper instead of sitting it")
	cmd.Flags().BoolVar(&answerKey, "key", false, "with --print: print the answer key of the paper")
	return cmd
}

// examPaper prints the paper of seed, or its key.
func (a *app) examPaper(scope string, seed int64, answerKey bool) error {
	cs := a.langCats()
	items := practice.Exam(a.eng, scope, a.date, rand.New(rand.NewSource(seed)), 6, 4, cs...)
	if len(items) == 0 {
		return a.usage("choice.none")
	}
	c0 := a.set.Primary()
	var b strings.Builder
	head := "exam.paper"
	if answerKey {
		head = "exam.key"
	}
	all := func(key string) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.T(key))
		}
		return strings.Join(out, " · ")
	}
	fmt.Fprintf(&b, "%s (seed %d, %s)\n", all(head), seed, a.date)
	part := ""
	for n, it := range items {
		if it.Choice != nil && part != "c" {
			part = "c"
			fmt.Fprintf(&b, "\n%s\n", all("exam.part_choice"))
		}
		if it.Problem != nil && part != "p" {
			part = "p"
			fmt.Fprintf(&b, "\n%s\n", all("exam.part_calc"))
		}
		if q := it.Choice; q != nil {
			if answerKey {
				ans := fmt.Sprintf("%c. %s", 'A'+q.Answer, q.Text(c0, q.Value.Value))
				if q.Kind == practice.TrueFalse {
					ans = c0.T("choice.false")
					if q.Answer == 1 {
						ans = c0.T("choice.true")
					}
					ans += " (" + q.Text(c0, q.Value.Value) + ")"
				}
				fmt.Fprintf(&b, "%d. %s  [%s]\n   %s\n", n+1, ans, q.Param.ID, c0.T("choice.source", "source", q.Param.Source))
				continue
			}
			for _, c := range cs {
				fmt.Fprintf(&b, "%d. %s\n", n+1, q.Stem(c))
			}
			for i, o := range q.Options {
				fmt.Fprintf(&b, "   %c. %s\n", 'A'+i, q.Text(c0, o))
			}
			continue
		}
		p := it.Problem
		if !answerKey {
			for _, c := range cs {
				fmt.Fprintf(&b, "%d. %s\n", n+1, p.Statement(c))
			}
		} else {
			fmt.Fprintf(&b, "%d. %s (%s)\n", n+1, c0.T(i18n.FormulaKey(p.Formula.ID)), p.Formula.ID)
		}
		for i, q := range p.Questions() {
			if answerKey {
				fmt.Fprintf(&b, "   (%d) %s = %s\n       %s = %s\n", i+1, q.Label(c0), q.Text(c0), q.Symbolic(c0), q.Substituted(c0))
			} else {
				fmt.Fprintf(&b, "   (%d) %s = ________\n", i+1, q.Label(c0))
			}
		}
	}
	_, err := io.WriteString(a.env.Stdout, b.String())
	return err
}
