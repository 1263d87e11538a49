package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// Case 12: created private, rewritten with the mode the user gave it.
func TestWriteAtomicMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "new", "practice.json")
	if err := WriteAtomic(p, []byte("1")); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("created %v, want 0600", st.Mode().Perm())
	}
	if st, _ := os.Stat(filepath.Dir(p)); st.Mode().Perm() != 0o700 {
		t.Errorf("directory created %v, want 0700", st.Mode().Perm())
	}
	os.Chmod(p, 0o640)
	if err := WriteAtomic(p, []byte("2")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o640 {
		t.Errorf("rewrite changed the mode to %v", st.Mode().Perm())
	}
}

// Case 12: a symlink is followed (target rewritten, link kept); one that
// leads nowhere is refused and left alone.
func TestWriteAtomicSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "synced", "practice.json")
	os.MkdirAll(filepath.Dir(target), 0o700)
	os.WriteFile(target, []byte("old"), 0o600)
	link := filepath.Join(dir, "practice.json")
	os.Symlink(target, link)
	if err := WriteAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced by a regular file")
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target holds %q", b)
	}
	dangling := filepath.Join(dir, "history.jsonl")
	os.Symlink(filepath.Join(dir, "gone", "x"), dangling)
	var le *LinkError
	if err := WriteAtomic(dangling, []byte("x")); !errors.As(err, &le) {
		t.Errorf("dangling link: %v", err)
	}
	if fi, _ := os.Lstat(dangling); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the dangling link was replaced")
	}
}

// Case 12: temporary files of a killed write go with the next write; a
// fresh one (another program writing now) and other files stay.
func TestStaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "practice.json")
	old := []string{".practice.json" + tmpMark + "123", ".practice.json.2837465"}
	keep := []string{".practice.json" + tmpMark + "999", ".practice.json.bak", "practice.json.corrupt-20260101-000000"}
	for _, n := range append(append([]string{}, old...), keep...) {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600)
	}
	long := time.Now().Add(-time.Hour)
	for _, n := range append(old, keep[1:]...) {
		os.Chtimes(filepath.Join(dir, n), long, long)
	}
	if err := WriteAtomic(p, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	for _, n := range old {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s left behind", n)
		}
	}
	for _, n := range keep {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed", n)
		}
	}
}

func TestWriteNew(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.md")
	if err := WriteNew(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteNew(p, []byte("two")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second write: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Errorf("overwritten: %q", b)
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}
