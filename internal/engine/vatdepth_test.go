package engine

import (
	"errors"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
)

// A param with a gap (the reduced 1% levy is absent 2022-04-01 to
// 2022-12-31, when 2022年第15号 exempted the sales instead) is refused with
// both periods named, not with one span that hides the gap (issue 12,
// defect 6).
func TestChoiceOffNamesGap(t *testing.T) {
	e, cats := load(t)
	_, err := e.Calc("vat.small_scale", map[string]string{"sales_incl": "200000", "rate": "reduced"}, date.MustParse("2022-06-30"))
	var ie *InputError
	if !errors.As(err, &ie) || ie.Code != CodeChoiceOff {
		t.Fatalf("got %v, want %s", err, CodeChoiceOff)
	}
	for lang, want := range map[i18n.Lang][]string{
		i18n.ZH: {"2020-03-01 至 2022-03-31", "2023-01-01 至 2027-12-31"},
		i18n.EN: {"from 2020-03-01 to 2022-03-31", "from 2023-01-01 to 2027-12-31"},
	} {
		msg := strings.Join(Messages(err, cats[lang]), "\n")
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s message %q lacks %q", lang, msg, w)
			}
		}
	}
}
