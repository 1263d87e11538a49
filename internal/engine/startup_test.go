package engine

import (
	"runtime/debug"
	"testing"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
)

// BenchmarkStartup is the loading each command does at start-up, from
// the embedded files (garbage collection paused, as in the program):
// calc and batch load one formula without examples or practice, show one
// formula with its examples, list only the index, and the TUI everything.
// The whole process is measured by go run ./internal/tools/startcmp.
func BenchmarkStartup(b *testing.B) {
	want := func(w catalog.Want) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				old := debug.SetGCPercent(-1)
				_, _, err := loadFiles(embedded(), i18nFS(), w)
				debug.SetGCPercent(old)
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	lean := func(id string) catalog.Want {
		return catalog.Want{Formula: id, SkipExamples: true, SkipPractice: true}
	}
	b.Run("calc_vat.general", want(lean("vat.general")))
	b.Run("calc_iit.wage_cumulative", want(lean("iit.wage_cumulative")))
	b.Run("show_iit.wage_cumulative", want(catalog.Want{Formula: "iit.wage_cumulative", SkipPractice: true}))
	b.Run("tui_all", want(catalog.Want{}))
	b.Run("list_index", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ff := embedded()
			if ff.Index() == nil {
				b.Fatal("no index")
			}
			if _, ok := ff.Messages(i18nFS()); !ok {
				b.Fatal("stale messages")
			}
		}
	})
}

// BenchmarkCalcIITWageCumulative: one month of cumulative withholding,
// read from text as batch reads a row.
func BenchmarkCalcIITWageCumulative(b *testing.B) {
	e, _ := load(b)
	d := date.MustParse("2026-06-30")
	in := map[string]string{"cum_income": "180000", "months": "6", "cum_special": "12600", "cum_withheld": "3000"}
	if _, err := e.Calc("iit.wage_cumulative", in, d); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Calc("iit.wage_cumulative", in, d); err != nil {
			b.Fatal(err)
		}
	}
}
