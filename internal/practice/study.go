package practice

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cntax/cntax/internal/catalog"
	"github.com/cntax/cntax/internal/config"
	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
)

// The study file, $XDG_STATE_HOME/cntax/study.json, holds the mistakes
// notebook (错题本) and the review schedule. It is a versioned JSON file
// rather than an SQLite database: both stay small (a student's notebook is
// a few hundred problems; the boxes one line per formula), a file written
// whole through a temporary file and a rename can never be half-written,
// and with the lock beside it two processes cannot lose each other's
// changes. modernc.org/sqlite would add about 7 MB to the binary and 45 s
// of cold compile to every CI run for none of that.
const studyVersion = 1

// Mistake is a problem answered wrong, kept so that it can be redone
// exactly: the same formula, inputs and rules date.
type Mistake struct {
	Formula string            `json:"formula"`
	Date    string            `json:"date"` // the rules date of the problem
	Inputs  map[string]string `json:"inputs"`
	Added   string            `json:"added"` // the day it was first missed
	Last    string            `json:"last"`  // the day it was last answered
	Missed  int               `json:"missed"`
	// RightDays: days it was answered right since the last miss; two
	// different days take it out of the notebook.
	RightDays []string `json:"right_days,omitempty"`
}

// Key names the problem: formula, date and inputs.
func (m *Mistake) Key() string { return problemKey(m.Formula, m.Date, m.Inputs) }

func problemKey(f, d string, in map[string]string) string {
	ids := make([]string, 0, len(in))
	for k := range in {
		ids = append(ids, k)
	}
	sort.Strings(ids)
	var b strings.Builder
	b.WriteString(f + "@" + d)
	for _, k := range ids {
		fmt.Fprintf(&b, "|%s=%s", k, in[k])
	}
	return b.String()
}

// RightDaysToLeave is how many different days a mistake must be answered
// right on before it leaves the notebook.
const RightDaysToLeave = 2

// Study is the notebook and the review boxes.
type Study struct {
	Version  int             `json:"version"`
	Mistakes []*Mistake      `json:"mistakes"`
	Boxes    map[string]*Box `json:"boxes"`
	// Attempts are the last problems finished, for the trend; older
	// ones drop off (the per-formula totals stay in practice.json).
	Attempts []Attempt `json:"attempts,omitempty"`
}

// Attempt is one finished problem's marks.
type Attempt struct {
	Formula string  `json:"formula"`
	Day     string  `json:"day"`
	Got     float64 `json:"got"`
	Of      int     `json:"of"`
}

// MaxAttempts is how many attempts the study file keeps.
const MaxAttempts = 2000

func newStudy() *Study { return &Study{Version: studyVersion, Boxes: map[string]*Box{}} }

// Outcome is a finished problem as the study file records it.
type Outcome struct {
	Formula string
	Date    string
	Inputs  map[string]string
	Right   bool   // every step right at the first try
	Day     string // the day it was answered
	Got     float64
	Of      int
}

// OutcomeOf is p's outcome with marks per step (1, ½ or 0), answered on day.
func OutcomeOf(p *Problem, marks []float64, day date.Date) Outcome {
	right := len(marks) > 0
	got := 0.0
	for _, m := range marks {
		right = right && m == 1
		got += m
	}
	return Outcome{Formula: p.Formula.ID, Date: p.Date.String(), Inputs: p.Raw, Right: right, Day: day.String(), Got: got, Of: len(marks)}
}

