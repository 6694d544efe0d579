package storage

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned when an article, annotation or label does not exist.
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

// ErrInvalid is wrapped by every refusal of bad input (offsets, quotes,
// labels, names), so callers can tell a user error from a disk failure.
var ErrInvalid = errors.New("invalid")

// DuplicateError is returned when an article with the same text is stored
// already.
type DuplicateError struct {
	ExistingID    uint64
	ExistingTitle string
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("same text as article %d %q", e.ExistingID, e.ExistingTitle)
}

// lockedError says which file is held, in the words a person needs, and
// still matches ErrLocked.
type lockedError struct{ path string }

func (e lockedError) Error() string {
	return "another claimdesk is using " + e.path
}

func (e lockedError) Is(target error) bool { return target == ErrLocked }

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

func notClaimdesk(path, why string) error {
	return fmt.Errorf("%s: %w (%s)", path, ErrNotClaimdesk, why)
}
