// Package history keeps every computation of the TUI in a JSON Lines file
// ($XDG_STATE_HOME/cntax/history.jsonl) so that the user can recall and
// re-run it. Each entry is one line written with a single append, so two
// programs writing at once cannot interleave within a line; a line that
// does not parse is skipped and reported, never fatal. The file is private
// (0600): it holds salaries.
package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/cntax/cntax/internal/config"
)

// Entry is one computation.
type Entry struct {
	Time     time.Time         `json:"time"`
	Formula  string            `json:"formula"`
	Date     string            `json:"date"`
	Inputs   map[string]string `json:"inputs"` // as typed
	ResultID string            `json:"result_id"`
	Result   string            `json:"result"`
	Note     string            `json:"note,omitempty"` // the user's, to tell entries apart
}

// MaxNote bounds a note (in bytes); a note is a reminder, not a file.
const MaxNote = 400

// Same says whether two entries are one record: all their fields agree.
func (e Entry) Same(o Entry) bool {
	if !e.Time.Equal(o.Time) || e.Formula != o.Formula || e.Date != o.Date || e.ResultID != o.ResultID ||
		e.Result != o.Result || e.Note != o.Note || len(e.Inputs) != len(o.Inputs) {
		return false
	}
	for k, v := range e.Inputs {
		if w, ok := o.Inputs[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Store is the history file.
type Store struct {
	Path string
	// Max entries kept; older ones are dropped when the file is compacted.
	Max int
}

// Open names the store under the state directory.
func Open(getenv config.Env) *Store {
	return &Store{Path: filepath.Join(config.StateDir(getenv), "history.jsonl"), Max: 2000}
}

// Append adds e as one line, with one write. The line starts fresh when
// the file does not end in a newline (a writer killed mid-line), so a torn
// record never takes the next one with it. Appends hold the shared side of
// the advisory lock, so compaction never runs between another program's
// read and its rename.
func (s *Store) Append(e Entry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
		return err
	}
	unlock, _, err := lockFile(s.lockPath(), false)
	if err != nil {
		return err
	}
	defer unlock()
	f, err := os.OpenFile(s.Path, os.O_APPEND|os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		var last [1]byte
		if _, err := f.ReadAt(last[:], st.Size()-1); err == nil && last[0] != '\n' {
			b = append([]byte{'\n'}, b...)
		}
	}
	_, werr := f.Write(append(b, '\n'))
	cerr := f.Close()
	if werr != nil {
		return werr
	}
	return cerr
}

func (s *Store) lockPath() string { return s.Path + ".lock" }

// ErrBusy: another program has held the history's lock for longer than a
// compaction takes; the entry was not written.
var ErrBusy = errors.New("the history is being rewritten by another cntax; this entry was not saved")

// lockWait is how long an append waits for a compaction to finish.
var lockWait = 2 * time.Second

// Load reads the entries, newest first. Lines that do not parse are
// skipped; bad counts them so the caller can warn.
func (s *Store) Load() (entries []Entry, bad int, err error) {
	entries, bad, err = s.read()
	if err != nil {
		return nil, bad, err
	}
	if s.Max > 0 && len(entries) > s.Max {
		entries = entries[:s.Max]
		s.compact()
	}
	return entries, bad, nil
}

func (s *Store) read() (entries []Entry, bad int, err error) {
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	// Lines are split by hand: a line longer than a scanner's buffer is
	// one bad line, not the end of the history.
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		e, ok, torn := parseLine(line)
		bad += torn
		if ok {
			entries = append(entries, e)
		}
	}
	slices.Reverse(entries)
	return entries, bad, nil
}

// recordStart begins every line Append writes (json.Marshal of Entry).
var recordStart = []byte(`{"time":`)

// parseLine reads one line. A line an older version glued to a torn
// fragment still holds a whole record after the fragment: it is kept, and
// the fragment counted as bad.
func parseLine(line []byte) (e Entry, ok bool, bad int) {
	if json.Unmarshal(line, &e) == nil && e.Formula != "" {
		return e, true, 0
	}
	for off := 1; off < len(line); {
		i := bytes.Index(line[off:], recordStart)
		if i < 0 {
			break
		}
		off += i
		var g Entry
		if json.Unmarshal(line[off:], &g) == nil && g.Formula != "" {
			return g, true, 1
		}
		off++
	}
	return Entry{}, false, 1
}

// compact rewrites the file with the newest entries only, atomically, under
// the exclusive lock; the file is read again under it, so nothing another
// program appended after our read is dropped. When the lock is held by a
// writer, or cannot be had on this system, the file is left as it is: it
// grows until a later run compacts it.
func (s *Store) compact() {
	unlock, ok, err := lockFile(s.lockPath(), true)
	if err != nil || !ok {
		return
	}
	defer unlock()
	entries, _, err := s.read()
	if err != nil || len(entries) <= s.Max {
		return
	}
	var buf bytes.Buffer
	for i := s.Max - 1; i >= 0; i-- {
		b, err := json.Marshal(entries[i])
		if err != nil {
			return
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	_ = config.WriteAtomic(s.Path, buf.Bytes())
}

// ErrGone: the entry is no longer in the file (another program deleted it
// or compacted it away); nothing was changed.
var ErrGone = errors.New("the entry is no longer in the history")

// ErrNoRewrite: this system offers no lock under which the file can be
// rewritten safely, so entries cannot be deleted or annotated here.
var ErrNoRewrite = errors.New("the history cannot be rewritten safely on this system")

// Delete removes the entry e (as loaded) from the file.
func (s *Store) Delete(e Entry) error { return s.rewrite(e, nil) }

// SetNote replaces e's note and returns the entry as now stored.
func (s *Store) SetNote(e Entry, note string) (Entry, error) {
	if len(note) > MaxNote {
		note = note[:MaxNote]
		for len(note) > 0 && !utf8.ValidString(note) {
			note = note[:len(note)-1]
		}
	}
	g := e
	g.Note = note
	return g, s.rewrite(e, &g)
}

// rewrite replaces the line holding e with repl (nil: drops it), with the
// same guarantees as compaction: under the exclusive lock, so that no
// append runs between the read and the rename; from the file read again
// under it, so that nothing another program appended is dropped; written
// atomically. Every other line is kept byte for byte, unreadable ones too.
// The exclusive lock is tried for as long as an append waits for one.
func (s *Store) rewrite(e Entry, repl *Entry) error {
	var unlock func()
	deadline := time.Now().Add(lockWait)
	for {
		u, ok, err := lockFile(s.lockPath(), true)
		if err != nil {
			return err
		}
		if ok {
			unlock = u
			break
		}
		if !lockable || time.Now().After(deadline) {
			if !lockable {
				return ErrNoRewrite
			}
			return ErrBusy
		}
		time.Sleep(5 * time.Millisecond)
	}
	defer unlock()
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return ErrGone
	}
	if err != nil {
		return err
	}
	var out bytes.Buffer
	done := false
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if t := bytes.TrimSpace(line); !done && len(t) > 0 {
			if g, ok, _ := parseLine(t); ok && g.Same(e) {
				done = true
				if repl != nil {
					nb, err := json.Marshal(repl)
					if err != nil {
						return err
					}
					out.Write(nb)
					out.WriteByte('\n')
				}
				continue
			}
		}
		out.Write(line)
		out.WriteByte('\n')
	}
	if !done {
		return ErrGone
	}
	return config.WriteAtomic(s.Path, out.Bytes())
}
