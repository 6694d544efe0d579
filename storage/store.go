package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
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

// ErrNotFound is returned when an article, claim or label does not exist.
var ErrNotFound = errors.New("not found")

// ErrLocked is returned by Open when another process holds the database.
var ErrLocked = errors.New("database is in use by another claimdesk")

// ErrNotClaimdesk is returned by Open for a file that is not a Claimdesk
// database, or is damaged beyond opening.
var ErrNotClaimdesk = errors.New("not a claimdesk database")

// ErrDamaged is wrapped by the errors of a database whose pages or records
// are broken: what Check finds, and any read or write that runs into damage
// after Open succeeded.
var ErrDamaged = errors.New("the database file is damaged")

// ErrNewerSchema is returned by Open for a file written by a newer Claimdesk,
// which this build would misread.
var ErrNewerSchema = errors.New("written by a newer claimdesk")

// ErrNeedsMigration is returned by a read-only Open of a store written at
// an older schema: opening it once for writing migrates it.
var ErrNeedsMigration = errors.New("needs migrating")

// ErrInvalid is wrapped by every refusal of bad input (offsets, quotes,
// labels, names), so callers can tell a user error from a disk failure.
var ErrInvalid = errors.New("invalid")

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

func notClaimdesk(path, why string) error {
	return fmt.Errorf("%s: %w (%s)", path, ErrNotClaimdesk, why)
}

// refused words boltfile's refusal of a file's bytes as Open's refusal of
// the file; any other error passes unchanged.
func refused(path string, err error) error {
	var r *boltfile.Refusal
	if errors.As(err, &r) {
		return notClaimdesk(path, r.Reason)
	}
	return err
}

// lockedError says which file is held, in the words a person needs, and
// still matches ErrLocked.
type lockedError struct{ path string }

func (e lockedError) Error() string {
	return "another claimdesk is using " + e.path
}

func (e lockedError) Is(target error) bool { return target == ErrLocked }

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

// SchemaVersion is the layout this build writes. A file with a newer version
// is refused rather than misread.
const SchemaVersion = 3

// migrations[v] upgrades a store from version v to v+1, inside the
// transaction that opens it, so a failed migration leaves the file as it
// was. Version 0 is a fresh file, for which the buckets already exist.
var migrations = map[int]func(tx *bolt.Tx) error{
	0: func(*bolt.Tx) error { return nil },
	1: migrateStatusOutOfArticles,
	2: migrateToBinaryClaims,
}

// schemaVersion reads the version a store was written at.
func schemaVersion(tx *bolt.Tx, path string) (int, error) {
	raw := tx.Bucket(bucketMeta).Get(keySchemaVersion)
	if raw == nil {
		return 0, notClaimdesk(path, "no claimdesk schema version")
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil || v < 0 {
		return 0, notClaimdesk(path, fmt.Sprintf("schema version %q", raw))
	}
	if v > SchemaVersion {
		return 0, fmt.Errorf("%s: %w (schema %d; this build reads up to %d): update claimdesk", path, ErrNewerSchema, v, SchemaVersion)
	}
	return v, nil
}

// migrate brings the store up to SchemaVersion; a fresh store (no version
// yet) starts at 0.
func migrate(tx *bolt.Tx, path string) error {
	meta := tx.Bucket(bucketMeta)
	version := 0
	if meta.Get(keySchemaVersion) != nil {
		v, err := schemaVersion(tx, path)
		if err != nil {
			return err
		}
		version = v
	}
	if version == SchemaVersion {
		return nil
	}
	for ; version < SchemaVersion; version++ {
		step, ok := migrations[version]
		if !ok {
			return fmt.Errorf("migrate %s: no migration from schema %d", path, version)
		}
		if err := step(tx); err != nil {
			return fmt.Errorf("migrate %s from schema %d: %w", path, version, err)
		}
	}
	return meta.Put(keySchemaVersion, []byte(strconv.Itoa(SchemaVersion)))
}

// bbolt trusts the pages it maps: a damaged file makes it panic, or read
// past the end of the mapping, which the runtime treats as a fatal fault.
// Every transaction therefore runs shielded, which turns both into an
// error, so a bad file gives a message, never a crash.

// update runs fn in a write transaction under guard. bbolt rolls the
// transaction back when fn panics, so the store stays usable. A store known
// to be damaged is not written.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	if damage := s.damage.Load(); damage != nil {
		return writesRefused(s.path, *damage)
	}
	return s.transact(s.db.Update, fn)
}

// view runs fn in a read transaction under guard.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	return s.transact(s.db.View, fn)
}

// transact runs fn in a transaction of run (db.View or db.Update) under
// guard, and remembers damage it meets.
func (s *Store) transact(run func(func(*bolt.Tx) error) error, fn func(*bolt.Tx) error) error {
	err := guard(s.path, func() error { return run(fn) })
	s.noteDamage(err)
	return err
}

// noteDamage remembers the first damage met, if err is damage.
func (s *Store) noteDamage(err error) {
	if errors.Is(err, ErrDamaged) && s.damage.CompareAndSwap(nil, &err) {
		markDamaged(s.path, err)
	}
}

// guard runs fn shielded and reports a crash as damage to the file.
func guard(path string, fn func() error) error {
	crash, err := shielded(fn)
	if crash != nil {
		return fmt.Errorf("%s: %w (%v); run `claimdesk check`; `claimdesk recover` copies what can be read into a new store", path, ErrDamaged, crash)
	}
	return err
}

// shielded runs fn with memory faults turned into panics, and returns what
// panicked, if anything, besides fn's error.
func shielded(fn func() error) (crash any, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		crash = recover()
		if u, ok := crash.(userPanic); ok {
			panic(u.value)
		}
	}()
	return nil, fn()
}

// userPanic carries a panic raised by a caller's callback (ForEachArticle,
// ForEachClaim) through the shield untouched: a bug in the caller must
// still crash loudly, not pass for a damaged file.
type userPanic struct{ value any }

// callback calls a caller's fn, marking its panics as the caller's own.
func callback[T any](fn func(T) error, v T) error {
	defer func() {
		if r := recover(); r != nil {
			panic(userPanic{r})
		}
	}()
	return fn(v)
}

// ChangeKind names what a committed change did.
type ChangeKind int

// The kinds of change a listener hears about.
const (
	ArticleAdded ChangeKind = iota
	ArticleUpdated
	ArticleDeleted
	ClaimAdded
	ClaimUpdated
	ClaimDeleted
	LabelsChanged
)

// Change is told to listeners after its transaction has committed. For
// deletions the record is the one that was removed.
type Change struct {
	Kind    ChangeKind
	Article ArticleSummary
	Claim   Claim
}

// OnChange registers fn to be called after every committed change, on the
// goroutine that made it. Indexes such as search stay current through it.
func (s *Store) OnChange(fn func(Change)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listeners = append(s.listeners, fn)
}

func (s *Store) notify(changes ...Change) {
	s.mu.RLock()
	listeners := s.listeners
	s.mu.RUnlock()
	for _, c := range changes {
		for _, fn := range listeners {
			fn(c)
		}
	}
}
