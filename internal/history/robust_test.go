package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func entry(formula string, kv ...string) Entry {
	in := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		in[kv[i]] = kv[i+1]
	}
	return Entry{Time: time.Unix(1700000000, 0).UTC(), Formula: formula, Date: "2026-01-01", Inputs: in, ResultID: "payable", Result: "1.00"}
}

// Case 4: compaction in one program must not drop what another appends
// meanwhile.
func TestCompactionKeepsConcurrentAppends(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "history.jsonl"), Max: 2000}
	var buf bytes.Buffer
	for i := 0; i < 2100; i++ {
		b, _ := json.Marshal(entry("old", "n", strconv.Itoa(i)))
		buf.Write(append(b, '\n'))
	}
	if err := os.WriteFile(s.Path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	const n = 300
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the other TUI, opening its history again and again
		defer wg.Done()
		other := &Store{Path: s.Path, Max: s.Max}
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, _, err := other.Load(); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for i := 0; i < n; i++ {
		if err := s.Append(entry("new", "n", strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
		if i%10 == 0 {
			time.Sleep(time.Millisecond)
		}
	}
	close(done)
	wg.Wait()
	es, _, err := (&Store{Path: s.Path}).Load()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range es {
		if e.Formula == "new" {
			got[e.Inputs["n"]] = true
		}
	}
	if len(got) != n {
		t.Errorf("%d of %d appended records survived compaction", len(got), n)
	}
	if len(es) > s.Max+n {
		t.Errorf("never compacted: %d entries", len(es))
	}
}

// Case 5: after a torn append (a writer killed mid-line) the next record
// starts on a line of its own, and a record glued to a fragment by an older
// version is still read.
func TestTornAppend(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "history.jsonl"), Max: 2000}
	good, _ := json.Marshal(entry("vat.general", "sales", "1"))
	if err := os.WriteFile(s.Path, append(good, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(s.Path, os.O_APPEND|os.O_WRONLY, 0)
	f.Write(good[:len(good)/2]) // killed here
	f.Close()
	if err := s.Append(entry("iit.flat", "income", "2")); err != nil {
		t.Fatal(err)
	}
	es, bad, err := s.Load()
	if err != nil || bad != 1 || len(es) != 2 || es[0].Formula != "iit.flat" || es[1].Formula != "vat.general" {
		t.Fatalf("got %v, %d bad, %v", es, bad, err)
	}
	b, _ := os.ReadFile(s.Path)
	if lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"); len(lines) != 3 {
		t.Errorf("the append did not start a fresh line:\n%s", b)
	}

	// An older file where a record was glued to the fragment.
	glued := string(good[:len(good)/3]) + string(good) + "\n" + string(good[:10]) + "\n"
	if err := os.WriteFile(s.Path, []byte(glued), 0o600); err != nil {
		t.Fatal(err)
	}
	es, bad, err = s.Load()
	if err != nil || len(es) != 1 || bad != 2 {
		t.Errorf("glued record: got %v, %d bad, %v", es, bad, err)
	}
}

// A line longer than any buffer is skipped, not the end of the history.
func TestLongLine(t *testing.T) {
	s := &Store{Path: filepath.Join(t.TempDir(), "history.jsonl"), Max: 2000}
	good, _ := json.Marshal(entry("vat.general"))
	data := append(bytes.Repeat([]byte("x"), 3<<20), '\n')
	data = append(append(data, good...), '\n')
	os.WriteFile(s.Path, data, 0o600)
	es, bad, err := s.Load()
	if err != nil || len(es) != 1 || bad != 1 {
		t.Errorf("got %d entries, %d bad, %v", len(es), bad, err)
	}
}

// Case 12: the history holds salaries: created private, kept so.
func TestHistoryPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "cntax")
	s := &Store{Path: filepath.Join(dir, "history.jsonl"), Max: 2}
	if err := s.Append(entry("vat.general")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("history created %v, want 0600", st.Mode().Perm())
	}
	if d, _ := os.Stat(dir); runtime.GOOS != "windows" && d.Mode().Perm() != 0o700 {
		t.Errorf("state directory created %v, want 0700", d.Mode().Perm())
	}
	os.Chmod(s.Path, 0o640) // the user's choice survives compaction
	for i := 0; i < 3; i++ {
		s.Append(entry("vat.general"))
	}
	if es, _, _ := s.Load(); len(es) != 2 {
		t.Fatalf("not compacted: %d", len(es))
	}
	if es, _, _ := (&Store{Path: s.Path}).Load(); len(es) != 2 {
		t.Fatalf("compaction did not rewrite the file: %d", len(es))
	}
	if st, _ := os.Stat(s.Path); runtime.GOOS != "windows" && st.Mode().Perm() != 0o640 {
		t.Errorf("compaction changed the mode to %v", st.Mode().Perm())
	}
}

