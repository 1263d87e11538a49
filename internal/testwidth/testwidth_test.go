package testwidth_test

import (
	"testing"

	"github.com/charmbracelet/x/ansi"

	_ "github.com/cntax/cntax/internal/testwidth"
)

// Run with RUNEWIDTH_EASTASIAN=1 (as .ci/run does) this proves the pin wins.
func TestAmbiguousGlyphsAreNarrow(t *testing.T) {
	for _, m := range []ansi.Method{ansi.GraphemeWidth, ansi.WcWidth} {
		if w := m.StringWidth("×…①"); w != 3 {
			t.Errorf("method %d: width of ×…① = %d, want 3 (one cell each)", m, w)
		}
	}
}
