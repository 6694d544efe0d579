package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"claimdesk/storage"
)

// DefaultDBPath is where the store lives when neither --db nor CLAIMDESK_DB
// says: $XDG_DATA_HOME/claimdesk/claimdesk.db, else ~/.local/share/….
func DefaultDBPath(getenv func(string) string) (string, error) {
	if dir := getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "claimdesk", "claimdesk.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", errors.New("cannot tell where to keep the database: set --db or CLAIMDESK_DB")
		}
	}
	return filepath.Join(home, ".local", "share", "claimdesk", "claimdesk.db"), nil
}

// ResolveDBPath picks the store: the flag, then CLAIMDESK_DB, then the default.
func ResolveDBPath(flagValue string, getenv func(string) string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := getenv("CLAIMDESK_DB"); env != "" {
		return env, nil
	}
	return DefaultDBPath(getenv)
}

func openStore(env *Env, flagValue string, readOnly bool) (*storage.Store, error) {
	path, err := ResolveDBPath(flagValue, env.Getenv)
	if err != nil {
		return nil, err
	}
	return openStoreAt(path, readOnly, env.Stderr)
}

// openStoreAt opens the store at path. A read-only open is for commands
// that only read, which must not leave an empty store behind; any other
// creates the folder the store goes in. A store of an older Claimdesk is
// migrated, and stderr told where the store as it was is kept.
func openStoreAt(path string, readOnly bool, stderr io.Writer) (*storage.Store, error) {
	if readOnly {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s (import something first, or pass --db)", path)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create the folder for %s: %w", path, err)
	}
	s, err := storage.OpenWith(path, storage.Options{ReadOnly: readOnly})
	if readOnly && errors.Is(err, storage.ErrNeedsMigration) {
		// A store of an older Claimdesk: migrate it (one transaction), then
		// read it as asked.
		migrated, err := storage.Open(path)
		if err != nil {
			return nil, err
		}
		if err := migrated.Close(); err != nil {
			return nil, err
		}
		tellKept(stderr, migrated)
		return storage.OpenWith(path, storage.Options{ReadOnly: true})
	}
	if err == nil {
		tellKept(stderr, s)
	}
	return s, err
}

// tellKept says where the store as it was is kept, when opening s
// migrated it.
func tellKept(stderr io.Writer, s *storage.Store) {
	if kept := s.MigrationBackup(); kept != "" {
		fmt.Fprintf(stderr, "claimdesk: %s was migrated to this version's schema; the store as it was, for an older Claimdesk, is kept in %s\n", s.Path(), kept)
	}
}
