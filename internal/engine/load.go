package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/cntax/cntax/formulas"
	i18nfs "github.com/cntax/cntax/i18n"
	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/formula"
	"github.com/cntax/cntax/internal/i18n"
	"github.com/cntax/cntax/internal/numparse"
)

// Load reads the catalogs and formula files, validates them, and proves
// every worked example. Nothing is computed for a user until all of that
// holds.
func Load(formulaFS, i18nFS fs.FS) (*Engine, map[i18n.Lang]*i18n.Catalog, error) {
	return LoadWant(formulaFS, i18nFS, catalog.Want{})
}

// LoadWant is Load of what a command needs. From a fresh snapshot the
// files, labels and examples were proven when it was made, so only w is
// built; otherwise everything is read, checked and proven.
func LoadWant(formulaFS, i18nFS fs.FS, w catalog.Want) (*Engine, map[i18n.Lang]*i18n.Catalog, error) {
	return loadFiles(catalog.ReadFiles(formulaFS), i18nFS, w)
}

func loadFiles(ff *catalog.Files, i18nFS fs.FS, w catalog.Want) (*Engine, map[i18n.Lang]*i18n.Catalog, error) {
	// The snapshot's catalogs stand in for the TOML when made from exactly
	// these files; otherwise the catalogs and the formula files load side
	// by side.
	type msgs struct {
		cats map[i18n.Lang]*i18n.Catalog
		err  error
	}
	ch := make(chan msgs, 1)
	cats, fresh := ff.Messages(i18nFS)
	if fresh {
		ch <- msgs{cats, nil}
	} else {
		go func() {
			c, err := i18n.Load(i18nFS)
			ch <- msgs{c, err}
		}()
	}
	cat, err := ff.Load("formulas", nil, w)
	l := <-ch
	if err != nil {
		return nil, nil, err
	}
	if l.err != nil {
		return nil, nil, l.err
	}
	cats = l.cats
	// Labels were checked when the snapshot was made, if it holds both
	// the formulas loaded and the catalogs.
	if !fresh || !cat.FromSnapshot {
		if err := cat.CheckLabels(cats); err != nil {
			return nil, nil, err
		}
	}
	e := &Engine{Cat: cat}
	// A fresh snapshot was made only after every example held (and the
	// tests prove them again); otherwise prove them now.
	if !cat.FromSnapshot {
		if err := e.CheckExamples(cats[i18n.EN]); err != nil {
			return nil, nil, err
		}
	}
	return e, cats, nil
}

// MakeSnapshot proves the formula files from source — the strict parse,
// every check, every label, every worked example — and only then encodes
// their snapshot. `go generate ./formulas` writes it; a test compares it
// with the embedded one.
func MakeSnapshot(formulaFS, i18nFS fs.FS) ([]byte, error) {
	e, cats, err := Load(catalog.WithoutSnapshot(formulaFS), i18nFS)
	if err != nil {
		return nil, fmt.Errorf("the formula files do not load; no snapshot written:\n%w", err)
	}
	names, err := fs.Glob(formulaFS, "*.yaml")
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, n := range names {
		if files[n], err = fs.ReadFile(formulaFS, n); err != nil {
			return nil, err
		}
	}
	msgSizes, err := catalog.SizesFS(i18nFS, "*.toml")
	if err != nil {
		return nil, err
	}
	return catalog.EncodeSnapshot(catalog.SnapshotSource{Files: files, Cat: e.Cat, MessagesSizes: msgSizes, Messages: cats})
}

type loaded struct {
	eng  *Engine
	cats map[i18n.Lang]*i18n.Catalog
	err  error
}

var (
	defaultMu   sync.Mutex
	defaultLoad = map[catalog.Want]*loaded{}
)

// embedded is the program's own formula files, with the snapshot read in
// place.
func embedded() *catalog.Files { return catalog.ReadFilesWith(formulas.FS, formulas.Snapshot) }

// WithExamples is f with its worked examples, for a sheet: f itself, or,
// when the engine left examples out (the TUI starts without them), f as
// loaded for show, which has them. Only sheets read examples.
func (e *Engine) WithExamples(f *catalog.Formula) *catalog.Formula {
	if !e.embedded || !e.Cat.Partial || len(f.Examples) > 0 {
		return f
	}
	show, _, err := DefaultWant(catalog.Want{Formula: f.ID, SkipPractice: true})
	if err != nil || show.Cat.Formula(f.ID) == nil {
		return f
	}
	return show.Cat.Formula(f.ID)
}

