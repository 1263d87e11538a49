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

// Case 12: a damaged practice.json that is a symlink: the link stays, a
// copy of the damage is set aside, and the new record goes through the link.
func TestCorruptStatsSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "synced.json")
	os.WriteFile(target, []byte("{damaged"), 0o600)
	link := filepath.Join(dir, "practice.json")
	os.Symlink(target, link)
	store := &Store{Path: link}
	_, err := store.Record("vat.general", []float64{1}, "2026-11-22")
	var ce *CorruptError
	if !errors.As(err, &ce) {
		t.Fatalf("got %v", err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if b, _ := os.ReadFile(ce.Aside); string(b) != "{damaged" {
		t.Errorf("aside holds %q", b)
	}
	if st, err := (&Store{Path: target}).Load(); err != nil || st.Formulas["vat.general"] == nil {
		t.Errorf("the new record is not in the target: %v", err)
	}
}

// Case 12: the record file is created private.
func TestStatsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no unix modes")
	}
	path := filepath.Join(t.TempDir(), "cntax", "practice.json")
	store := &Store{Path: path}
	if _, err := store.Record("vat.general", []float64{1}, "2026-11-22"); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("created %v", st.Mode().Perm())
	}
}

// A write that fails keeps the problem in memory and saves it next time.
func TestStatsSaveFailsKept(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "practice.json")
	os.Mkdir(path+".blocker", 0o700)
	store := &Store{Path: filepath.Join(path+".blocker", "x", "practice.json")}
	os.WriteFile(filepath.Join(path+".blocker", "x"), []byte("a file, not a directory"), 0o600)
	if _, err := store.Record("vat.general", []float64{1}, "2026-11-22"); err == nil || store.Unsaved() != 1 {
		t.Fatalf("err %v, unsaved %d", err, store.Unsaved())
	}
	store.Path = path
	rec, err := store.Record("vat.general", []float64{1}, "2026-11-23")
	if err != nil || rec.Problems != 2 || store.Unsaved() != 0 {
		t.Fatalf("%+v %v %d", rec, err, store.Unsaved())
	}
}
