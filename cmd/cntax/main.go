// Command cntax teaches and computes Chinese tax formulas. Everything but
// wiring lives under internal/.
package main

import (
	"os"

	"github.com/cntax/cntax/internal/cli"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/quietterm" // must stay imported: see its doc
)

func main() {
	quietterm.Restore()
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		Today:  date.Today,
		TUI:    runTUI,
	}))
}
