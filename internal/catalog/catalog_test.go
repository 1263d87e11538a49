package catalog

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cntax/cntax/internal/date"
)

const good = `category: t
params:
  t.rate:
    unit: rate
    source: "test law art. 1"
    values: {2000-01-01: 10%, 2010-01-01: 20%}
  t.gone:
    unit: money
    source: "x"
    values: {2000-01-01: 5, 2005-01-01: null}
tables:
  t.tab:
    source: "x"
    values:
      2000-01-01:
        - {upto: 100, rate: 10%, quick: 0}
        - {rate: 20%, quick: 10}
formulas:
  - id: t.f
    valid: {from: 2000-01-01}
    source: "test law"
    inputs:
      - {id: a, kind: money}
      - {id: r, kind: rate, default: t.rate, choices: [t.rate]}
      - {id: b, kind: money, default: "a * 2"}
    steps:
      - {id: s1, expr: "a * r"}
      - {id: s2, expr: "s1 + bracket_quick(t.tab, b)"}
    result: s2
    examples:
      - {source: "x", date: 2001-01-01, inputs: {a: 100}, expect: {s1: "10.00"}}
`

func load(files map[string]string) (*Catalog, error) {
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return Load(fsys, "formulas", nil)
}

func TestLoadGood(t *testing.T) {
	c, err := load(map[string]string{"t.yaml": good})
	if err != nil {
		t.Fatal(err)
	}
	f := c.Formula("t.f")
	if f == nil || len(f.Inputs) != 3 || len(f.Steps) != 2 || f.Result.ID != "s2" {
		t.Fatalf("bad formula %+v", f)
	}
	if v, ok := c.Params["t.rate"].At(date.MustParse("2009-12-31")); !ok || v.Value.String() != "0.1" {
		t.Errorf("dated value: %v %v", v, ok)
	}
	if _, ok := c.Params["t.gone"].At(date.MustParse("2005-01-01")); ok {
		t.Error("ended param still has a value")
	}
	if _, ok := c.Params["t.rate"].At(date.MustParse("1999-12-31")); ok {
		t.Error("value before the first date")
	}
	if b := f.Input("b"); b.Order == nil || b.Order[0] != 0 {
		t.Errorf("default order %v", b.Order)
	}
}

// Each broken file fails with file:line:col and a message that says what
// is wrong.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"unknown field", "      - {id: s1, expr: \"a * r\"}", "      - {id: s1, exprs: \"a * r\"}", "formulas/t.yaml:27: field exprs not found"},
		{"unknown identifier", `expr: "a * r"}`, `expr: "a * rr"}`, `formulas/t.yaml:27:29: formula t.f step s1: unknown identifier "rr"`},
		{"step used early", `expr: "a * r"}`, `expr: "a * s2"}`, "step s2 is used before it is computed"},
		{"syntax", `expr: "a * r"}`, `expr: "a * (r"}`, "formulas/t.yaml:27:31: formula t.f step s1: expected ) to close"},
		{"bad date", "2010-01-01: 20%", "2010-02-30: 20%", "formulas/t.yaml:6:31: param t.rate: \"2010-02-30\" is not a date"},
		{"unordered brackets", "{upto: 100, rate: 10%", "{upto: -5, rate: 10%", "upto must be positive"},
		{"quick deduction", "{rate: 20%, quick: 10}", "{rate: 20%, quick: 11}", "quick deduction 11 does not follow from the brackets; it should be 10"},
		{"no source", `source: "test law"`, `source: ""`, "formula t.f: source is required"},
		{"example fails keys", "expect: {s1: \"10.00\"}", "expect: {s9: \"10.00\"}", `"s9" is not a step`},
		{"param gap", `expr: "s1 + bracket_quick(t.tab, b)"}`, `expr: "s1 + t.gone"}`, "reads param t.gone, which has no value on 2005-01-01"},
		{"param starts late", "values: {2000-01-01: 10%, 2010-01-01: 20%}", "values: {2001-01-01: 10%}", "reads param t.rate, which has no value on 2001-01-01"},
		{"cycle", `default: "a * 2"}`, `default: "a * 2"}
      - {id: c, kind: money, default: "d"}
      - {id: d, kind: money, default: "c"}`, "defaults of inputs form a cycle: c → d → c"},
		{"duplicate key", "  t.gone:", "  t.rate:", `key "t.rate" already defined at line 3`},
		{"kind", "{id: a, kind: money}", "{id: a, kind: cash}", `unknown kind "cash"`},
		{"result", "result: s2", "result: s9", `result "s9" is not a step`},
		{"type", `expr: "a * r"}`, `expr: "a > r"}`, "expected a number expression, this is a boolean"},
		{"rate over 100", "2010-01-01: 20%", "2010-01-01: 20", "rate 20 is over 100%"},
		{"no examples", "    examples:\n      - {source: \"x\", date: 2001-01-01, inputs: {a: 100}, expect: {s1: \"10.00\"}}\n", "", "has no worked example"},
		{"choice kind", "choices: [t.rate]", "choices: [t.gone]", "choice t.gone is a money, the input a rate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(good, tt.from, tt.to, 1)
			if tt.name == "param starts late" {
				src = strings.Replace(src, `expr: "a * r"}`, `expr: "a * t.rate"}`, 1)
			}
			if src == good {
				t.Fatalf("replacement %q not found", tt.from)
			}
			_, err := load(map[string]string{"t.yaml": src})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got error:\n%v\nwant it to contain:\n%s", err, tt.want)
			}
		})
	}
}

