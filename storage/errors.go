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

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}
