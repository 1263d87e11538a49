package main

import (
	"os"

	"github.com/cntax/cntax/internal/cli"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/tui"
)

func runTUI(o cli.TUIOptions) error {
	return tui.Run(tui.Options{
		Engine: o.Engine, Cats: o.Cats, Mode: o.Mode, LangFlag: o.LangFlag,
		Date: o.Date, DateFlag: o.DateFlag, Today: date.Today(), Getenv: os.Getenv,
		Practice: o.Practice, Category: o.Category, Seed: o.Seed, SeedSet: o.SeedSet,
		Study: o.Study, Count: o.Count,
	})
}
