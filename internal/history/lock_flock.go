//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package history

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// lockFile takes the advisory lock on path (flock(2), released by the
// kernel if the program dies). An exclusive lock is only tried: ok is false
// when another program holds the lock. A shared one waits, but not for
// ever: a compaction takes milliseconds, and a program stopped in the
// middle of one must not freeze every other (then ErrBusy).
// lockable: an exclusive lock can be had on this system at all.
const lockable = true

func lockFile(path string, exclusive bool) (unlock func(), ok bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		// Without the lock file nobody can compact: appending is safe.
		return func() {}, !exclusive, nil
	}
	how := syscall.LOCK_SH | syscall.LOCK_NB
	if exclusive {
		how = syscall.LOCK_EX | syscall.LOCK_NB
	}
	deadline := time.Now().Add(lockWait)
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if !exclusive && errors.Is(err, syscall.EWOULDBLOCK) && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		break
	}
	if err != nil {
		f.Close()
		switch {
		case exclusive:
			return nil, false, nil // busy, or no locking on this file system: do not compact
		case errors.Is(err, syscall.EWOULDBLOCK):
			return nil, false, ErrBusy
		}
		return func() {}, true, nil // no locking here: nobody can compact, appending is safe
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, true, nil
}
