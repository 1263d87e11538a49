package cli

import (
	"fmt"
	"io"
	"math/rand"
	"strings"
	"time"

	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/practice"
)

// choice opens choice questions in the TUI, or prints a sheet of them.
func (a *app) choice(scope string, print bool, seed int64, seeded bool, count int, answers string) error {
	if a.eng.Cat.Formula(scope) != nil {
		scope = a.eng.Cat.Formula(scope).Category
	}
	if !print {
		if a.env.TUI == nil {
			return fmt.Errorf("the interactive program is not available in this build")
		}
		return a.env.TUI(TUIOptions{
			Engine: a.eng, Cats: a.cats, Mode: a.set.Mode, LangFlag: a.lang != "",
			Date: a.date, DateFlag: a.dateStr != "", Practice: true, Category: scope, Study: "choice",
			Seed: seed, SeedSet: seeded,
		})
	}
	if err := a.checkSheet(count, answers); err != nil {
		return err
	}
	if !seeded {
		seed = time.Now().UnixNano()
	}
	rng := rand.New(rand.NewSource(seed))
	var cs = a.langCats()
	params := practice.ChoiceParams(a.eng.Cat, scope, a.date, cs...)
	if len(params) == 0 {
		return a.usage("choice.none")
	}
	var b, key strings.Builder
	c0 := a.set.Primary()
	for n := 1; n <= count; n++ {
		kind := practice.Single
		if n%2 == 0 {
			kind = practice.TrueFalse
		}
		q, err := practice.GenerateChoice(a.eng.Cat, params, a.date, kind, rng)
		if err != nil {
			return err
		}
		for _, c := range cs {
			fmt.Fprintf(&b, "%d. %s\n", n, q.Stem(c))
		}
		ans := ""
		if kind == practice.Single {
			for i, o := range q.Options {
				fmt.Fprintf(&b, "   %c. %s\n", 'A'+i, q.Text(c0, o))
			}
			ans = fmt.Sprintf("%c. %s", 'A'+q.Answer, q.Text(c0, q.Value.Value))
		} else {
			ans = c0.T("choice.false")
			if q.Answer == 1 {
				ans = c0.T("choice.true")
			}
			ans += " (" + q.Text(c0, q.Value.Value) + ")"
		}
		worked := fmt.Sprintf("%d. %s  [%s]\n   %s\n   %s\n", n, ans, q.Param.ID,
			c0.T("choice.history", "history", q.History(c0)), c0.T("choice.source", "source", q.Param.Source))
		switch answers {
		case "inline":
			b.WriteString("   → " + worked[len(fmt.Sprint(n))+2:])
		case "end":
			key.WriteString(worked)
		}
		b.WriteString("\n")
	}
	if answers == "end" {
		var heads []string
		for _, c := range cs {
			heads = append(heads, c.T("choice.key"))
		}
		fmt.Fprintf(&b, "==== %s ====\n\n%s\n", strings.Join(heads, " · "), key.String())
	}
	fmt.Fprintf(&b, "seed %d\n", seed)
	_, err := io.WriteString(a.env.Stdout, b.String())
	return err
}

func (a *app) langCats() []*i18n.Catalog {
	var out []*i18n.Catalog
	for _, l := range a.set.Mode.Langs() {
		out = append(out, a.cats[l])
	}
	return out
}
