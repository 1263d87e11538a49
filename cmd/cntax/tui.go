package main

import "github.com/cntax/cntax/internal/cli"

// runTUI is replaced when the TUI lands.
func runTUI(cli.TUIOptions) error { return nil }
