package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// Every formula sheet in Chinese is Chinese (issue 17, item 10): the
// sources and worked examples come from the catalogs' source.* wording
// where the file's text has English glosses. The rule is the language
// test's own (internal/i18n/lang_test.go): ids, placeholders, flags and
// command lines are not prose; three English words in a row are.
func TestChineseSheetsHaveNoEnglish(t *testing.T) {
	strip := regexp.MustCompile(`cntax(?:\s+[^\s\p{Han}，。；：、（）“”]+)*|\{[^}]*\}|[A-Za-z0-9_]+(?:[._/-][A-Za-z0-9_]+)+|--?[a-z-]+`)
	sentence := regexp.MustCompile(`[A-Za-z]+(?:'[a-z]+)?(?:[,;:]?\s+[A-Za-z]+(?:'[a-z]+)?){2,}`)
	e, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	set := &i18n.Set{Mode: i18n.ModeZH, Cats: cats}
	d := date.MustParse("2026-06-30")
	for _, f := range e.Cat.Formulas {
		for _, l := range strings.Split(SheetText(Sheet{Formula: f, Date: d}, set, Plain), "\n") {
			if m := sentence.FindString(strip.ReplaceAllString(l, " ")); m != "" {
				t.Errorf("%s: %q in %q", f.ID, m, l)
			}
		}
	}
}
