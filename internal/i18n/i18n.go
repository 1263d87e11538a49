// Package i18n holds the two message catalogs (zh-Hans, en), picks the
// language, and names the keys under which formulas, inputs, steps and
// params find their labels. Catalogs are flat: every key is a top-level
// quoted TOML key, so a category's block can be added without touching
// another's table.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Lang is a catalog language.
type Lang string

const (
	ZH Lang = "zh-Hans"
	EN Lang = "en"
)

// Langs in display order: 中文 first, the users' language.
var Langs = []Lang{ZH, EN}

// Catalog is one language's messages.
type Catalog struct {
	Lang Lang
	msgs map[string]string
	// sorted holds the messages instead of msgs when the catalog came
	// from the formula snapshot: looked up by binary search in place, it
	// costs nothing to build.
	sorted Sorted
	// memo keeps what was looked up in sorted: a screen or a batch asks
	// for the same few labels again and again.
	memo sync.Map // key → message, or missing{}
}

type missing struct{}

// Sorted is a read-only table of messages sorted by key, no key twice.
type Sorted interface {
	Len() int
	At(i int) (key, msg string)
}

// get is the message of key.
func (c *Catalog) get(key string) (string, bool) {
	if c.msgs != nil {
		s, ok := c.msgs[key]
		return s, ok
	}
	if c.sorted == nil {
		return "", false
	}
	if v, ok := c.memo.Load(key); ok {
		s, found := v.(string)
		return s, found
	}
	n := c.sorted.Len()
	i := sort.Search(n, func(i int) bool { k, _ := c.sorted.At(i); return k >= key })
	if i < n {
		if k, m := c.sorted.At(i); k == key {
			c.memo.Store(key, m)
			return m, true
		}
	}
	c.memo.Store(key, missing{})
	return "", false
}

// Load reads each language's catalog from fsys: <lang>.toml, then every
// <part>.<lang>.toml in name order (one part per tax, so tax files are
// added without touching another's). A key may be defined once across all
// of a language's files.
func Load(fsys fs.FS) (map[Lang]*Catalog, error) {
	out := map[Lang]*Catalog{}
	var errs []string
	for _, l := range Langs {
		c := &Catalog{Lang: l, msgs: make(map[string]string, 4096)}
		names := []string{string(l) + ".toml"}
		parts, _ := fs.Glob(fsys, "*."+string(l)+".toml")
		sort.Strings(parts)
		names = append(names, parts...)
		for _, name := range names {
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				errs = append(errs, err.Error())
				continue
			}
			errs = append(errs, parseFlat(c, name, b)...)
		}
		out[l] = c
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

// parseFlat reads a flat catalog with go-toml's parser. The catalogs are
// one table of some 1,500 keys, where go-toml's Unmarshal checks each key
// against the table by a linear scan; a map does the duplicate check here.
func parseFlat(c *Catalog, name string, b []byte) []string {
	var errs []string
	var p unstable.Parser
	p.Reset(b)
	at := func(r unstable.Range) string {
		sh := p.Shape(r)
		return fmt.Sprintf("i18n/%s:%d:%d", name, sh.Start.Line, sh.Start.Column)
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			var parts []string
			for it := e.Key(); it.Next(); {
				parts = append(parts, string(it.Node().Data))
			}
			key := strings.Join(parts, ".")
			v := e.Value()
			if v.Kind != unstable.String {
				errs = append(errs, fmt.Sprintf("%s: key %q: the value must be a string", at(e.Raw), key))
				continue
			}
			if _, dup := c.msgs[key]; dup {
				errs = append(errs, fmt.Sprintf("%s: key %q is defined twice", at(v.Raw), key))
				continue
			}
			c.msgs[key] = string(v.Data)
		case unstable.Table, unstable.ArrayTable:
			r := e.Raw
			if it := e.Key(); it.Next() {
				r = it.Node().Raw
			}
			errs = append(errs, fmt.Sprintf("%s: tables are not allowed; write every key at the top level, quoted (\"a.b\" = \"…\")", at(r)))
		}
	}
	if err := p.Error(); err != nil {
		var perr *unstable.ParserError
		if errors.As(err, &perr) {
			errs = append(errs, fmt.Sprintf("%s: %s", at(p.Range(perr.Highlight)), perr.Message))
		} else {
			errs = append(errs, fmt.Sprintf("i18n/%s: %v", name, err))
		}
	}
	return errs
}

// FromSorted is a catalog of messages already read and checked (the
// formula snapshot keeps the parsed catalogs so); t is kept, not copied.
func FromSorted(l Lang, t Sorted) *Catalog {
	return &Catalog{Lang: l, sorted: t}
}

// Has reports whether key has a message.
func (c *Catalog) Has(key string) bool {
	_, ok := c.get(key)
	return ok
}

