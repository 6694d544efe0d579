package search

import (
	"runtime"
	"sync"
)

// claimsBetweenChecks is how many claims a reader of every claim (Load,
// SearchStore) reads between asking whether to stop or pause: often
// enough to answer within a few milliseconds, rarely enough that asking
// costs nothing measurable.
const claimsBetweenChecks = 4096

// checkpoint counts the claims a reader reads, and says when it is due to
// check again.
type checkpoint int

func (c *checkpoint) due() bool {
	*c++
	return *c%claimsBetweenChecks == 0
}

// Hold pauses a running Load between claims until release is called, and
// holds back a Load that starts meanwhile: on two cores a search of the
// store beside the index's read took as long as both one after the other,
// and the window's palette wants its answer first. Hold waits until each
// of Load's readers is between claims (at most claimsBetweenChecks
// claims), so call it off the UI goroutine; it returns at once when no
// Load runs. Holds are taken one at a time. A held Load keeps its read
// transactions open: a commit that must grow the file waits for release.
func (ix *Index) Hold() (release func()) {
	ix.loadGate.Lock()
	if ix.Loading() {
		// Load allocates its records in one piece, and the collection
		// that starts marks them all. Beside a held reader on two cores
		// that collection took 0.5 s, and the reader, its pointer writes
		// slowed by the collection's barriers, twice its time (a search of
		// a million claims 0.99 s against 0.44 s). Run it out now, with the
		// cores free: 8–70 ms.
		runtime.GC()
	}
	var once sync.Once
	return func() { once.Do(ix.loadGate.Unlock) }
}
