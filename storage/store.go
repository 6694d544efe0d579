package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"claimdesk/storage/boltfile"
)

// Store is an open Claimdesk database. Its methods are safe for concurrent use.
type Store struct {
	db       *bolt.DB
	path     string
	readOnly bool

	mu        sync.RWMutex
	listeners []func(Change)

	// damage is the first damage any transaction or Check met: from then
	// on the store refuses writes, which could spread it.
	damage atomic.Pointer[error]

	backup string // the copy kept before this open migrated the store
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
	if err := boltfile.Preflight(path); err != nil {
		return nil, refused(path, err)
	}
	if !opts.ReadOnly {
		if problems, marked := markedDamaged(path); marked {
			return nil, writesRefused(path, problems)
		}
	}
	if opts.ReadOnly {
		// bbolt would try to write a new database into it and fail with a
		// bare "bad file descriptor".
		if info, err := os.Stat(path); err == nil && info.Size() == 0 {
			return nil, notClaimdesk(path, "an empty file, 0 bytes: a command that writes, such as import, makes it a new store")
		}
	}
	db, err := openCurrentFile(path, opts)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, readOnly: opts.ReadOnly}
	if opts.ReadOnly {
		err = s.checkReadable()
	} else {
		err = s.checkWritable()
		if err == nil {
			err = s.initialise()
		}
	}
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// checkWritable refuses to write to a store whose meta pages, freelist or
// bucket roots are damaged (boltfile.QuickCheck): bbolt would write through
// them and spread the damage, or write over the last commit it lost. It
// runs under the lock, so no other process is midway through a commit.
func (s *Store) checkWritable() error {
	if problems := boltfile.QuickCheck(s.path); len(problems) > 0 {
		return writesRefused(s.path, problemList(problems))
	}
	return nil
}

// writesRefused says a store is damaged and will not be written, and what
// to do.
func writesRefused(path string, damage error) error {
	return fmt.Errorf("%s: %w, so claimdesk will not write to it:\n%s\n"+
		"`claimdesk check --db %s` tells all that is wrong; `claimdesk recover %s NEW.db` copies what can be read into a new store",
		path, ErrDamaged, indent(damage.Error()), path, path)
}

func indent(text string) string {
	return "  " + strings.ReplaceAll(text, "\n", "\n  ")
}

// allocSize is how far ahead of its data the file grows: bbolt's 16 MB
// would be more than the whole of a store of 100,000 claims.
const allocSize = 2 << 20

// openCurrentFile is openBolt, made sure the lock it got is on the file
// now at path: a Compact that held the lock may have renamed a new file
// over the one opened while waiting, and writing into the old one, now
// nameless, would lose every write. Then the new file is opened.
func openCurrentFile(path string, opts Options) (*bolt.DB, error) {
	for {
		db, file, err := openBolt(path, opts)
		if err != nil {
			return nil, err
		}
		held, herr := file.Stat()
		named, nerr := os.Stat(path)
		if herr != nil || nerr != nil || os.SameFile(held, named) {
			return db, nil
		}
		if err := db.Close(); err != nil {
			return nil, err
		}
	}
}

func openBolt(path string, opts Options) (*bolt.DB, *os.File, error) {
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
		if err == nil {
			db.AllocSize = allocSize
		}
		return err
	})
	switch {
	case crash != nil:
		if file != nil {
			_ = file.Close()
		}
		return nil, nil, notClaimdesk(path, fmt.Sprintf("damaged: %v", crash))
	case errors.Is(err, berrors.ErrTimeout):
		return nil, nil, lockedError{path}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, nil, notClaimdesk(path, err.Error())
	case err != nil:
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, file, nil
}

