package storage

import (
	"fmt"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// bbolt trusts the pages it maps: a damaged file makes it panic, or read
// past the end of the mapping, which the runtime treats as a fatal fault.
// Every transaction therefore runs shielded, which turns both into an
// error, so a bad file gives a message, never a crash.

// userPanic carries a panic raised by a caller's callback (ForEachArticle,
// ForEachClaim) through the shield untouched: a bug in the caller must
// still crash loudly, not pass for a damaged file.
type userPanic struct{ value any }

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

// guard runs fn shielded and reports a crash as damage to the file.
func guard(path string, fn func() error) error {
	crash, err := shielded(fn)
	if crash != nil {
		return fmt.Errorf("%s: %w (%v); run `claimdesk check`, and restore a backup if it finds problems", path, ErrDamaged, crash)
	}
	return err
}

// callback calls a caller's fn, marking its panics as the caller's own.
func callback[T any](fn func(T) error, v T) error {
	defer func() {
		if r := recover(); r != nil {
			panic(userPanic{r})
		}
	}()
	return fn(v)
}

// update runs fn in a write transaction under guard. bbolt rolls the
// transaction back when fn panics, so the store stays usable.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	return guard(s.path, func() error { return s.db.Update(fn) })
}

// view runs fn in a read transaction under guard.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	return guard(s.path, func() error { return s.db.View(fn) })
}
