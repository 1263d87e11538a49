package practice

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/cntax/cntax/internal/config"
)

// A lock file beside a record serialises the read-change-write of two cntax
// processes (two terminals), so neither overwrites what the other just
// saved. It is a file created exclusively rather than flock(2) so that it
// works the same on every system and file system the state may live on.
const (
	lockWait  = 3 * time.Second
	lockStale = 30 * time.Second // a lock this old was left by a killed process
)

// ErrLocked: another process held the record for longer than lockWait.
var ErrLocked = errors.New("another cntax is writing it")

// lock takes path's lock and returns its release.
func lock(path string) (func(), error) {
	lp := path + ".lock"
	deadline := time.Now().Add(lockWait)
	for {
		err := config.WriteNew(lp, fmt.Appendf(nil, "%d\n", os.Getpid()))
		if err == nil {
			return func() { os.Remove(lp) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if st, serr := os.Stat(lp); serr == nil && time.Since(st.ModTime()) > lockStale {
			os.Remove(lp)
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s: %w", path, ErrLocked)
		}
		time.Sleep(15 * time.Millisecond)
	}
}
