// Package testwidth, imported for its side effect by tests with golden
// screens or width checks, makes them independent of the machine's locale.
//
// go-runewidth and charmbracelet/x/ansi read RUNEWIDTH_EASTASIAN (runewidth
// also a CJK locale) once, in their package init, and then count ambiguous
// glyphs (…, ×, ①) as two cells; the goldens are drawn with one. ansi keeps
// the choice in unexported variables, so it cannot be reset from TestMain:
// the variable must be set before those inits run.
//
// Why this runs first: Go initialises, among the packages whose imports are
// ready, the one with the smallest import path. This package imports only
// os, so it is ready no later than github.com/mattn/go-runewidth (which
// x/ansi needs) and sorts before it. Keep it standard-library only.
//
// Never import it from non-test code: users on a CJK terminal need the wide
// count their terminal uses.
package testwidth

import "os"

func init() { _ = os.Setenv("RUNEWIDTH_EASTASIAN", "0") }