// LoadEmbedded loads what w says of the program's own files, every time
// (DefaultWant keeps what it loaded).
func LoadEmbedded(w catalog.Want) (*Engine, map[i18n.Lang]*i18n.Catalog, error) {
	return loadFiles(embedded(), i18nfs.FS, w)
}

// Default loads all of the embedded files once per process.
func Default() (*Engine, map[i18n.Lang]*i18n.Catalog, error) {
	return DefaultWant(catalog.Want{})
}

// DefaultWant loads what a command needs of the embedded files, once per
// process for each w.
func DefaultWant(w catalog.Want) (*Engine, map[i18n.Lang]*i18n.Catalog, error) {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	if l, ok := defaultLoad[w]; ok {
		return l.eng, l.cats, l.err
	}
	// Loading allocates memory that all stays live; collecting garbage in
	// the middle of it only costs time.
	old := debug.SetGCPercent(-1)
	eng, cats, err := LoadEmbedded(w)
	debug.SetGCPercent(old)
	if eng != nil {
		eng.embedded = true
	}
	defaultLoad[w] = &loaded{eng, cats, err}
	return eng, cats, err
}

// DefaultIndex lists the embedded formulas without loading them when the
// snapshot is fresh (else from a full load), with the message catalogs.
func DefaultIndex() (*catalog.Index, map[i18n.Lang]*i18n.Catalog, error) {
	ff := embedded()
	if ix := ff.Index(); ix != nil {
		if cats, ok := ff.Messages(i18nfs.FS); ok {
			return ix, cats, nil
		}
	}
	e, cats, err := Default()
	if err != nil {
		return nil, nil, err
	}
	return e.Cat.Index(), cats, nil
}

// ExampleError is a worked example that does not hold.
type ExampleError struct {
	Pos catalog.Pos
	Msg string
}

func (e *ExampleError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Pos.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// CheckExamples runs every worked example of the catalog; c words the
// engine's own refusals in the report.
func (e *Engine) CheckExamples(c *i18n.Catalog) error {
	var errs []error
	for _, f := range e.Cat.Formulas {
		for _, ex := range f.Examples {
			errs = append(errs, e.CheckExample(f, ex, c)...)
		}
	}
	return errors.Join(errs...)
}

// CheckExample runs one worked example.
func (e *Engine) CheckExample(f *catalog.Formula, ex *catalog.Example, c *i18n.Catalog) []error {
	name := f.ID + " example"
	if ex.Name != "" {
		name += " " + ex.Name
	}
	fail := func(p catalog.Pos, format string, args ...any) error {
		return &ExampleError{Pos: p, Msg: name + ": " + fmt.Sprintf(format, args...)}
	}
	res, err := e.Calc(f.ID, ex.Inputs, ex.Date)
	if ex.Refused != "" {
		var re *RefusedError
		var ve *ValidityError
		var ie *InputError
		switch {
		case errors.As(err, &re) && re.Refusal.Key == ex.Refused:
			return nil
		case errors.As(err, &ve) && ex.Refused == "validity":
			return nil
		case errors.As(err, &ie) && ex.Refused == "input."+ie.Code:
			return nil
		case err != nil:
			return []error{fail(ex.Pos, "expected refusal %s, got: %s", ex.Refused, strings.Join(Messages(err, c), "; "))}
		}
		return []error{fail(ex.Pos, "expected refusal %s, but it computed %s", ex.Refused, res.Answer().Value)}
	}
	if err != nil {
		return []error{fail(ex.Pos, "%s", strings.Join(Messages(err, c), "; "))}
	}
	var errs []error
	for _, want := range ex.Expect {
		kind, value, found := res.Find(want.Step)
		if !found {
			errs = append(errs, fail(want.Pos, "step %s was not computed (its part was skipped)", want.Step))
			continue
		}
		wv, ok := expected(kind, want.Value)
		if !ok {
			errs = append(errs, fail(want.Pos, "step %s: expected value %q is not a number", want.Step, want.Value))
			continue
		}
		if !value.Equal(wv) {
			errs = append(errs, fail(want.Pos, "step %s = %s, expected %s", want.Step, JSONValue(kind, value), want.Value))
		}
	}
	return errs
}

func expected(k formula.Kind, s string) (decimal.Decimal, bool) {
	if k == formula.KindBool {
		switch s {
		case "true":
			return decimal.NewFromInt(1), true
		case "false":
			return decimal.Zero, true
		}
		return decimal.Zero, false
	}
	n, err := numparse.Parse(s)
	return n.Value, err == nil
}
