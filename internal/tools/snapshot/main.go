// Command snapshot proves the formula files (strict parse, every check,
// every worked example) and then writes formulas/catalog.snap, the parsed
// form the program loads quickly. Run it with `go generate ./formulas`.
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
	names, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return err
		}
		files[filepath.Base(n)] = b
	}
	// Prove the files from source, without any old snapshot.
	src := os.DirFS(dir)
	i18nDir := filepath.Join(dir, "..", "i18n")
	if _, _, err := engine.Load(withoutSnapshot{src}, os.DirFS(i18nDir)); err != nil {
		return fmt.Errorf("the formula files do not load; no snapshot written:\n%w", err)
	}
	snap, err := catalog.EncodeSnapshot(files)
	if err != nil {
		return err
	}
	out := filepath.Join(dir, catalog.SnapshotName)
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, snap) {
		return nil
	}
	return os.WriteFile(out, snap, 0o644)
}
