package storage

import (
	"errors"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ReleaseMapped gives back the pages of the store's file that reading it
// brought into the process: bbolt reads the file through a memory map,
// and a window that read every claim at start-up (its search index, its
// suggestions) kept the whole file resident for good (a million claims:
// 320 MB), though it reads little of it again. The pages stay in the
// system's cache and are mapped again, without reading the disk, when a
// read needs them. It runs in a read transaction, which bbolt never remaps
// the file under. A closed store maps nothing, and has nothing to give.
func (s *Store) ReleaseMapped() error {
	err := s.db.View(func(tx *bolt.Tx) error {
		return releaseMapped(s.db.Info().Data, tx.Size())
	})
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return nil
	}
	return err
}
