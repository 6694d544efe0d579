package window

import (
	"os"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	// Imports, exports and indexing run on the test's goroutine, so the
	// tests see their results without racing the window.
	background = func(f func()) { f() }
	later = func(_ time.Duration, f func()) { timers = append(timers, f) }
	os.Exit(m.Run())
}

// timers holds what the window scheduled with later, in order.
var timers []func()

// fireTimers runs every scheduled function as if its time had come.
func fireTimers() {
	for len(timers) > 0 {
		f := timers[0]
		timers = timers[1:]
		f()
	}
}
