package tui

import "github.com/cntax/cntax/internal/catalog"

// Practice mode lands with issue 5; until then the key does nothing and is
// not advertised.
func newPracticeStart(c *common, category string) screen  { return nil }
func newPracticeFor(c *common, f *catalog.Formula) screen { return nil }
