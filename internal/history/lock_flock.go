//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package history

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes the advisory lock on path (flock(2), released by the
// kernel if the program dies). Shared locks wait; an exclusive one is only
// tried: ok is false when another program holds the lock.
func lockFile(path string, exclusive bool) (unlock func(), ok bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		// Without the lock file nobody can compact: appending is safe.
		return func() {}, !exclusive, nil
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX | syscall.LOCK_NB
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, false, nil
		}
		if exclusive {
			return nil, false, nil // no locking here (some network file systems): never compact
		}
		return func() {}, true, nil // appending needs no lock when nobody compacts
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, true, nil
}
