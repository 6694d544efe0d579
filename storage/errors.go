package storage

import (
	"errors"
	"fmt"

	"claimdesk/storage/boltfile"
)

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
