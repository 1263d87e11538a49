package render

import (
	"testing"
	"testing/fstest"

	"github.com/cntax/cntax/internal/i18n"
)

// A source worded in a catalog is shown in that language; elsewhere, and
// where no wording exists, the file's text.
func TestSourceWording(t *testing.T) {
	cats, err := i18n.Load(fstest.MapFS{
		"zh-Hans.toml": {Data: []byte(`"source.param.p" = "财税〔2016〕36号（自拟说明）"` + "\n")},
		"en.toml":      {Data: []byte("")},
	})
	if err != nil {
		t.Fatal(err)
	}
	file := "财税〔2016〕36号 (constructed note)"
	for mode, want := range map[i18n.Mode]string{
		i18n.ModeZH:   "财税〔2016〕36号（自拟说明）",
		i18n.ModeEN:   file,
		i18n.ModeBoth: "财税〔2016〕36号（自拟说明） / " + file,
	} {
		if got := source(&i18n.Set{Cats: cats, Mode: mode}, "param", "p", file); got != want {
			t.Errorf("%v: %q, want %q", mode, got, want)
		}
	}
	if got := source(&i18n.Set{Cats: cats, Mode: i18n.ModeZH}, "param", "q", file); got != file {
		t.Errorf("no wording: %q", got)
	}
}
