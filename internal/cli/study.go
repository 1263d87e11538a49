package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cntax/cntax/internal/practice"
)

// mistakes opens the notebook in the TUI, or with --print writes its
// problems as a worksheet.
func (a *app) mistakes(cmd *cobra.Command, print bool, answers string) error {
	if !print {
		return a.runStudy("mistakes", "", 0)
	}
	st, err := practice.OpenStudy(a.env.Getenv).Load()
	var ce *practice.CorruptError
	if err != nil && !errors.As(err, &ce) {
		return err
	}
	if err != nil {
		fmt.Fprintln(a.env.Stderr, "cntax: "+a.set.Primary().T("practice.study.book_reset", "detail", err.Error()))
	}
	due := st.Due()
	if len(due) == 0 {
		return a.usage("practice.study.empty_mistakes")
	}
	if err := a.checkSheet(len(due), answers); err != nil {
		return err
	}
	i := 0
	draw := func() (*practice.Problem, error) {
		m := due[i]
		i++
		return practice.Replay(a.eng, m)
	}
	return a.printSheet(draw, len(due), answers, "")
}

func (a *app) runStudy(kind, scope string, count int) error {
	if a.env.TUI == nil {
		return errors.New("the interactive program is not available in this build")
	}
	return a.env.TUI(TUIOptions{
		Engine: a.eng, Cats: a.cats, Mode: a.set.Mode, LangFlag: a.lang != "",
		Date: a.date, DateFlag: a.dateStr != "",
		Practice: true, Category: scope, Study: kind, Count: count,
	})
}

func (a *app) reviewCmd() *cobra.Command {
	var count int
	var list bool
	cmd := &cobra.Command{
		Use:   "review [CATEGORY]",
		Short: "间隔复习：到期和薄弱的公式优先 · spaced review, due and weak formulas first",
		Long: `Review formulas by a Leitner schedule kept on your practice records: a problem with
every step right at the first try moves its formula up a box, any miss sends it back
to box 1; box 1 to 5 are due again after 1, 2, 4, 8 and 16 days. The review asks the
due formulas first (most overdue, then weakest), then those never practised, then
the rest, never the same formula twice in a row. --list prints the order instead.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.setup(cmd); err != nil {
				return err
			}
			scope, err := a.categoryArg(args)
			if err != nil {
				return err
			}
			if count < 1 || count > maxCount {
				return a.usage("practice.study.count", "n", fmt.Sprint(count), "max", fmt.Sprint(maxCount))
			}
			if list {
				return a.reviewList(scope, count)
			}
			return a.runStudy("review", scope, count)
		},
	}
	cmd.Flags().IntVar(&count, "count", 10, "how many problems (1 to 500)")
	cmd.Flags().BoolVar(&list, "list", false, "print the review order and why, instead of practising")
	return cmd
}

// reviewList prints the formulas a review would ask, with their box and
// when they are due.
func (a *app) reviewList(scope string, count int) error {
	stats, _ := practice.OpenStore(a.env.Getenv).Load()
	st, _ := practice.OpenStudy(a.env.Getenv).Load()
	var pool []string
	for _, f := range a.pool(scope) {
		pool = append(pool, f.ID)
	}
	order := st.Schedule(stats, pool, a.env.Today())
	byID := map[string]practice.ReviewItem{}
	for _, it := range order {
		byID[it.Formula] = it
	}
	c := a.set.Primary()
	for i, id := range practice.Pick(order, count) {
		it := byID[id]
		var why string
		switch {
		case !it.Practised:
			why = c.T("practice.study.list_new")
		case it.Due():
			why = c.T("practice.study.list_due", "box", fmt.Sprint(it.Box), "days", fmt.Sprint(it.Overdue), "pct", fmt.Sprintf("%.0f", it.Accuracy*100))
		default:
			why = c.T("practice.study.list_later", "box", fmt.Sprint(it.Box), "days", fmt.Sprint(-it.Overdue), "pct", fmt.Sprintf("%.0f", it.Accuracy*100))
		}
		fmt.Fprintf(a.env.Stdout, "%3d. %-28s %s\n", i+1, id, why)
	}
	return nil
}

// dashboard prints the progress in every language of the mode.
func (a *app) dashboard() error {
	stats, _ := practice.OpenStore(a.env.Getenv).Load()
	st, _ := practice.OpenStudy(a.env.Getenv).Load()
	for i, c := range a.langCats() {
		if i > 0 {
			fmt.Fprintln(a.env.Stdout)
		}
		fmt.Fprint(a.env.Stdout, practice.Dashboard(a.eng.Cat, stats, st, c))
	}
	return nil
}
