// Package storetest opens throw-away stores for the tests of the packages
// built on storage: under the test's temp dir, checked (pages and every
// claim's offsets) and closed when the test ends.
package storetest

import (
	"path/filepath"
	"testing"

	"claimdesk/storage"
)

// Open returns a new empty store that is checked and closed at cleanup.
func Open(t testing.TB) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "claims.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Errorf("store check: %v", err)
		}
		s.Close()
	})
	return s
}