func TestAllErrorsReported(t *testing.T) {
	src := strings.Replace(good, `expr: "a * r"}`, `expr: "a * zz"}`, 1)
	src = strings.Replace(src, "result: s2", "result: s9", 1)
	_, err := load(map[string]string{"t.yaml": src})
	if err == nil || !strings.Contains(err.Error(), "zz") || !strings.Contains(err.Error(), "s9") {
		t.Fatalf("want both errors, got %v", err)
	}
}

func TestCaretUnderCJK(t *testing.T) {
	if got := caretPad("销售额 * x", 4); got != "       " {
		t.Errorf("%q", got)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(good)
	f.Add("category: x\nformulas: [{id: a}]")
	f.Add("params: {a: {unit: rate, values: {2000-01-01: [1]}}}")
	f.Fuzz(func(t *testing.T, src string) {
		c, err := load(map[string]string{"t.yaml": src})
		if err == nil && c == nil {
			t.Fatal("nil catalog without error")
		}
	})
}

// A snapshot loads to the same catalog as the YAML, and a stale one is
// ignored.
func TestSnapshot(t *testing.T) {
	snap, err := EncodeSnapshot(SnapshotSource{Files: map[string][]byte{"t.yaml": []byte(good)}})
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"t.yaml": {Data: []byte(good)}, SnapshotName: {Data: snap}}
	c, err := Load(fsys, "formulas", nil)
	if err != nil || !c.FromSnapshot || c.Formula("t.f") == nil || c.Formula("t.f").Steps[1].Src != "s1 + bracket_quick(t.tab, b)" {
		t.Fatalf("snapshot load: %v %v", err, c)
	}
	fsys["t.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(good, "10.00", "10.0", 1))}
	c, err = Load(fsys, "formulas", nil)
	if err != nil || c.FromSnapshot {
		t.Fatalf("stale snapshot used: %v", err)
	}
	fsys[SnapshotName] = &fstest.MapFile{Data: snap[:len(snap)/2]}
	if c, err = Load(fsys, "formulas", nil); err != nil || c.FromSnapshot {
		t.Fatalf("corrupt snapshot: %v", err)
	}
}

func FuzzDecodeSnapshot(f *testing.F) {
	snap, _ := EncodeSnapshot(SnapshotSource{Files: map[string][]byte{"t.yaml": []byte(good)}})
	f.Add(snap)
	// the real one, with its index and messages
	if b, err := os.ReadFile("../../formulas/" + SnapshotName); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decodeSnapshot(string(b))
		if err != nil {
			return
		}
		s.index()
		s.filesFor(Want{Formula: "t.f"})
		for _, sf := range s.files {
			sf.root(nil, nil)
			sf.root(func(string) bool { return true }, func(string) bool { return false })
		}
		if s.msgs != nil {
			for _, c := range s.msgs() {
				c.Keys()
				c.T("x")
			}
		}
	})
}
