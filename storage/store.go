package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Store is an open Claimdesk database. Its methods are safe for concurrent use.
type Store struct {
	db   *bolt.DB
	path string

	mu        sync.RWMutex
	listeners []func(Change)
}

// Options tune Open. The zero value is what the program uses.
type Options struct {
	// Timeout bounds the wait for another process's lock; 0 means one second.
	Timeout time.Duration
	// ReadOnly opens the file with a shared lock and refuses writes.
	ReadOnly bool
}

// Open opens or creates the database at path with mode 0600.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith opens or creates the database at path. A file held by another
// process yields ErrLocked within the timeout; a file that is not a
// Claimdesk database yields ErrNotClaimdesk.
func OpenWith(path string, opts Options) (s *Store, err error) {
	if opts.Timeout <= 0 {
		opts.Timeout = time.Second
	}
	if err := refuseForeignFile(path); err != nil {
		return nil, err
	}
	db, err := openBolt(path, opts)
	if err != nil {
		return nil, err
	}
	s = &Store{db: db, path: path}
	if opts.ReadOnly {
		return s, s.checkReadable()
	}
	if err := s.initialise(); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

func openBolt(path string, opts Options) (db *bolt.DB, err error) {
	// bbolt panics on some damaged files instead of returning an error; a
	// damaged file must give a message, never a crash.
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("%s: %w (damaged: %v)", path, ErrNotClaimdesk, r)
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout, ReadOnly: opts.ReadOnly})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("another claimdesk is using %s: %w", path, ErrLocked)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrNotClaimdesk, err)
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// refuseForeignFile keeps Open from touching a non-empty file that does not
// start like a bbolt file, e.g. an article passed by mistake as --db.
func refuseForeignFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 32)
	n, _ := f.Read(head)
	if n == 0 {
		return nil
	}
	const boltMagic = 0xED0CDAED
	if n < 20 || binary.LittleEndian.Uint32(head[16:20]) != boltMagic {
		return fmt.Errorf("%s: %w (the file is not a BoltDB database)", path, ErrNotClaimdesk)
	}
	return nil
}

// initialise creates every bucket, runs migrations and adds the default
// labels to a new store, all in one transaction.
func (s *Store) initialise() error {
	return s.update(func(tx *bolt.Tx) error {
		fresh := tx.Bucket(bucketMeta) == nil
		if !fresh && !looksLikeClaimdesk(tx) {
			return fmt.Errorf("%s: %w (no claimdesk schema version)", s.path, ErrNotClaimdesk)
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		if fresh {
			if err := seedLabels(tx); err != nil {
				return err
			}
		}
		return migrate(tx, s.path)
	})
}

func looksLikeClaimdesk(tx *bolt.Tx) bool {
	return tx.Bucket(bucketMeta).Get(keySchemaVersion) != nil
}

func (s *Store) checkReadable() error {
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) == nil || !looksLikeClaimdesk(tx) {
			return fmt.Errorf("%s: %w (no claimdesk schema version)", s.path, ErrNotClaimdesk)
		}
		return nil
	})
	if err != nil {
		_ = s.db.Close()
	}
	return err
}

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock.
func (s *Store) Close() error { return s.db.Close() }

// Check verifies the file's page structure and Claimdesk's own invariants:
// every index entry points at an annotation, every annotation fits its
// article's text with its quote, and uses an existing label.
func (s *Store) Check() error {
	return s.db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		errs = append(errs, checkRecords(tx)...)
		return errors.Join(errs...)
	})
}

func (s *Store) update(fn func(*bolt.Tx) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write to %s failed: %v", s.path, r)
		}
	}()
	return s.db.Update(fn)
}

func (s *Store) view(fn func(*bolt.Tx) error) error { return s.db.View(fn) }

func hasPrefix(k, prefix []byte) bool { return k != nil && bytes.HasPrefix(k, prefix) }
