package practice

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/cntax/cntax/internal/config"
)

// FormulaStats is a student's record on one formula across sessions.
type FormulaStats struct {
	Problems   int     `json:"problems"`    // problems finished
	Steps      int     `json:"steps"`       // steps answered
	StepsRight float64 `json:"steps_right"` // marks: 1 first try, ½ on the retry
	Streak     int     `json:"streak"`      // problems in a row with every step right
	Best       int     `json:"best_streak"`
	Last       string  `json:"last,omitempty"` // date of the last problem
}

// Stats is every formula's record.
type Stats struct {
	Formulas map[string]*FormulaStats `json:"formulas"`
}

// Store is the stats file, $XDG_STATE_HOME/cntax/practice.json. It keeps
// the problems finished in this session until they are saved, so that a
// file that cannot be read (or written) now loses nothing: they go in when
// it can be, and meanwhile they are shown from memory.
type Store struct {
	Path    string
	pending []finished
}

type finished struct {
	formula string
	marks   []float64
	day     string
}

// OpenStore names the store under the state directory.
func OpenStore(getenv config.Env) *Store {
	return &Store{Path: filepath.Join(config.StateDir(getenv), "practice.json")}
}

// Load reads the stats, with this session's unsaved problems added. A file
// that does not parse is moved aside (its new name is returned in a
// *CorruptError, which the caller shows) and the stats start again. A file
// that cannot be read, or that does not parse and cannot be moved aside,
// gives an *UnreadableError: the stats are then this session's only, and
// the file must not be written over.
func (s *Store) Load() (*Stats, error) {
	st, err := s.load()
	for _, f := range s.pending {
		st.Record(f.formula, f.marks, f.day)
	}
	return st, err
}

func (s *Store) load() (*Stats, error) {
	st := &Stats{Formulas: map[string]*FormulaStats{}}
	b, err := readFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, &UnreadableError{Path: s.Path, Err: err}
	}
	if err := json.Unmarshal(b, st); err != nil || st.Formulas == nil {
		aside := fmt.Sprintf("%s.corrupt-%s", s.Path, time.Now().Format("20060102-150405"))
		if rerr := setAside(s.Path, aside, b); rerr != nil {
			return &Stats{Formulas: map[string]*FormulaStats{}}, &UnreadableError{Path: s.Path, Err: fmt.Errorf("it does not parse and cannot be moved aside: %w", rerr)}
		}
		return &Stats{Formulas: map[string]*FormulaStats{}}, &CorruptError{Path: s.Path, Aside: aside}
	}
	return st, nil
}

// Record adds a finished problem (marks per step: 1, ½ or 0) and saves,
// unless the file cannot be read: then it stays as it was and the problem
// is kept in memory. It returns the formula's record either way, and why
// it was not saved (*UnreadableError, or the write's error), or a
// *CorruptError when the old file was set aside and a new one saved.
func (s *Store) Record(formulaID string, marks []float64, day string) (*FormulaStats, error) {
	s.pending = append(s.pending, finished{formulaID, append([]float64(nil), marks...), day})
	// Two cntax processes (two terminals) must not save over each other.
	unlock, lerr := lock(s.Path)
	if lerr != nil {
		st, _ := s.Load()
		return st.Formulas[formulaID], lerr
	}
	defer unlock()
	st, err := s.Load()
	rec := st.Formulas[formulaID]
	var ue *UnreadableError
	if errors.As(err, &ue) {
		return rec, err
	}
	if serr := s.Save(st); serr != nil {
		return rec, serr
	}
	s.pending = nil
	return rec, err
}

// Unsaved is how many finished problems are only in memory.
func (s *Store) Unsaved() int { return len(s.pending) }

// UnreadableError says the stats file could not be read and was left as
// it is.
type UnreadableError struct {
	Path string
	Err  error
}

func (e *UnreadableError) Error() string {
	return fmt.Sprintf("cannot read %s (%v); it was left as it is", e.Path, e.Err)
}

func (e *UnreadableError) Unwrap() error { return e.Err }

// CorruptError says the stats file did not parse and where it went.
type CorruptError struct{ Path, Aside string }

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s did not parse; it was moved to %s", e.Path, e.Aside)
}

// Save writes the stats atomically.
func (s *Store) Save(st *Stats) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return config.WriteAtomic(s.Path, append(b, '\n'))
}

// Record adds a finished problem to st: marks per step (1, ½ or 0).
func (st *Stats) Record(formulaID string, marks []float64, day string) *FormulaStats {
	fs := st.Formulas[formulaID]
	if fs == nil {
		fs = &FormulaStats{}
		st.Formulas[formulaID] = fs
	}
	fs.Problems++
	all := true
	for _, m := range marks {
		fs.Steps++
		fs.StepsRight += m
		all = all && m == 1
	}
	if all {
		fs.Streak++
		fs.Best = max(fs.Best, fs.Streak)
	} else {
		fs.Streak = 0
	}
	fs.Last = day
	return fs
}

// readFile is os.ReadFile; tests replace it to make the file unreadable,
// which chmod cannot do for root.
var readFile = os.ReadFile

// setAside moves the damaged file to aside. A symbolic link is kept (the
// user put it there) and a copy of what it pointed to is set aside, so the
// new record is written through the link.
func setAside(path, aside string, b []byte) error {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return config.WriteNew(aside, b)
	}
	return os.Rename(path, aside)
}
