package history

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestAppendLoadCorrupt(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "h", "history.jsonl"), Max: 3}
	for i := 0; i < 2; i++ {
		if err := s.Append(Entry{Time: time.Unix(int64(i), 0), Formula: "vat.general", Date: "2026-01-01", Inputs: map[string]string{"sales": "1"}}); err != nil {
			t.Fatal(err)
		}
	}
	f, _ := os.OpenFile(s.Path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("{not json\n\n")
	f.Close()
	s.Append(Entry{Time: time.Unix(9, 0), Formula: "iit.flat"})
	es, bad, err := s.Load()
	if err != nil || bad != 1 || len(es) != 3 || es[0].Formula != "iit.flat" {
		t.Fatalf("%v %d %v", es, bad, err)
	}
	for i := 0; i < 3; i++ {
		s.Append(Entry{Formula: "x"})
	}
	es, _, _ = s.Load()
	if len(es) != 3 {
		t.Fatalf("max not applied: %d", len(es))
	}
	es, bad, _ = s.Load() // compacted: the corrupt line is gone
	if len(es) != 3 || bad != 0 {
		t.Fatalf("after compaction %d %d", len(es), bad)
	}
}

func TestConcurrentAppend(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "history.jsonl")}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Append(Entry{Formula: "vat.general", Inputs: map[string]string{"sales": "113000"}})
		}()
	}
	wg.Wait()
	es, bad, err := s.Load()
	if err != nil || bad != 0 || len(es) != 50 {
		t.Fatalf("%d %d %v", len(es), bad, err)
	}
}

func TestMissingFile(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "none.jsonl")}
	es, bad, err := s.Load()
	if err != nil || bad != 0 || es != nil {
		t.Fatal(es, bad, err)
	}
}
