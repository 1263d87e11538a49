package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func testEntry(i int) Entry {
	return Entry{Time: time.Unix(int64(i), 0), Formula: "vat.general", Date: "2026-01-01",
		Inputs: map[string]string{"sales": fmt.Sprint(i)}, ResultID: "payable", Result: fmt.Sprint(i)}
}

// Deleting one entry keeps every other line as it was, an unreadable one
// too, and the file private.
func TestDelete(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "history.jsonl"), Max: 100}
	for i := range 3 {
		if err := s.Append(testEntry(i)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			f, _ := os.OpenFile(s.Path, os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString("{torn\n")
			f.Close()
		}
	}
	es, bad, _ := s.Load()
	if len(es) != 3 || bad != 1 {
		t.Fatalf("%d %d", len(es), bad)
	}
	if err := s.Delete(es[1]); err != nil {
		t.Fatal(err)
	}
	es, bad, _ = s.Load()
	if len(es) != 2 || bad != 1 || es[0].Result != "2" || es[1].Result != "0" {
		t.Fatalf("after delete: %+v %d", es, bad)
	}
	if err := s.Delete(testEntry(1)); !errors.Is(err, ErrGone) {
		t.Errorf("deleting it again: %v", err)
	}
	if st, _ := os.Stat(s.Path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode())
	}
	b, _ := os.ReadFile(s.Path)
	if !strings.Contains(string(b), "{torn\n") {
		t.Errorf("the unreadable line was not kept:\n%s", b)
	}
}

func TestSetNote(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "history.jsonl")}
	s.Append(testEntry(1))
	s.Append(testEntry(2))
	es, _, _ := s.Load()
	g, err := s.SetNote(es[1], "三月 · client A")
	if err != nil || g.Note != "三月 · client A" {
		t.Fatal(g, err)
	}
	es, _, _ = s.Load()
	if es[1].Note != "三月 · client A" || es[0].Note != "" || !es[1].Same(g) {
		t.Fatalf("%+v", es)
	}
	// A stale entry (its note changed meanwhile) is not found.
	if _, err := s.SetNote(testEntry(1), "x"); !errors.Is(err, ErrGone) {
		t.Errorf("stale: %v", err)
	}
	g, _ = s.SetNote(es[0], strings.Repeat("税", MaxNote))
	if len(g.Note) > MaxNote || !strings.HasPrefix(g.Note, "税税") || strings.ContainsRune(g.Note, '\uFFFD') {
		t.Errorf("long note: %d bytes", len(g.Note))
	}
}

// Deleting while other writers append: the rewrite holds the exclusive
// lock from its read to its rename, so no append is lost.
func TestDeleteKeepsConcurrentAppends(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "history.jsonl")}
	const n = 20
	for i := range n {
		s.Append(testEntry(i))
	}
	var wg sync.WaitGroup
	var failed int
	var mu sync.Mutex
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				if err := s.Append(testEntry(1000 + w*100 + i)); err != nil {
					mu.Lock()
					failed++
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		if err := s.Delete(testEntry(i)); err != nil {
			t.Errorf("delete %d: %v", i, err)
		}
	}
	wg.Wait()
	es, bad, err := s.Load()
	if err != nil || bad != 0 || len(es) != 100-failed || failed > 0 {
		t.Fatalf("%d entries (%d appends failed), %d bad, %v", len(es), failed, bad, err)
	}
}
