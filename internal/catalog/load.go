package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// LoadError is one problem in a formula file.
type LoadError struct {
	Pos Pos
	Msg string
}

func (e *LoadError) Error() string {
	switch {
	case e.Pos.Line == 0:
		return fmt.Sprintf("%s: %s", e.Pos.File, e.Msg)
	case e.Pos.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.Pos.File, e.Pos.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Pos.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

type rawFile struct {
	Category string       `yaml:"category"`
	Params   yaml.Node    `yaml:"params"`
	Tables   yaml.Node    `yaml:"tables"`
	Formulas []rawFormula `yaml:"formulas"`
	// Scenarios load after every file's formulas: they call them.
	Scenarios []rawFormula `yaml:"scenarios"`
}

type rawFormula struct {
	ID       yaml.Node    `yaml:"id"`
	Valid    rawValid     `yaml:"valid"`
	Source   string       `yaml:"source"`
	Note     string       `yaml:"note"`
	Inputs   []rawInput   `yaml:"inputs"`
	Steps    []rawStep    `yaml:"steps"`
	Result   yaml.Node    `yaml:"result"`
	Refuse   []rawRefusal `yaml:"refuse"`
	Warn     []rawRefusal `yaml:"warn"`
	Practice yaml.Node    `yaml:"practice"`
	Examples []rawExample `yaml:"examples"`
	Parts    []rawPart    `yaml:"parts"`
	File     []yaml.Node  `yaml:"file"`
}

type rawValid struct {
	From       yaml.Node `yaml:"from"`
	To         yaml.Node `yaml:"to"`
	ReplacedBy string    `yaml:"replaced_by"`
}

type rawInput struct {
	ID      yaml.Node   `yaml:"id"`
	Kind    yaml.Node   `yaml:"kind"`
	Default yaml.Node   `yaml:"default"`
	Choices []yaml.Node `yaml:"choices"`
	Min     yaml.Node   `yaml:"min"`
	Max     yaml.Node   `yaml:"max"`
	Places  yaml.Node   `yaml:"places"`
}

type rawStep struct {
	ID        yaml.Node `yaml:"id"`
	Expr      yaml.Node `yaml:"expr"`
	Kind      yaml.Node `yaml:"kind"`
	Round     yaml.Node `yaml:"round"`
	Tolerance yaml.Node `yaml:"tolerance"`
	Show      yaml.Node `yaml:"show"`
}

type rawRefusal struct {
	When    yaml.Node `yaml:"when"`
	Message yaml.Node `yaml:"message"`
}

type rawExample struct {
	Name    string    `yaml:"name"`
	Source  yaml.Node `yaml:"source"`
	Date    yaml.Node `yaml:"date"`
	Inputs  yaml.Node `yaml:"inputs"`
	Expect  yaml.Node `yaml:"expect"`
	Refused string    `yaml:"refused"`
}

type loader struct {
	dir  string
	cat  *Catalog
	errs []error
	i18n map[i18n.Lang]*i18n.Catalog
	// what a command left out (Want); only from a fresh snapshot
	skipExamples, skipPractice bool
	// inScenario: the formula being loaded is a scenario (default: part).
	inScenario bool
}

// skip names the sections a command left out, wherever they are in a
// file: decoding them is most of the work (worked examples are more than
// half of all nodes). nil: none.
func (l *loader) skip(key string) bool {
	return (key == "examples" && l.skipExamples) || (key == "practice" && l.skipPractice)
}

func (l *loader) errorf(p Pos, format string, args ...any) {
	l.errs = append(l.errs, &LoadError{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

func (l *loader) pos(file string, n *yaml.Node) Pos {
	if n == nil || n.Kind == 0 {
		return Pos{File: file}
	}
	return Pos{File: file, Line: n.Line, Col: n.Column}
}

// Load reads every *.yaml of fsys. dir is the folder name shown in errors
// (formulas). cats, when given, are checked for every label the formulas
// need.
func Load(fsys fs.FS, dir string, cats map[i18n.Lang]*i18n.Catalog) (*Catalog, error) {
	return LoadWant(fsys, dir, cats, Want{})
}

// LoadWant is Load of what a command needs (see Want).
func LoadWant(fsys fs.FS, dir string, cats map[i18n.Lang]*i18n.Catalog, w Want) (*Catalog, error) {
	return loadFiles(ReadFiles(fsys), dir, cats, w)
}

func loadFiles(ff *Files, dir string, cats map[i18n.Lang]*i18n.Catalog, w Want) (*Catalog, error) {
	l := &loader{dir: dir, i18n: cats, cat: &Catalog{
		Params: map[string]*Param{},
		Tables: map[string]*TableDef{},
		byID:   map[string]*Formula{},
	}}
	if ff.globErr != nil {
		return nil, ff.globErr
	}
	type parsed struct {
		file string
		raw  rawFile
	}
	// The snapshot stands in for parsing only if it was made from exactly
	// the files loaded; the strict parse then already happened when it was
	// made, and only then may a command load less than everything.
	names := ff.names
	var snap *Snapshot
	var keep func(string) bool
	if ff.snap != nil {
		var only []string
		only, keep = ff.snap.filesFor(w)
		if snap = ff.freshFor(only); snap != nil {
			l.skipExamples, l.skipPractice = w.SkipExamples, w.SkipPractice
			if only != nil {
				names = slices.Clone(only)
				sort.Strings(names)
			}
			l.cat.Partial = keep != nil || w.SkipExamples || w.SkipPractice
		}
	}
	contents := make([][]byte, len(names))
	if snap == nil {
		for i, name := range names {
			var err error
			if contents[i], err = fs.ReadFile(ff.fsys, name); err != nil {
				l.errorf(Pos{File: path.Join(dir, name)}, "%v", err)
				contents[i] = nil
			}
		}
	}
	l.cat.FromSnapshot = snap != nil
	// Files parse independently, so YAML files parse in parallel; from the
	// snapshot, decoding is quicker than starting a thread for it.
	raws := make([]rawFile, len(names))
	errs := make([]error, len(names))
	decode := func(i int) {
		if snap != nil {
			root, err := snap.files[names[i]].root(l.skip, keep)
			if err == nil {
				err = root.Decode(&raws[i])
			}
			errs[i] = err
			return
		}
		dec := yaml.NewDecoder(bytes.NewReader(contents[i]))
		dec.KnownFields(true)
		errs[i] = dec.Decode(&raws[i])
	}
	var wg sync.WaitGroup
	for i := range names {
		switch {
		case snap != nil:
			decode(i)
		case contents[i] != nil:
			wg.Go(func() { decode(i) })
		}
	}
	wg.Wait()
	var files []parsed
	for i, name := range names {
		file := path.Join(dir, name)
		if snap == nil && contents[i] == nil {
			continue
		}
		if errs[i] != nil {
			l.yamlError(file, errs[i])
			continue
		}
		files = append(files, parsed{file, raws[i]})
	}
	// Params and tables first: a formula may use another file's params
	// (import VAT uses the VAT rates).
	for _, f := range files {
		l.params(f.file, &f.raw.Params)
		l.tables(f.file, &f.raw.Tables)
	}
	for _, f := range files {
		l.file(f.file, &f.raw)
	}
	for _, f := range files {
		l.scenarios(f.file, &f.raw)
	}
	l.orderCategories()
	l.checkReplaced()
	l.checkLabels()
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	return l.cat, nil
}

// yamlLine is compiled when a file fails to parse, not at every start.
var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+): (.*)`) })

// yamlError turns the decoder's "line 12: field x not found" into
// file:line: messages, one per problem.
func (l *loader) yamlError(file string, err error) {
	found := false
	for _, s := range strings.Split(err.Error(), "\n") {
		if m := yamlLine().FindStringSubmatch(s); m != nil {
			n, _ := strconv.Atoi(m[1])
			l.errorf(Pos{File: file, Line: n}, "%s", strings.TrimPrefix(m[2], "yaml: "))
			found = true
		}
	}
	if !found {
		l.errorf(Pos{File: file}, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
}

// mapping walks a YAML mapping in order, refusing duplicate keys.
func (l *loader) mapping(file string, n *yaml.Node, what string, f func(key, val *yaml.Node)) {
	if n == nil || n.Kind == 0 {
		return
	}
	if n.Kind != yaml.MappingNode {
		if n.Tag == "!!null" {
			return
		}
		l.errorf(l.pos(file, n), "%s must be a mapping", what)
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			l.errorf(l.pos(file, k), "%s: key %q already defined at line %d", what, k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		f(k, v)
	}
}

// fields checks a mapping node has only the allowed keys and returns them.
func (l *loader) fields(file string, n *yaml.Node, what string, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		l.errorf(l.pos(file, n), "%s must be a mapping with keys %s", what, strings.Join(allowed, ", "))
		return out
	}
	l.mapping(file, n, what, func(k, v *yaml.Node) {
		for _, a := range allowed {
			if k.Value == a {
				out[a] = v
				return
			}
		}
		l.errorf(l.pos(file, k), "%s: unknown field %q (allowed: %s)", what, k.Value, strings.Join(allowed, ", "))
	})
	return out
}

func (l *loader) date(file string, n *yaml.Node, what string) (date.Date, bool) {
	d, err := date.Parse(n.Value)
	if err != nil {
		l.errorf(l.pos(file, n), "%s: %q is not a date YYYY-MM-DD that exists", what, n.Value)
		return 0, false
	}
	return d, true
}

var kinds = map[string]formula.Kind{
	"money": formula.KindMoney, "rate": formula.KindRate, "number": formula.KindNumber,
	"int": formula.KindInt, "bool": formula.KindBool,
}

// KindName is the file spelling of a kind.
func KindName(k formula.Kind) string {
	for n, v := range kinds {
		if v == k {
			return n
		}
	}
	return "?"
}

func (l *loader) kind(file string, n *yaml.Node, def formula.Kind, what string) formula.Kind {
	if n.Kind == 0 {
		return def
	}
	k, ok := kinds[n.Value]
	if !ok {
		l.errorf(l.pos(file, n), "%s: unknown kind %q (money, rate, number, int, bool)", what, n.Value)
		return def
	}
	return k
}

// value parses a param or table value written in the file. Numbers go
// through numparse so files read like the users type (13%, 0.5‰, 5000).
func (l *loader) value(file string, n *yaml.Node, k formula.Kind, what string) (decimal.Decimal, numparse.Unit, bool) {
	if k == formula.KindBool {
		switch n.Value {
		case "true":
			return decimal.NewFromInt(1), numparse.Plain, true
		case "false":
			return decimal.Zero, numparse.Plain, true
		}
		l.errorf(l.pos(file, n), "%s: %q is not true or false", what, n.Value)
		return decimal.Zero, 0, false
	}
	if n.Kind != yaml.ScalarNode {
		l.errorf(l.pos(file, n), "%s: expected a number", what)
		return decimal.Zero, 0, false
	}
	num, err := numparse.Parse(n.Value)
	if err != nil {
		l.errorf(l.pos(file, n), "%s: %v", what, err)
		return decimal.Zero, 0, false
	}
	if k == formula.KindRate && num.Unit == numparse.Plain && num.Value.GreaterThan(decimal.NewFromInt(1)) {
		l.errorf(l.pos(file, n), "%s: rate %s is over 100%%; write rates as 13%% or 0.13", what, n.Value)
	}
	return num.Value, num.Unit, true
}

func (l *loader) params(file string, n *yaml.Node) {
	l.mapping(file, n, "params", func(k, v *yaml.Node) {
		id := k.Value
		what := "param " + id
		if prev, dup := l.cat.Params[id]; dup {
			l.errorf(l.pos(file, k), "%s already defined at %s:%d", what, prev.Pos.File, prev.Pos.Line)
			return
		}
		if _, dup := l.cat.Tables[id]; dup {
			l.errorf(l.pos(file, k), "%s: a table has the same id", what)
			return
		}
		f := l.fields(file, v, what, "unit", "source", "verified", "note", "values", "replaced_by")
		p := &Param{ID: id, Verified: true, Pos: l.pos(file, k)}
		if f["unit"] == nil {
			l.errorf(p.Pos, "%s: unit is required (money, rate, number, int, bool)", what)
			return
		}
		p.Kind = l.kind(file, f["unit"], formula.KindNumber, what)
		p.Source = l.source(file, f["source"], k, what)
		p.Verified, p.Note = l.verified(file, f["verified"], f["note"], k, what)
		if rb := f["replaced_by"]; rb != nil {
			p.ReplacedBy = rb.Value
		}
		l.mapping(file, f["values"], what+" values", func(dk, dv *yaml.Node) {
			d, ok := l.date(file, dk, what)
			if !ok {
				return
			}
			pv := ParamValue{From: d}
			if dv.Kind == yaml.MappingNode {
				// {value: 1%, verified: false, note: why}
				vf := l.fields(file, dv, what+" value", "value", "verified", "note")
				if vf["value"] == nil {
					l.errorf(l.pos(file, dv), "%s: value is required", what)
					return
				}
				ver, note := l.verified(file, vf["verified"], vf["note"], dk, what+" value of "+dk.Value)
				pv.Unverified, pv.Note = !ver, note
				dv = vf["value"]
			}
			if dv.Tag == "!!null" {
				pv.Ended = true
			} else if pv.Value, pv.Unit, ok = l.value(file, dv, p.Kind, what); !ok {
				return
			}
			p.Values = append(p.Values, pv)
		})
		if len(p.Values) == 0 {
			l.errorf(p.Pos, "%s has no values (values: {YYYY-MM-DD: value})", what)
			return
		}
		if !sort.SliceIsSorted(p.Values, func(i, j int) bool { return p.Values[i].From < p.Values[j].From }) {
			l.errorf(p.Pos, "%s: write values in date order", what)
		}
		if p.Values[0].Ended {
			l.errorf(p.Pos, "%s: the first value cannot be null", what)
		}
		l.cat.Params[id] = p
	})
}

func (l *loader) source(file string, n, at *yaml.Node, what string) string {
	if n == nil || strings.TrimSpace(n.Value) == "" {
		l.errorf(l.pos(file, at), "%s: source is required (law and article, or notice number)", what)
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func (l *loader) verified(file string, v, note, at *yaml.Node, what string) (bool, string) {
	ok, text := true, ""
	if note != nil {
		text = strings.TrimSpace(note.Value)
	}
	if v != nil {
		switch v.Value {
		case "true":
		case "false":
			ok = false
			if text == "" {
				l.errorf(l.pos(file, at), "%s: verified: false needs a note saying what could not be confirmed", what)
			}
		default:
			l.errorf(l.pos(file, v), "%s: verified must be true or false", what)
		}
	}
	return ok, text
}

func (l *loader) tables(file string, n *yaml.Node) {
	l.mapping(file, n, "tables", func(k, v *yaml.Node) {
		id := k.Value
		what := "table " + id
		if prev, dup := l.cat.Tables[id]; dup {
			l.errorf(l.pos(file, k), "%s already defined at %s:%d", what, prev.Pos.File, prev.Pos.Line)
			return
		}
		if _, dup := l.cat.Params[id]; dup {
			l.errorf(l.pos(file, k), "%s: a param has the same id", what)
			return
		}
		f := l.fields(file, v, what, "source", "verified", "note", "quick", "values")
		t := &TableDef{ID: id, Pos: l.pos(file, k)}
		t.Source = l.source(file, f["source"], k, what)
		t.Verified, t.Note = l.verified(file, f["verified"], f["note"], k, what)
		if q := f["quick"]; q != nil {
			switch q.Value {
			case "money":
			case "rate":
				t.QuickRate = true
			default:
				l.errorf(l.pos(file, q), "%s: quick must be money or rate", what)
			}
		}
		l.mapping(file, f["values"], what+" values", func(dk, dv *yaml.Node) {
			d, ok := l.date(file, dk, what)
			if !ok {
				return
			}
			dt := DatedTable{From: d}
			if dv.Kind == yaml.MappingNode {
				// {brackets: [...], verified: false, note: why}
				vf := l.fields(file, dv, fmt.Sprintf("%s from %s", what, d), "brackets", "verified", "note")
				if vf["brackets"] == nil {
					l.errorf(l.pos(file, dv), "%s from %s: brackets is required", what, d)
					return
				}
				ver, note := l.verified(file, vf["verified"], vf["note"], dk, fmt.Sprintf("%s from %s", what, d))
				dt.Unverified, dt.Note = !ver, note
				dv = vf["brackets"]
			}
			if dv.Tag != "!!null" {
				dt.Table = l.brackets(file, dv, t.QuickRate, fmt.Sprintf("%s from %s", what, d))
				if dt.Table == nil {
					return
				}
			}
			t.Values = append(t.Values, dt)
		})
		if len(t.Values) == 0 {
			l.errorf(t.Pos, "%s has no values", what)
			return
		}
		if !sort.SliceIsSorted(t.Values, func(i, j int) bool { return t.Values[i].From < t.Values[j].From }) {
			l.errorf(t.Pos, "%s: write values in date order", what)
		}
		l.cat.Tables[id] = t
	})
}

func (l *loader) brackets(file string, n *yaml.Node, quickRate bool, what string) *formula.Table {
	if n.Kind != yaml.SequenceNode {
		l.errorf(l.pos(file, n), "%s: expected a list of brackets {upto, rate, quick}", what)
		return nil
	}
	t := &formula.Table{}
	quickKind := formula.KindMoney
	if quickRate {
		quickKind = formula.KindRate
	}
	for i, bn := range n.Content {
		bw := fmt.Sprintf("%s bracket %d", what, i+1)
		f := l.fields(file, bn, bw, "upto", "rate", "quick")
		var b formula.Bracket
		ok := true
		if u := f["upto"]; u != nil {
			b.Upto, _, ok = l.value(file, u, quickKind, bw+" upto")
		} else {
			b.Open = true
		}
		if r := f["rate"]; r != nil && ok {
			b.Rate, _, ok = l.value(file, r, formula.KindRate, bw+" rate")
		} else if ok {
			l.errorf(l.pos(file, bn), "%s: rate is required", bw)
			ok = false
		}
		if q := f["quick"]; q != nil && ok {
			b.Quick, _, ok = l.value(file, q, quickKind, bw+" quick")
		} else if ok {
			l.errorf(l.pos(file, bn), "%s: quick is required (0 for the first bracket)", bw)
			ok = false
		}
		if !ok {
			return nil
		}
		t.Brackets = append(t.Brackets, b)
	}
	if err := t.Validate(); err != nil {
		l.errorf(l.pos(file, n), "%s: %v", what, err)
		return nil
	}
	return t
}

func (l *loader) orderCategories() {
	rank := map[string]int{}
	for i, c := range CategoryOrder {
		rank[c] = i
	}
	sort.SliceStable(l.cat.Categories, func(i, j int) bool {
		ri, iok := rank[l.cat.Categories[i].ID]
		rj, jok := rank[l.cat.Categories[j].ID]
		if iok != jok {
			return iok
		}
		if ri != rj {
			return ri < rj
		}
		return l.cat.Categories[i].ID < l.cat.Categories[j].ID
	})
	l.cat.Formulas = l.cat.Formulas[:0]
	for _, c := range l.cat.Categories {
		l.cat.Formulas = append(l.cat.Formulas, c.Formulas...)
	}
}
