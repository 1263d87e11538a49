package render

import (
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// A result resting on an unconfirmed value (the default 1% small-scale levy
// of 2026–2027) says so on the answer line itself, in the user's language,
// and a confirmed one does not (issue 12, defect 7).
func TestAnswerLineFlagsUnverified(t *testing.T) {
	e, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		date, mark string
		mode       i18n.Mode
		flagged    bool
	}{
		{"2026-06-30", "⚠ 未经核实", i18n.ModeZH, true},
		{"2026-06-30", "⚠ unverified", i18n.ModeEN, true},
		{"2025-06-30", "⚠", i18n.ModeZH, false},
	} {
		res, err := e.Calc("vat.small_scale", map[string]string{"sales_incl": "200000"}, date.MustParse(tt.date))
		if err != nil {
			t.Fatal(err)
		}
		line := AnswerLine(res, &i18n.Set{Mode: tt.mode, Cats: cats}, Plain)
		if strings.Contains(line, tt.mark) != tt.flagged {
			t.Errorf("%s: answer line %q, want flagged=%v", tt.date, line, tt.flagged)
		}
	}
}
