//go:build !unix

package payroll

import "time"

func cpuTime() time.Duration { return 0 }
