package storage

import (
	"errors"
	"fmt"
	"os"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// maxProblems caps what Check spells out: a damaged file can have a problem
// per record, and a person reads the first few.
const maxProblems = 50

// errRollback ends Check's write transaction without committing.
var errRollback = errors.New("rollback")

// Check verifies the file's page structure (bbolt's tx.Check, after a walk
// of its own that makes tx.Check safe to run on a damaged file) and
// Claimdesk's own invariants: every record decodes under its key, every
// index entry points at its claim and article, every claim fits its
// article's text with its quote and uses an existing label. The error, if
// any, lists the problems one a line and matches ErrDamaged. Writes wait
// while Check runs: it reads every record, about two seconds for 100,000
// claims.
func (s *Store) Check() error {
	var problems []error
	err := s.frozen(func(tx *bolt.Tx) error {
		problems = s.checkStructure(tx)
		if len(problems) > 0 {
			// tx.Check and the records would walk into the damage.
			return nil
		}
		for err := range tx.Check() {
			problems = append(problems, err)
		}
		problems = append(problems, checkRecords(tx)...)
		return nil
	})
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return problemList(problems)
	}
	return nil
}

// frozen runs fn in a transaction during which no other write can commit,
// so the pages on disk are the ones the transaction sees. A read-only
// store cannot write, and its shared lock keeps writers out.
func (s *Store) frozen(fn func(*bolt.Tx) error) error {
	if s.readOnly {
		return s.view(fn)
	}
	err := s.update(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		return nil
	}
	return err
}

// checkStructure walks the pages of the file as the transaction sees them.
func (s *Store) checkStructure(tx *bolt.Tx) []error {
	f, err := os.Open(s.path)
	if err != nil {
		return []error{err}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return []error{err}
	}
	l, err := readLayout(f)
	if err != nil {
		return []error{err}
	}
	want := uint64(tx.ID())
	if tx.Writable() {
		want--
	}
	if l.txid != want {
		return []error{fmt.Errorf("meta page is at transaction %d, the check at %d", l.txid, want)}
	}
	if err := checkLayout(s.path, l, info.Size()); err != nil {
		return []error{err}
	}
	return walkPages(f, l)
}

// problemList is what Check found.
type problemList []error

func (p problemList) Error() string {
	var b strings.Builder
	for i, err := range p {
		if i == maxProblems {
			fmt.Fprintf(&b, "\n… and %d more", len(p)-maxProblems)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

func (p problemList) Is(target error) bool { return target == ErrDamaged }

func (p problemList) Unwrap() []error { return p }