// Keys lists every key, sorted.
func (c *Catalog) Keys() []string {
	out := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		out = append(out, k)
	}
	if c.sorted != nil {
		for i := range c.sorted.Len() {
			k, _ := c.sorted.At(i)
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Raw is the message as written, placeholders unfilled.
func (c *Catalog) Raw(key string) (string, bool) {
	s, ok := c.get(key)
	return s, ok
}

// T formats key with named placeholders given as name, value pairs:
// T("err.input.required", "input", "sales"). A missing key shows itself in
// brackets so a gap is visible, never silent; tests keep it from happening.
func (c *Catalog) T(key string, args ...string) string {
	s, ok := c.get(key)
	if !ok {
		return "⟦" + key + "⟧"
	}
	return Fill(s, args...)
}

// N formats a count message: key_one when n is 1 and the catalog has it,
// else key_other when it has that, else key; args fill the placeholders
// as in T (the count among them). English says "1 formula" but "2
// formulas"; Chinese needs no _one and has none.
func (c *Catalog) N(key string, n int, args ...string) string {
	if n == 1 && c.Has(key+"_one") {
		return c.T(key+"_one", args...)
	}
	if c.Has(key + "_other") {
		return c.T(key+"_other", args...)
	}
	return c.T(key, args...)
}

// Fill replaces {name} in s with values given as name, value pairs, and
// a count's word {name|one|other} with one when name is 1, else other, so
// that an English template says "1 day late" and "2 days late"
// ("{days} {days|day|days} late").
func Fill(s string, args ...string) string {
	if len(args) < 2 || !strings.Contains(s, "{") {
		return s
	}
	if strings.Contains(s, "|") {
		s = pluralChoices(s, args)
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+args[i]+"}", args[i+1])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// pluralChoices resolves every {name|one|other} of s whose name is given.
func pluralChoices(s string, args []string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		inner := s[i+1 : i+j]
		b.WriteString(s[:i])
		if name, forms, ok := strings.Cut(inner, "|"); ok {
			one, other, _ := strings.Cut(forms, "|")
			word, found := "", false
			for k := 0; k+1 < len(args); k += 2 {
				if args[k] == name {
					word, found = other, true
					if args[k+1] == "1" {
						word = one
					}
				}
			}
			if found {
				b.WriteString(word)
			} else {
				b.WriteString(s[i : i+j+1])
			}
		} else {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// Placeholders lists the {names} in s, sorted, each once, for the parity
// test; a count's word {name|one|other} names name.
func Placeholders(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		name, _, _ := strings.Cut(s[i+1:i+j], "|")
		out = append(out, name)
		s = s[i+j+1:]
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Key names. The catalog loader checks that every one it needs exists in
// both languages, so adding a formula without labels fails at load.

func CategoryKey(cat string) string    { return "category." + cat }
func FormulaKey(id string) string      { return "formula." + id }
func SummaryKey(id string) string      { return "summary." + id }
func ParamKey(id string) string        { return "param." + id }
func TableKey(id string) string        { return "table." + id }
func RefuseKey(key string) string      { return "refuse." + key }
func WarnKey(key string) string        { return "warn." + key }
func EndedKey(formula string) string   { return "ended." + formula }
func BeforeKey(formula string) string  { return "before." + formula }
func ProblemKey(formula string) string { return "problem." + formula }
func FuncKey(name string) string       { return "fn." + name }
func NoteKey(formula string) string    { return "note." + formula }

// ParamNoteKey is the key of a param's note, or, with from (YYYY-MM-DD,
// the date a dated value starts), of that value's; TableNoteKey likewise
// for a table.
func ParamNoteKey(param, from string) string { return datedKey("note.param."+param, from) }
func TableNoteKey(table, from string) string { return datedKey("note.table."+table, from) }

func datedKey(key, from string) string {
	if from == "" {
		return key
	}
	return key + "@" + from
}

// LabelKeys are where an input's or step's label is looked up: first the
// formula's own (label.vat.general.rate = 增值税税率), then the shared one
// (label.sales = 销售额), so common terms are written once.
func LabelKeys(formula, ident string) (own, shared string) {
	return "label." + formula + "." + ident, "label." + ident
}

// SourceKey is where a catalog words a source written in a formula file:
// kind is formula, param, table or example (id formula.name for an
// example), so a Chinese sheet need not quote the maintainers' English
// glosses around a citation.
func SourceKey(kind, id string) string { return "source." + kind + "." + id }

// Source is the catalog's wording of a file's source text, else the text
// as the file writes it (a citation reads the same in every language).
func (c *Catalog) Source(kind, id, written string) string {
	if s, ok := c.get(SourceKey(kind, id)); ok {
		return s
	}
	return written
}
