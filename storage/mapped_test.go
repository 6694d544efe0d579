package storage

import (
	"path/filepath"
	"testing"
)

// TestReleaseMappedOnAClosedStore: a window closing while its start-up
// ends gives back the pages of a store already closed, which maps none.
func TestReleaseMappedOnAClosedStore(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "claimdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseMapped(); err != nil {
		t.Errorf("ReleaseMapped on a closed store: %v", err)
	}
}
