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

// Store is the stats file, $XDG_STATE_HOME/cntax/practice.json.
type Store struct{ Path string }

// OpenStore names the store under the state directory.
func OpenStore(getenv config.Env) *Store {
	return &Store{Path: filepath.Join(config.StateDir(getenv), "practice.json")}
}

// Load reads the stats. A file that does not parse is moved aside (its
// new name is returned in the error, which the caller shows) and the stats
// start again; a student's history is never silently lost or fatal.
func (s *Store) Load() (*Stats, error) {
	st := &Stats{Formulas: map[string]*FormulaStats{}}
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(b, st); err != nil || st.Formulas == nil {
		aside := fmt.Sprintf("%s.corrupt-%s", s.Path, time.Now().Format("20060102-150405"))
		if rerr := os.Rename(s.Path, aside); rerr != nil {
			return &Stats{Formulas: map[string]*FormulaStats{}}, fmt.Errorf("%s does not parse and cannot be moved aside: %v", s.Path, rerr)
		}
		return &Stats{Formulas: map[string]*FormulaStats{}}, &CorruptError{Path: s.Path, Aside: aside}
	}
	return st, nil
}

// CorruptError says the stats file was unreadable and where it went.
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

// Record adds a finished problem: marks per step (1, ½ or 0).
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
