package render

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

// The sheet reads the note and the kind of a made-up example in the
// chosen language (issue 17, item 10: 说明: customs_value is … on the
// Chinese sheet).
func TestSheetNoteInLanguage(t *testing.T) {
	e, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	f := e.Cat.Formula("customs.import")
	s := Sheet{Formula: f, Date: date.MustParse("2026-06-30")}
	zh := SheetText(s, &i18n.Set{Mode: i18n.ModeZH, Cats: cats}, Plain)
	en := SheetText(s, &i18n.Set{Mode: i18n.ModeEN, Cats: cats}, Plain)
	if !strings.Contains(zh, "说明: customs_value 为计税价格") || strings.Contains(zh, "customs_value is") {
		t.Errorf("zh sheet note:\n%s", zh)
	}
	if !strings.Contains(zh, "自拟 — constructed") {
		t.Errorf("zh sheet does not mark a constructed example:\n%s", zh)
	}
	if !strings.Contains(en, "Note: customs_value is the dutiable value") || strings.Contains(en, "自拟") {
		t.Errorf("en sheet note:\n%s", en)
	}
	var both SheetJSON
	if err := json.Unmarshal(SheetJSONBytes(s, &i18n.Set{Mode: i18n.ModeBoth, Cats: cats}), &both); err != nil {
		t.Fatal(err)
	}
	if zhNote, enNote, ok := strings.Cut(both.Note, " / "); !ok || !strings.HasPrefix(zhNote, "customs_value 为") || !strings.HasPrefix(enNote, "customs_value is") {
		t.Errorf("show --json --lang both note = %q", both.Note)
	}
	// Every formula with a note reads it from the catalogs, not the file.
	for _, f := range e.Cat.Formulas {
		if f.Note == "" {
			continue
		}
		for _, l := range i18n.Langs {
			if !cats[l].Has(i18n.NoteKey(f.ID)) {
				t.Errorf("%s: no %s in %s", f.ID, i18n.NoteKey(f.ID), l)
			}
		}
	}
}

func TestExampleKind(t *testing.T) {
	for src, want := range map[string]string{
		"constructed: the CPA case at 13%": "constructed",
		"Constructed, edge":                "constructed",
		"boundary: 36,000.01":              "boundary",
		"refusal: negative sales":          "refusal",
		"validity: before the law":         "validity",
		"past date: 2018 rules":            "past",
		"CPA《税法》题库 (…)":                    "",
		"textbook presentation":            "",
	} {
		if got := ExampleKind(src); got != want {
			t.Errorf("ExampleKind(%q) = %q, want %q", src, got, want)
		}
	}
}

// The unverified warning's note is in the chosen language too.
func TestUnverifiedNoteInLanguage(t *testing.T) {
	e, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Calc("customs.late_fee", map[string]string{"duty": "100000", "days": "10"}, date.MustParse("2026-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	zh := Text(res, &i18n.Set{Mode: i18n.ModeZH, Cats: cats}, Plain)
	en := Text(res, &i18n.Set{Mode: i18n.ModeEN, Cats: cats}, Plain)
	if !strings.Contains(zh, "customs.late_fee.floor: 50元的起征点") || strings.Contains(zh, "was not confirmed") {
		t.Errorf("zh result:\n%s", zh)
	}
	if !strings.Contains(en, "customs.late_fee.floor: whether the 50-yuan floor survives") {
		t.Errorf("en result:\n%s", en)
	}
	s := Sheet{Formula: e.Cat.Formula("customs.late_fee"), Date: date.MustParse("2026-06-30")}
	if sh := SheetText(s, &i18n.Set{Mode: i18n.ModeZH, Cats: cats}, Plain); !strings.Contains(sh, "50元的起征点在《中华人民共和国关税法》") {
		t.Errorf("zh sheet:\n%s", sh)
	}
}
