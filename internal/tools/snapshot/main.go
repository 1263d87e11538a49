// Command snapshot proves the formula files (strict parse, every check,
// every label, every worked example) and then writes formulas/catalog.snap,
// the parsed form the program loads quickly. Run it with
// `go generate ./formulas`.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/engine"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "snapshot:", err)
		os.Exit(1)
	}
}

func run() error {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	snap, err := engine.MakeSnapshot(os.DirFS(dir), os.DirFS(filepath.Join(dir, "..", "i18n")))
	if err != nil {
		return err
	}
	out := filepath.Join(dir, catalog.SnapshotName)
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, snap) {
		return nil
	}
	return os.WriteFile(out, snap, 0o644)
}
