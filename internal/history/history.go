// Package history keeps every computation of the TUI in a JSON Lines file
// ($XDG_STATE_HOME/cntax/history.jsonl) so that the user can recall and
// re-run it. Each entry is one line written with a single append, so two
// programs writing at once cannot interleave within a line; a line that
// does not parse is skipped and reported, never fatal.
package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

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

// Append adds e as one line.
func (s *Store) Append(e Entry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(s.Path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(append(b, '\n'))
	cerr := f.Close()
	if werr != nil {
		return werr
	}
	return cerr
}

// Load reads the entries, newest first. Lines that do not parse are
// skipped; bad counts them so the caller can warn.
func (s *Store) Load() (entries []Entry, bad int, err error) {
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var e Entry
		if json.Unmarshal(line, &e) != nil || e.Formula == "" {
			bad++
			continue
		}
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, bad, fmt.Errorf("reading %s: %w", s.Path, err)
	}
	for i, j := 0, len(entries)-1; i < j; i, j = i+1, j-1 {
		entries[i], entries[j] = entries[j], entries[i]
	}
	if s.Max > 0 && len(entries) > s.Max {
		entries = entries[:s.Max]
		s.compact(entries)
	}
	return entries, bad, nil
}

// compact rewrites the file with the newest entries only, atomically.
func (s *Store) compact(newest []Entry) {
	var buf bytes.Buffer
	for i := len(newest) - 1; i >= 0; i-- {
		b, err := json.Marshal(newest[i])
		if err != nil {
			return
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	_ = config.WriteAtomic(s.Path, buf.Bytes())
}
