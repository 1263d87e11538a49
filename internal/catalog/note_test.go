package catalog

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cntax/cntax/internal/i18n"
)

// A formula's note is read in the user's language, so a note without a
// note.<id> in both catalogs is a load error naming the key.
func TestNoteNeedsCatalogKey(t *testing.T) {
	labels := `"category.t" = "T"
"param.t.rate" = "R"
"param.t.gone" = "G"
"table.t.tab" = "B"
"formula.t.f" = "F"
"summary.t.f" = "S"
"label.a" = "A"
"label.r" = "R"
"label.b" = "B"
"label.s1" = "S1"
"label.s2" = "S2"
`
	withNote := strings.Replace(good, "    source: \"test law\"\n", "    source: \"test law\"\n    note: \"read the law\"\n", 1)
	for _, tc := range []struct {
		name, zh, en, want string
	}{
		{"both", `"note.t.f" = "读法条"` + "\n", `"note.t.f" = "read the law"` + "\n", ""},
		{"zh missing", "", `"note.t.f" = "read the law"` + "\n", `formula t.f note has no label in zh-Hans (add "note.t.f"`},
		{"en missing", `"note.t.f" = "读法条"` + "\n", "", `formula t.f note has no label in en (add "note.t.f"`},
	} {
		cats, err := i18n.Load(fstest.MapFS{
			"zh-Hans.toml": {Data: []byte(labels + tc.zh)},
			"en.toml":      {Data: []byte(labels + tc.en)},
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Load(fstest.MapFS{"t.yaml": {Data: []byte(withNote)}}, "formulas", cats)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}

// So is a param's note and an unverified value's.
func TestParamNoteNeedsCatalogKey(t *testing.T) {
	labels := `"category.t" = "T"
"param.t.rate" = "R"
"param.t.gone" = "G"
"table.t.tab" = "B"
"formula.t.f" = "F"
"summary.t.f" = "S"
"label.a" = "A"
"label.r" = "R"
"label.b" = "B"
"label.s1" = "S1"
"label.s2" = "S2"
`
	file := strings.Replace(good, "values: {2000-01-01: 10%, 2010-01-01: 20%}",
		"note: \"per year\"\n    values: {2000-01-01: 10%, 2010-01-01: {value: 20%, verified: false, note: \"text not seen\"}}", 1)
	both := `"note.param.t.rate" = "x"` + "\n" + `"note.param.t.rate@2010-01-01" = "y"` + "\n"
	for _, tc := range []struct{ name, en, want string }{
		{"both", both, ""},
		{"param note", `"note.param.t.rate@2010-01-01" = "y"` + "\n", `param t.rate note has no label in en (add "note.param.t.rate"`},
		{"value note", `"note.param.t.rate" = "x"` + "\n", `param t.rate note of the value from 2010-01-01 has no label in en (add "note.param.t.rate@2010-01-01"`},
	} {
		cats, err := i18n.Load(fstest.MapFS{
			"zh-Hans.toml": {Data: []byte(labels + both)},
			"en.toml":      {Data: []byte(labels + tc.en)},
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Load(fstest.MapFS{"t.yaml": {Data: []byte(file)}}, "formulas", cats)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}