// Case 12: a symlinked history is followed (the link stays a link).
func TestHistorySymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "synced", "history.jsonl")
	os.MkdirAll(filepath.Dir(target), 0o700)
	link := filepath.Join(dir, "history.jsonl")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	s := &Store{Path: link, Max: 2}
	for i := 0; i < 4; i++ {
		if err := s.Append(entry("vat.general")); err != nil {
			t.Fatal(err)
		}
	}
	s.Load() // compacts through the link
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi, err)
	}
	if es, _, _ := (&Store{Path: target}).Load(); len(es) != 2 {
		t.Errorf("target holds %d entries, want 2", len(es))
	}
}

// crash-consistency: a child appends records and is killed (SIGKILL) at a
// random moment, again and again; every record whose append returned is
// kept, and no record is ever glued to a fragment. CNTAX_CRASH_LOOPS runs
// it longer by hand.
func TestCrashConsistency(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	loops := 20
	if n, err := strconv.Atoi(os.Getenv("CNTAX_CRASH_LOOPS")); err == nil {
		loops = n
	}
	path := filepath.Join(t.TempDir(), "history.jsonl")
	acked := map[string]bool{}
	rng := rand.New(rand.NewSource(1))
	torn := 0
	defer func() { t.Logf("%d kills, %d torn lines, %d records", loops, torn, len(acked)) }()
	for i := 0; i < loops; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriter$")
		cmd.Env = append(os.Environ(), "CNTAX_CRASH_WRITER="+path, "CNTAX_CRASH_ID="+strconv.Itoa(i))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// wait for a few acks, then kill at a random moment
		want := 1 + rng.Intn(4)
		for n := 0; n < want; n++ {
			l, ok := <-lines
			if !ok {
				t.Fatal("writer ended early")
			}
			acked[l] = true
		}
		time.Sleep(time.Duration(rng.Intn(3000)) * time.Microsecond)
		cmd.Process.Kill()
		for l := range lines {
			acked[l] = true // acknowledged before it died
		}
		cmd.Wait()

		es, bad, err := (&Store{Path: path}).Load()
		if err != nil {
			t.Fatal(err)
		}
		torn = bad
		have := map[string]bool{}
		for _, e := range es {
			have[e.Inputs["id"]+"/"+e.Inputs["seq"]] = true
		}
		for k := range acked {
			if !have[k] {
				t.Fatalf("loop %d: record %s was acknowledged and is lost", i, k)
			}
		}
		b, _ := os.ReadFile(path)
		for n, line := range bytes.Split(b, []byte("\n")) {
			if bytes.LastIndex(line, []byte(`{"time":`)) > 0 {
				t.Fatalf("loop %d: line %d glues a record to a fragment", i, n+1)
			}
		}
	}
}

// TestCrashWriter is the child of TestCrashConsistency: it appends large
// records (large writes are the ones a kill can tear) and acknowledges each.
func TestCrashWriter(t *testing.T) {
	path := os.Getenv("CNTAX_CRASH_WRITER")
	if path == "" {
		t.Skip("the child of TestCrashConsistency")
	}
	s := &Store{Path: path}
	id := os.Getenv("CNTAX_CRASH_ID")
	for seq := 0; ; seq++ {
		pad := strings.Repeat("9", (seq*7919)%(128<<10))
		if err := s.Append(entry("vat.general", "id", id, "seq", strconv.Itoa(seq), "pad", pad)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%s/%d\n", id, seq)
	}
}
