package storage

import (
	"bytes"
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
	db       *bolt.DB
	path     string
	readOnly bool

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

// DefaultTimeout is how long Open waits for another process's lock.
const DefaultTimeout = time.Second

// Open opens or creates the database at path with mode 0600.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith opens or creates the database at path. A file held by another
// process yields an error matching ErrLocked ("another claimdesk is using
// PATH") within the timeout; a file that is not a Claimdesk database, or is
// damaged beyond opening, yields one matching ErrNotClaimdesk; a file from
// a newer Claimdesk is refused. A file damaged inside can still open: Check
// finds the damage, and reads that meet it return errors matching ErrDamaged.
func OpenWith(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if err := preflight(path); err != nil {
		return nil, err
	}
	db, err := openBolt(path, opts)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, readOnly: opts.ReadOnly}
	if opts.ReadOnly {
		err = s.checkReadable()
	} else {
		err = s.initialise()
	}
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

func openBolt(path string, opts Options) (*bolt.DB, error) {
	// When bbolt panics inside Open it leaves its file open, and with it the
	// lock; the hook keeps the file so it can be closed here.
	var file *os.File
	bopts := &bolt.Options{
		Timeout:         opts.Timeout,
		ReadOnly:        opts.ReadOnly,
		PreLoadFreelist: true, // read the freelist now, shielded, not later on bbolt's own goroutine
		OpenFile: func(name string, flag int, mode os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, mode)
			file = f
			return f, err
		},
	}
	var db *bolt.DB
	crash, err := shielded(func() (err error) {
		db, err = bolt.Open(path, 0o600, bopts)
		return err
	})
	switch {
	case crash != nil:
		if file != nil {
			_ = file.Close()
		}
		return nil, notClaimdesk(path, fmt.Sprintf("damaged: %v", crash))
	case errors.Is(err, berrors.ErrTimeout):
		return nil, lockedError{path}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, notClaimdesk(path, err.Error())
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// initialise creates every bucket, runs migrations and adds the default
// labels to a new store, all in one transaction. A file that holds buckets
// but not Claimdesk's is another program's database and is left alone. A
// store that is current needs no write, and no fsync, to open.
func (s *Store) initialise() error {
	current := false
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) == nil {
			return nil
		}
		v, err := schemaVersion(tx, s.path)
		current = err == nil && v == SchemaVersion && hasAllBuckets(tx)
		return err
	})
	if err != nil || current {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		fresh := tx.Bucket(bucketMeta) == nil
		if fresh && hasBuckets(tx) {
			return notClaimdesk(s.path, "a BoltDB file of another program")
		}
		if !fresh {
			if _, err := schemaVersion(tx, s.path); err != nil {
				return err
			}
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

func hasAllBuckets(tx *bolt.Tx) bool {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return false
		}
	}
	return true
}

func hasBuckets(tx *bolt.Tx) bool {
	k, _ := tx.Cursor().First()
	return k != nil
}

// checkReadable accepts a read-only store only when this build can read it
// as it is: read-only means no migration can run.
func (s *Store) checkReadable() error {
	return s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) == nil {
			return notClaimdesk(s.path, "no claimdesk schema version")
		}
		v, err := schemaVersion(tx, s.path)
		if err == nil && v != SchemaVersion {
			err = fmt.Errorf("%s is at schema %d and needs migrating to %d: open it once for writing", s.path, v, SchemaVersion)
		}
		if err == nil && !hasAllBuckets(tx) {
			err = notClaimdesk(s.path, "a bucket is missing")
		}
		return err
	})
}

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock.
func (s *Store) Close() error { return s.db.Close() }

func hasPrefix(k, prefix []byte) bool { return k != nil && bytes.HasPrefix(k, prefix) }
