package catalog

import (
	"strings"
	"testing"
)

// A scenario file beside the formula file of catalog_test.go: t.f (a, r, b
// → s1, s2) called twice, the second time on the first's s2.
const goodScenario = `category: s
scenarios:
  - id: s.chain
    valid: {from: 2000-01-01}
    source: "test law art. 2"
    inputs:
      - {id: x, kind: money}
      - {id: big, kind: bool, default: "false"}
    parts:
      - id: one
        formula: t.f
        bind: {a: x}
      - id: two
        choose:
          - when: "big"
            formula: t.f
            bind: {a: one.s2 * 2}
          - formula: t.f
            bind: {a: one.s2, b: one.s1}
    steps:
      - {id: total, expr: "one.s2 + two.s2"}
    file: [one.s2, two.s2]
    result: total
    examples:
      - {source: "x", date: 2001-01-01, inputs: {x: 100}, expect: {one.s2: "20.00", two.a: "20.00", total: "24.00"}}
`

func TestLoadScenario(t *testing.T) {
	c, err := load(map[string]string{"t.yaml": good, "s.yaml": goodScenario})
	if err != nil {
		t.Fatal(err)
	}
	f := c.Formula("s.chain")
	if f == nil || !f.IsScenario() || len(f.Parts) != 2 || len(f.Parts[1].Alts) != 2 {
		t.Fatalf("scenario not loaded: %+v", f)
	}
	if len(f.Carried) != 3 || f.CarriedIdent("one.s1") == nil || f.CarriedIdent("two.s2") == nil {
		t.Fatalf("carried: %+v", f.Carried)
	}
	if got := strings.Join(f.Filed, ","); got != "one.s2,two.s2" {
		t.Fatalf("filed %s", got)
	}
	if cat := c.Category("s"); cat == nil || len(cat.Formulas) != 1 || cat.Formulas[0] != f {
		t.Fatal("scenario not in its category")
	}
}

func TestLoadScenarioErrors(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"unknown formula", "formula: t.f\n        bind: {a: x}", "formula: t.nope\n        bind: {a: x}", `formulas/s.yaml:11:18: scenario s.chain part one: formula "t.nope" does not exist`},
		{"unknown input", "bind: {a: x}", "bind: {a: x, zz: x}", `part one: t.f has no input "zz" (inputs: a, r, b)`},
		{"unbound required", "bind: {a: x}", "bind: {b: x}", "part one: required input a of t.f is not bound"},
		{"later part", "bind: {a: x}", "bind: {a: two.s2}", "two.s2 is read before its part is computed"},
		{"own part", "bind: {a: x}", "bind: {a: one.s1}", "one.s1 is read before its part is computed"},
		{"unknown step", "bind: {a: one.s2, b: one.s1}", "bind: {a: one.s9}", `unknown identifier "one.s9"`},
		{"dates", "valid: {from: 2000-01-01}\n    source: \"test law art. 2\"", "valid: {from: 1999-01-01}\n    source: \"test law art. 2\"", "part one: t.f is valid from 2000-01-01, not on every day of the scenario (from 1999-01-01)"},
		{"file", "file: [one.s2, two.s2]", "file: [one.s2, three.s2]", `file: "three.s2" is not a step or PART.STEP`},
		{"expect", `expect: {one.s2: "20.00"`, `expect: {one.s7: "20.00"`, `"one.s7" is not a step`},
		{"duplicate part", "      - id: two\n", "      - id: one\n", `"one" is already a part or input`},
		{"dotted part", "      - id: two\n", "      - id: t.wo\n", "part id \"t.wo\" cannot contain a dot"},
		{"both", "        choose:\n", "        formula: t.f\n        choose:\n", "give either formula/bind/when or choose, not both"},
		{"bool binding", "bind: {a: one.s2 * 2}", "bind: {a: big}", "expected a number expression, this is a boolean"},
		{"example fails", `total: "24.00"`, `total: "25.00"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(goodScenario, tt.from, tt.to, 1)
			if src == goodScenario {
				t.Fatalf("replacement %q not found", tt.from)
			}
			_, err := load(map[string]string{"t.yaml": good, "s.yaml": src})
			if tt.want == "" {
				// the catalog loads; the engine's example check catches the
				// wrong number (engine tests)
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got error:\n%v\nwant it to contain:\n%s", err, tt.want)
			}
		})
	}
}

func TestScenarioInFormulas(t *testing.T) {
	src := strings.Replace(goodScenario, "scenarios:", "formulas:", 1)
	_, err := load(map[string]string{"t.yaml": good, "s.yaml": src})
	if err == nil || !strings.Contains(err.Error(), "formula s.chain has parts: list it under scenarios:") {
		t.Fatal(err)
	}
}
