package engine

import (
	"testing"
	"testing/fstest"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/i18n"
)

// A warning holds after the steps and leaves the result standing: a local
// amount outside the statutory range that the law lets a province approve.
func TestWarnings(t *testing.T) {
	cat, err := catalog.Load(fstest.MapFS{"w.yaml": {Data: []byte(`category: w
formulas:
  - id: w.f
    valid: {from: 2000-01-01}
    source: "test law art. 1"
    inputs:
      - {id: area, kind: number}
      - {id: unit, kind: money}
    steps:
      - {id: tax, expr: "area * unit"}
    warn:
      - {when: "unit < 0.6 or unit > 30", message: w.range}
    result: tax
    examples:
      - {source: "x", date: 2020-01-01, inputs: {area: 10, unit: 40}, expect: {tax: "400.00"}}
`)}}, "formulas", nil)
	if err != nil {
		t.Fatal(err)
	}
	cats, err := i18n.Load(fstest.MapFS{
		"zh-Hans.toml": {Data: []byte(`"warn.w.range" = "单位税额 {unit} 不在 0.6–30 元之间"` + "\n")},
		"en.toml":      {Data: []byte(`"warn.w.range" = "unit amount {unit} is outside 0.6–30"` + "\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	e := &Engine{Cat: cat}
	d := date.MustParse("2020-01-01")
	res, err := e.Calc("w.f", map[string]string{"area": "10", "unit": "40"}, d)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Answer().Value.String(); got != "400" {
		t.Fatalf("tax %s", got)
	}
	if got := res.WarningTexts(cats[i18n.EN]); len(got) != 1 || got[0] != "unit amount 40.00 is outside 0.6–30" {
		t.Fatalf("warnings %q", got)
	}
	res, err = e.Calc("w.f", map[string]string{"area": "10", "unit": "3"}, d)
	if err != nil || len(res.Warnings) != 0 {
		t.Fatalf("a value inside the range warns: %v %v", res.Warnings, err)
	}
}
