package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// migrationBackupPath is where the store at path is kept as it was at
// schema version before a migration: beside it, named for the schema the
// Claimdesk that wrote it reads.
func migrationBackupPath(path string, version int) string {
	return fmt.Sprintf("%s.schema%d.bak", path, version)
}

// keepBeforeMigrating copies the store, as it is at schema version, to
// migrationBackupPath before a migration rewrites it: a store migrated is
// not for the previous Claimdesk any more (it would call the new records
// damaged), the copy is. The copy is made once: a migration killed midway
// and resumed finds it and leaves it, since the store is half-converted
// by then. It is written to a temporary name, synced and renamed, so that
// a kill leaves no partial copy under its name. A copy that cannot be
// written stops the migration: the store stays as it was.
func (s *Store) keepBeforeMigrating(version int) error {
	backup := migrationBackupPath(s.path, version)
	switch _, err := os.Stat(backup); {
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("keep a copy of %s before migrating it: %w", s.path, err)
	}
	tmp := backup + ".part"
	err := s.writeCopy(tmp)
	if err == nil {
		err = os.Rename(tmp, backup)
	}
	if err == nil {
		err = syncDir(filepath.Dir(backup))
	}
	if err != nil {
		_ = os.Remove(tmp) // what a failed copy left: the store itself is untouched
		return fmt.Errorf("keep a copy of %s at schema %d before migrating it (nothing was changed; free some space, or copy the file elsewhere by hand, and open it again): %w", s.path, version, err)
	}
	s.backup = backup
	return nil
}

// writeCopy writes a consistent copy of the store's file to path and
// syncs it.
func (s *Store) writeCopy(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	err = s.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// MigrationBackup is the copy of the store as it was before this open
// migrated it, "" when this open migrated nothing.
func (s *Store) MigrationBackup() string { return s.backup }
