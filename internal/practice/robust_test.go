package practice

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// unreadable makes path unreadable for the test, as chmod 000 or a file
// owned by root (after sudo cntax) does; chmod cannot stop root itself.
func unreadable(t *testing.T, path string) {
	t.Helper()
	old := readFile
	readFile = func(p string) ([]byte, error) {
		if p == path {
			return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission}
		}
		return old(p)
	}
	t.Cleanup(func() { readFile = old })
}

// Case 3: an unreadable record file is never written over: finishing a
// problem keeps it as it was and keeps the session's record in memory.
func TestUnreadableStatsKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.json")
	before := []byte(`{"formulas": {"vat.general": {"problems": 7, "steps": 14, "steps_right": 12, "streak": 1, "best_streak": 3}}}` + "\n")
	os.WriteFile(path, before, 0o600)
	unreadable(t, path)
	store := &Store{Path: path}
	for i := 0; i < 2; i++ { // finishing two problems
		rec, err := store.Record("vat.general", []float64{1, 1}, "2026-11-22")
		var ue *UnreadableError
		if !errors.As(err, &ue) || !errors.Is(err, fs.ErrPermission) {
			t.Fatalf("error %v, want an UnreadableError for permission", err)
		}
		if rec == nil || rec.Problems != i+1 {
			t.Fatalf("the session's record is not kept: %+v", rec)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != string(before) {
		t.Fatalf("the unreadable file was written over:\n%s", b)
	}
	if st, _ := store.Load(); st.Formulas["vat.general"].Problems != 2 {
		t.Errorf("the session's records are not shown: %+v", st.Formulas["vat.general"])
	}
	// Readable again (the user fixed the owner): nothing is lost, old or new.
	readFile = os.ReadFile
	rec, err := store.Record("vat.general", []float64{1, 0}, "2026-11-23")
	if err != nil || rec.Problems != 10 || rec.Steps != 20 || store.Unsaved() != 0 {
		t.Fatalf("after the fix: %+v %v (unsaved %d)", rec, err, store.Unsaved())
	}
	if st, err := (&Store{Path: path}).Load(); err != nil || st.Formulas["vat.general"].Problems != 10 {
		t.Errorf("saved: %+v %v", st.Formulas["vat.general"], err)
	}
}

// Case 3 with a real permission (not as root, who reads anything).
func TestUnreadableStatsChmod(t *testing.T) {
	if os.Geteuid() == 0 || runtime.GOOS == "windows" {
		t.Skip("root reads any file; windows has no chmod 000")
	}
	path := filepath.Join(t.TempDir(), "practice.json")
	os.WriteFile(path, []byte(`{"formulas": {}}`), 0o600)
	os.Chmod(path, 0)
	defer os.Chmod(path, 0o600)
	store := &Store{Path: path}
	if _, err := store.Record("vat.general", []float64{1}, "2026-11-22"); !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("got %v", err)
	}
	os.Chmod(path, 0o600)
	if b, _ := os.ReadFile(path); string(b) != `{"formulas": {}}` {
		t.Errorf("written over: %s", b)
	}
}
