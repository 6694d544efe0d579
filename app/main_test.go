package app

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// Imports, exports and indexing run on the test's goroutine, so the
	// tests see their results without racing the window.
	background = func(f func()) { f() }
	os.Exit(m.Run())
}
