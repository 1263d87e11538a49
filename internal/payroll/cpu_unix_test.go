//go:build unix

package payroll

import (
	"syscall"
	"time"
)

// cpuTime is the process's user + system time: on a machine shared with
// other work the wall clock says little, the CPU a run used says more.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
