package practice

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cntax/cntax/internal/date"
	"github.com/cntax/cntax/internal/engine"
	"github.com/cntax/cntax/internal/i18n"
)

func outcome(f string, sales int, right bool, day string) Outcome {
	return Outcome{Formula: f, Date: "2026-11-22", Inputs: map[string]string{"sales": fmt.Sprint(sales)}, Right: right, Day: day}
}

// A miss enters the notebook; right on one day is not enough, right on a
// second day takes it out; a miss in between starts the count again.
func TestNotebookLeavesAfterTwoDays(t *testing.T) {
	st := newStudy()
	st.Apply(outcome("vat.general", 100, false, "2026-11-22"))
	st.Apply(outcome("vat.general", 200, true, "2026-11-22")) // another problem: not in it
	if len(st.Mistakes) != 1 || st.Mistakes[0].Missed != 1 {
		t.Fatalf("notebook %+v", st.Mistakes)
	}
	st.Apply(outcome("vat.general", 100, true, "2026-11-22"))
	st.Apply(outcome("vat.general", 100, true, "2026-11-22")) // the same day again
	if len(st.Mistakes) != 1 {
		t.Fatal("left after right answers on one day")
	}
	st.Apply(outcome("vat.general", 100, false, "2026-11-23"))
	st.Apply(outcome("vat.general", 100, true, "2026-11-24"))
	if len(st.Mistakes) != 1 || st.Mistakes[0].Missed != 2 {
		t.Fatalf("a miss did not start the count again: %+v", st.Mistakes)
	}
	st.Apply(outcome("vat.general", 100, true, "2026-11-25"))
	if len(st.Mistakes) != 0 {
		t.Fatalf("still in the notebook after right answers on two days: %+v", st.Mistakes[0])
	}
}

// A mistake replays as the very problem that was missed, on its date.
func TestReplayExact(t *testing.T) {
	eng, cats, err := engine.Default()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(5))
	c := cats[i18n.ZH]
	for _, id := range []string{"vat.general", "iit.wage_cumulative", "cit.small_low_profit"} {
		f := eng.Cat.Formula(id)
		if f == nil {
			continue
		}
		d := date.MustParse("2019-06-30")
		p, err := Generate(eng, f, d, rng)
		if err != nil {
			t.Fatal(err)
		}
		st := newStudy()
		st.Apply(OutcomeOf(p, []float64{1, 0}, today))
		q, err := Replay(eng, st.Mistakes[0])
		if err != nil {
			t.Fatal(err)
		}
		if q.Date != d || q.Statement(c) != p.Statement(c) || len(q.Questions()) != len(p.Questions()) {
			t.Fatalf("%s replays differently:\n%s\n%s", id, p.Statement(c), q.Statement(c))
		}
		for i := range p.Questions() {
			if q.Questions()[i].Text(c) != p.Questions()[i].Text(c) {
				t.Errorf("%s step %d: %s, was %s", id, i+1, q.Questions()[i].Text(c), p.Questions()[i].Text(c))
			}
		}
	}
}

// Saved private, read back, versioned.
func TestStudyStoreRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "study.json")
	s := &StudyStore{Path: path}
	if _, err := s.Record(outcome("vat.general", 1, false, "2026-11-22")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", fi.Mode(), err)
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), `"version": 1`) {
		t.Errorf("no version:\n%s", b)
	}
	st, err := (&StudyStore{Path: path}).Load()
	if err != nil || len(st.Mistakes) != 1 || st.Boxes["vat.general"].Box != 1 {
		t.Fatalf("%+v %v", st, err)
	}
	if _, err := os.Stat(path + ".lock"); !os.IsNotExist(err) {
		t.Error("the lock was not released")
	}
}

// Two processes (two stores on one file) recording at once lose nothing.
func TestStudyStoreTwoProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "study.json")
	var wg sync.WaitGroup
	const n = 25
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s := &StudyStore{Path: path}
			for i := 0; i < n; i++ {
				if _, err := s.Record(outcome("vat.general", w*1000+i, false, "2026-11-22")); err != nil {
					t.Error(err)
				}
			}
		}(w)
	}
	wg.Wait()
	st, err := (&StudyStore{Path: path}).Load()
	if err != nil || len(st.Mistakes) != 2*n {
		t.Fatalf("%d mistakes kept of %d (%v)", len(st.Mistakes), 2*n, err)
	}
}

// A damaged file is set aside and reported, a newer one left alone, an
// unreadable one never written over; a stale lock does not block.
func TestStudyStoreDamage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "study.json")
	for _, bad := range []string{"{not json", `{"version": 0}`, `{"version": 1, "mistakes": [null]}`} {
		os.WriteFile(path, []byte(bad), 0o600)
		st, err := (&StudyStore{Path: path}).Record(outcome("vat.general", 1, false, "2026-11-22"))
		var ce *CorruptError
		if !errors.As(err, &ce) || len(st.Mistakes) != 1 {
			t.Fatalf("%q: %v", bad, err)
		}
		if b, _ := os.ReadFile(ce.Aside); string(b) != bad {
			t.Errorf("%q not kept aside: %q", bad, b)
		}
		os.Remove(ce.Aside)
	}
	newer := `{"version": 9, "mistakes": []}`
	os.WriteFile(path, []byte(newer), 0o600)
	s := &StudyStore{Path: path}
	_, err := s.Record(outcome("vat.general", 1, false, "2026-11-22"))
	var ne *NewerError
	if !errors.As(err, &ne) || s.Unsaved() != 1 {
		t.Fatalf("newer file: %v (unsaved %d)", err, s.Unsaved())
	}
	if b, _ := os.ReadFile(path); string(b) != newer {
		t.Errorf("newer file written over: %s", b)
	}
	os.WriteFile(path, []byte(`{"version": 1}`), 0o600)
	unreadable(t, path)
	if _, err := s.Record(outcome("vat.general", 2, false, "2026-11-22")); err == nil || s.Unsaved() != 2 {
		t.Fatalf("unreadable: %v", err)
	}
	readFile = os.ReadFile
	// a lock left by a killed process, long ago
	os.WriteFile(path+".lock", []byte("1\n"), 0o600)
	old := date.MustParse("2020-01-01").Time()
	os.Chtimes(path+".lock", old, old)
	st, err := s.Record(outcome("vat.general", 3, false, "2026-11-22"))
	if err != nil || len(st.Mistakes) != 3 || s.Unsaved() != 0 {
		t.Fatalf("after the fix: %d mistakes, %v", len(st.Mistakes), err)
	}
}

// practice.json too: two processes recording at once lose no problem.
func TestStatsStoreTwoProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "practice.json")
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := &Store{Path: path}
			for i := 0; i < 25; i++ {
				if _, err := s.Record("vat.general", []float64{1}, "2026-11-22"); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	st, err := (&Store{Path: path}).Load()
	if err != nil || st.Formulas["vat.general"].Problems != 50 {
		t.Fatalf("%+v %v", st.Formulas["vat.general"], err)
	}
}