// Apply adds an outcome: a miss enters the notebook (or starts its count of
// right days again); a right answer to a problem in it counts its day; the
// formula's box moves.
func (st *Study) Apply(o Outcome) {
	key := problemKey(o.Formula, o.Date, o.Inputs)
	at := -1
	for i, m := range st.Mistakes {
		if m.Key() == key {
			at = i
		}
	}
	switch {
	case !o.Right && at < 0:
		in := make(map[string]string, len(o.Inputs))
		for k, v := range o.Inputs {
			in[k] = v
		}
		st.Mistakes = append(st.Mistakes, &Mistake{Formula: o.Formula, Date: o.Date, Inputs: in, Added: o.Day, Last: o.Day, Missed: 1})
	case !o.Right:
		m := st.Mistakes[at]
		m.Missed++
		m.RightDays = nil
		m.Last = o.Day
	case at >= 0:
		m := st.Mistakes[at]
		m.Last = o.Day
		if !contains(m.RightDays, o.Day) {
			m.RightDays = append(m.RightDays, o.Day)
		}
		if len(m.RightDays) >= RightDaysToLeave {
			st.Mistakes = append(st.Mistakes[:at], st.Mistakes[at+1:]...)
		}
	}
	st.box(o.Formula, o.Right, o.Day)
	if o.Of > 0 {
		st.Attempts = append(st.Attempts, Attempt{Formula: o.Formula, Day: o.Day, Got: o.Got, Of: o.Of})
		if n := len(st.Attempts); n > MaxAttempts {
			st.Attempts = append([]Attempt(nil), st.Attempts[n-MaxAttempts:]...)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// Replay rebuilds a mistake's problem under its own rules date.
func Replay(eng *engine.Engine, m *Mistake) (*Problem, error) {
	f := eng.Cat.Formula(m.Formula)
	d, err := date.Parse(m.Date)
	if err != nil || f == nil {
		return nil, fmt.Errorf("the notebook entry %s no longer names a problem", m.Key())
	}
	res, err := eng.Calc(f.ID, m.Inputs, d)
	if err != nil {
		return nil, err
	}
	in := make(map[string]string, len(m.Inputs))
	for k, v := range m.Inputs {
		in[k] = v
	}
	return &Problem{Formula: f, Date: d, Raw: in, Result: res.Visible()}, nil
}

// StudyStore is the study file. Like Store it keeps in memory what could
// not be saved, and never writes over a file it could not read.
type StudyStore struct {
	Path    string
	pending []Outcome
}

// OpenStudy names the study file under the state directory.
func OpenStudy(getenv config.Env) *StudyStore {
	return &StudyStore{Path: filepath.Join(config.StateDir(getenv), "study.json")}
}

// NewerError: the file was written by a later cntax (a higher version); it
// is left as it is.
type NewerError struct {
	Path    string
	Version int
}

func (e *NewerError) Error() string {
	return fmt.Sprintf("%s is version %d, newer than this cntax reads (%d)", e.Path, e.Version, studyVersion)
}

// Load reads the study file with this session's unsaved outcomes applied.
// Errors are as Store.Load's: *CorruptError (set aside, started again),
// *UnreadableError (left as it is; this session's only).
func (s *StudyStore) Load() (*Study, error) {
	st, err := s.load()
	for _, o := range s.pending {
		st.Apply(o)
	}
	return st, err
}

func (s *StudyStore) load() (*Study, error) {
	b, err := readFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return newStudy(), nil
	}
	if err != nil {
		return newStudy(), &UnreadableError{Path: s.Path, Err: err}
	}
	st := &Study{}
	if jerr := json.Unmarshal(b, st); jerr == nil && st.Version > studyVersion {
		return newStudy(), &UnreadableError{Path: s.Path, Err: &NewerError{Path: s.Path, Version: st.Version}}
	} else if jerr != nil || st.Version < 1 || !st.valid() {
		aside := fmt.Sprintf("%s.corrupt-%s", s.Path, time.Now().Format("20060102-150405"))
		if rerr := setAside(s.Path, aside, b); rerr != nil {
			return newStudy(), &UnreadableError{Path: s.Path, Err: fmt.Errorf("it does not parse and cannot be moved aside: %w", rerr)}
		}
		return newStudy(), &CorruptError{Path: s.Path, Aside: aside}
	}
	if st.Boxes == nil {
		st.Boxes = map[string]*Box{}
	}
	return st, nil
}

// valid: every entry names a problem (a hand-edited file may not).
func (st *Study) valid() bool {
	for _, m := range st.Mistakes {
		if m == nil || m.Formula == "" || m.Date == "" {
			return false
		}
	}
	for _, b := range st.Boxes {
		if b == nil {
			return false
		}
	}
	return true
}

// Record adds a finished problem under the lock: read, apply, write.
func (s *StudyStore) Record(o Outcome) (*Study, error) {
	s.pending = append(s.pending, o)
	unlock, err := lock(s.Path)
	if err != nil {
		st, _ := s.Load()
		return st, err
	}
	defer unlock()
	st, err := s.Load()
	var ue *UnreadableError
	if errors.As(err, &ue) {
		return st, err
	}
	st.Version = studyVersion
	b, merr := json.MarshalIndent(st, "", "  ")
	if merr != nil {
		return st, merr
	}
	if werr := config.WriteAtomic(s.Path, append(b, '\n')); werr != nil {
		return st, werr
	}
	s.pending = nil
	return st, err
}

// Unsaved is how many outcomes are only in memory.
func (s *StudyStore) Unsaved() int { return len(s.pending) }

// Due lists the notebook's problems in the order to redo them: the most
// missed first, then the oldest.
func (st *Study) Due() []*Mistake {
	out := append([]*Mistake(nil), st.Mistakes...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Missed != out[j].Missed {
			return out[i].Missed > out[j].Missed
		}
		return out[i].Added < out[j].Added
	})
	return out
}

// Known reports whether the catalog still has the mistake's formula.
func Known(cat *catalog.Catalog, m *Mistake) bool { return cat.Formula(m.Formula) != nil }
