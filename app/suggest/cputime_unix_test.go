//go:build unix

package suggest

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used, all threads together:
// unlike wall time, it does not grow while other programs hold the cores.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
