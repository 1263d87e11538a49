package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// A command loads only what it needs (one formula, the files and items it
// names, no examples): every formula, loaded that way, must compute and
// read exactly as from the full load — each worked example as a result in
// both languages and formats, each sheet, the list. This is what keeps the
// snapshot's index honest when a new kind of section or field appears.
func TestLoadWhatACommandNeeds(t *testing.T) {
	full, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	set := &i18n.Set{Mode: i18n.ModeBoth, Cats: cats}
	outcome := func(e *engine.Engine, f *catalog.Formula, ex *catalog.Example) string {
		res, err := e.Calc(f.ID, ex.Inputs, ex.Date)
		if err != nil {
			return "error: " + strings.Join(engine.Messages(err, cats[i18n.ZH]), "|") + strings.Join(engine.Messages(err, cats[i18n.EN]), "|")
		}
		return string(JSON(res, set)) + Text(res, set, Plain) + Markdown(res, set)
	}
	sheet := func(f *catalog.Formula, d date.Date) string {
		s := Sheet{Formula: f, Date: d}
		return SheetText(s, set, Plain) + string(SheetJSONBytes(s, set)) + SheetMarkdown(s, set)
	}
	tui, _, err := engine.DefaultWant(catalog.Want{SkipExamples: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range full.Cat.Formulas {
		// the TUI starts without examples; its sheet loads them
		if got, want := sheet(tui.WithExamples(tui.Cat.Formula(f.ID)), date.MustParse("2026-11-22")), sheet(f, date.MustParse("2026-11-22")); got != want {
			t.Errorf("%s: the TUI's sheet:\n%s\nfull load:\n%s", f.ID, got, want)
		}
		calc, _, err := engine.DefaultWant(catalog.Want{Formula: f.ID, SkipExamples: true, SkipPractice: true})
		if err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		show, _, err := engine.DefaultWant(catalog.Want{Formula: f.ID, SkipPractice: true})
		if err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		if !calc.Cat.Partial || !calc.Cat.FromSnapshot {
			t.Errorf("%s: calc loaded everything (partial %v, snapshot %v)", f.ID, calc.Cat.Partial, calc.Cat.FromSnapshot)
		}
		for _, ex := range f.Examples {
			n++
			want := outcome(full, f, ex)
			if got := outcome(calc, calc.Cat.Formula(f.ID), ex); got != want {
				t.Errorf("%s example %q loaded alone:\n%s\nfull load:\n%s", f.ID, ex.Name, got, want)
			}
			if got, want := sheet(show.Cat.Formula(f.ID), ex.Date), sheet(f, ex.Date); got != want {
				t.Errorf("%s sheet on %s loaded alone:\n%s\nfull load:\n%s", f.ID, ex.Date, got, want)
			}
		}
	}
	if n == 0 {
		t.Fatal("no examples")
	}
	ix, _, err := engine.DefaultIndex()
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	json.NewEncoder(&a).Encode(List(ix, set))
	json.NewEncoder(&b).Encode(List(full.Cat.Index(), set))
	if a.String() != b.String() || ListText(ix, set, Plain) != ListText(full.Cat.Index(), set, Plain) {
		t.Errorf("the snapshot's list differs from the catalog's:\n%s\n%s", a.String(), b.String())
	}
}
