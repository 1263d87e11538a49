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
	// The catalogs and the formula files load side by side; labels are
	// checked once both are in.
	type loaded struct {
		cats map[i18n.Lang]*i18n.Catalog
		err  error
	}
	ch := make(chan loaded, 1)
	go func() {
		c, err := i18n.Load(i18nFS)
		ch <- loaded{c, err}
	}()
	cat, err := catalog.Load(formulaFS, "formulas", nil)
	l := <-ch
	if err != nil {
		return nil, nil, err
	}
	if l.err != nil {
		return nil, nil, l.err
	}
	cats := l.cats
	if err := cat.CheckLabels(cats); err != nil {
		return nil, nil, err
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

var (
	defaultOnce sync.Once
	defaultEng  *Engine
	defaultCats map[i18n.Lang]*i18n.Catalog
	defaultErr  error
)

// Default loads the embedded files once per process.
func Default() (*Engine, map[i18n.Lang]*i18n.Catalog, error) {
	defaultOnce.Do(func() {
		// Loading allocates a few megabytes that all stay live; collecting
		// garbage in the middle of it only costs time.
		old := debug.SetGCPercent(-1)
		defaultEng, defaultCats, defaultErr = Load(formulas.FS, i18nfs.FS)
		debug.SetGCPercent(old)
	})
	return defaultEng, defaultCats, defaultErr
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
