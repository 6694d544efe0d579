package storage

import (
	"errors"
	"fmt"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

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