// initialise creates every bucket, runs migrations and adds the default
// labels to a new store, all in one transaction. A file that holds buckets
// but not Claimdesk's is another program's database and is left alone. A
// store that is current needs no write, and no fsync, to open.
func (s *Store) initialise() error {
	current, version := false, -1
	err := s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) == nil {
			return nil
		}
		v, err := schemaVersion(tx, s.path)
		if err == nil {
			err = s.bucketsDamaged(tx, v)
		}
		current, version = err == nil && v == SchemaVersion, v
		return err
	})
	if err != nil || current {
		return err
	}
	if version >= 0 {
		if err := s.keepBeforeMigrating(version); err != nil {
			return err
		}
	}
	if version == 2 {
		// Before the migration's one transaction, which then has only the
		// summaries to count: a million claims rewritten in one
		// transaction would hold them all in memory.
		if err := s.convertClaimsToBinary(); err != nil {
			return err
		}
	}
	return s.update(func(tx *bolt.Tx) error {
		fresh := tx.Bucket(bucketMeta) == nil
		if fresh && hasBuckets(tx) {
			return s.withoutMeta(tx)
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

// checkReadable accepts a read-only store only when this build can read it
// as it is: read-only means no migration can run.
func (s *Store) checkReadable() error {
	return s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta) == nil {
			if hasBuckets(tx) {
				return s.withoutMeta(tx)
			}
			return notClaimdesk(s.path, "no claimdesk schema version")
		}
		v, err := schemaVersion(tx, s.path)
		if err == nil {
			err = s.bucketsDamaged(tx, v)
		}
		if err == nil && v != SchemaVersion {
			err = fmt.Errorf("%s is at schema %d and %w to %d: open it once for writing", s.path, v, ErrNeedsMigration, SchemaVersion)
		}
		return err
	})
}

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock.
func (s *Store) Close() error { return s.db.Close() }

// Bucket names. Keys of articles and claims are 8-byte big-endian ids so
// that cursors walk in id order; the index bucket's keys are
// article-id|claim-id, so one article's claims are one prefix scan. The
// claims' buckets keep their first names, "annotations" and
// "article_annotations", so stores made before the code said "claim" open
// unchanged.
var (
	bucketArticles = []byte("articles")
	bucketClaims   = []byte("annotations")
	bucketIndex    = []byte("article_annotations")
	bucketHashes   = []byte("article_hashes")
	bucketLabels   = []byte("labels")
	bucketMeta     = []byte("meta")
	allBuckets     = [][]byte{bucketArticles, bucketClaims, bucketIndex, bucketHashes, bucketLabels, bucketMeta, bucketStatus, bucketSummaries}
)

var keySchemaVersion = []byte("schema_version")

// withoutMeta words why a file with buckets but no meta bucket is
// refused: with any of Claimdesk's buckets it is a damaged store (the meta
// bucket's name lost), else another program's database.
func (s *Store) withoutMeta(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if tx.Bucket(name) != nil {
			return s.bucketsDamaged(tx, SchemaVersion)
		}
	}
	return notClaimdesk(s.path, "a BoltDB file of another program")
}

// bucketsDamaged refuses a store, at schema version, whose top level holds
// a bucket that is not Claimdesk's, or lacks one that the version has: a
// flipped bit in a bucket's name does both. Opening it for writing would
// otherwise "migrate" it, creating the lost bucket empty over the damage.
func (s *Store) bucketsDamaged(tx *bolt.Tx, version int) error {
	known := map[string]bool{string(bucketTeam): true} // made on joining a team
	for _, name := range allBuckets {
		known[string(name)] = true
	}
	var problems []string
	_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		if !known[string(name)] {
			problems = append(problems, fmt.Sprintf("a bucket named %q is not one of Claimdesk's", name))
		}
		return nil
	})
	if version == SchemaVersion || len(problems) > 0 {
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				problems = append(problems, fmt.Sprintf("the bucket %q is missing", name))
			}
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return writesRefused(s.path, errors.New(strings.Join(problems, "\n")))
}

func hasBuckets(tx *bolt.Tx) bool {
	k, _ := tx.Cursor().First()
	return k != nil
}

func idKey(id uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, id)
	return k
}

func keyID(k []byte) uint64 { return binary.BigEndian.Uint64(k) }

func indexKey(articleID, claimID uint64) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k, articleID)
	binary.BigEndian.PutUint64(k[8:], claimID)
	return k
}

func hasPrefix(k, prefix []byte) bool { return k != nil && bytes.HasPrefix(k, prefix) }

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, raw)
}

// getJSON decodes the value at key into v and reports whether it existed.
// bbolt values live only as long as the transaction; json.Unmarshal copies.
func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	raw := b.Get(key)
	if raw == nil {
		return false, nil
	}
	return true, decodeJSON(raw, v)
}

func decodeJSON(raw []byte, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%w: a record does not decode: %v", ErrDamaged, err)
	}
	return nil
}

// eachRecord decodes every value of b, in key order, and calls fn with it,
// stopping at the first error.
func eachRecord[T any](b *bolt.Bucket, fn func(T) error) error {
	return b.ForEach(func(_, v []byte) error {
		var rec T
		if err := decodeJSON(v, &rec); err != nil {
			return err
		}
		return fn(rec)
	})
}
