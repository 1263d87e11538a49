package engine

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
)

// The historical files (issue 15): every formula in them is dated at both
// ends, says so in its title in every language, and refuses the day before
// it started and the day after it ended with a sentence of its own, so a
// student working a 2005 paper is told what replaced the rule instead of
// getting a number under the wrong law.
var historyFiles = map[string]bool{
	"bt.yaml": true, "fia.yaml": true, "fie.yaml": true,
	"eit_history.yaml": true, "customs_history.yaml": true, "iit_history.yaml": true,
}

func TestHistoricalFormulas(t *testing.T) {
	e, cats := load(t)
	n := 0
	for _, f := range e.Cat.Formulas {
		if !historyFiles[path.Base(f.Pos.File)] {
			continue
		}
		n++
		t.Run(f.ID, func(t *testing.T) {
			if f.ValidTo == 0 {
				t.Fatalf("no valid.to: a historical formula must end")
			}
			for _, l := range i18n.Langs {
				c := cats[l]
				title := c.T(i18n.FormulaKey(f.ID))
				for _, y := range []int{f.ValidFrom.Year(), f.ValidTo.Year()} {
					if !strings.Contains(title, fmt.Sprint(y)) {
						t.Errorf("%s title %q does not show the year %d", l, title, y)
					}
				}
				for _, k := range []string{i18n.EndedKey(f.ID), i18n.BeforeKey(f.ID)} {
					if !c.Has(k) {
						t.Errorf("%s: no %s", l, k)
					}
				}
			}
			for _, d := range []struct {
				day date.Date
				key string
			}{
				{f.ValidFrom.AddDays(-1), i18n.BeforeKey(f.ID)},
				{f.ValidTo.AddDays(1), i18n.EndedKey(f.ID)},
			} {
				_, err := e.Calc(f.ID, nil, d.day)
				var ve *ValidityError
				if !errors.As(err, &ve) {
					t.Fatalf("%s: want a validity refusal, got %v", d.day, err)
				}
				for _, l := range i18n.Langs {
					msg := strings.Join(Messages(err, cats[l]), " ")
					if want := cats[l].T(d.key); !strings.Contains(msg, want) {
						t.Errorf("%s %s: the refusal %q does not carry %q", l, d.day, msg, want)
					}
				}
			}
		})
	}
	if n < 20 {
		t.Errorf("only %d historical formulas found; the file list is stale", n)
	}
	for _, id := range []string{"bt", "fia", "fie"} {
		for _, l := range i18n.Langs {
			label := cats[l].T(i18n.CategoryKey(id))
			if !strings.Contains(label, "历史") && !strings.Contains(label, "historical") {
				t.Errorf("%s category %s %q is not marked historical", l, id, label)
			}
		}
	}
}
