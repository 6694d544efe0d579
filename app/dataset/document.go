package dataset

import (
	"fmt"

	"claimdesk/storage"
)

// Document is one article parsed from a file. Text is already normalised
// (storage.Normalize) and Spans count code points of Text, end exclusive.
type Document struct {
	Title, Source, Text string
	Meta                map[string]string
	Spans               []Span
	// Line is the 1-based line where the record starts in a JSONL or JSON
	// corpus, 0 for a file that holds one article.
	Line int
	// Normalization says what normalising the text changed; offsets that
	// arrived with the file have been moved to match.
	Normalization storage.Normalization
}

// Span is a labeled claim of a Document: the code points [Start, End) of
// its Text.
type Span struct {
	Start, End                              int
	Label, Speaker, Target, Note, Annotator string
}

// Problem is something wrong in one place of the input: a bad line, a span
// that does not fit.
type Problem struct {
	File    string
	Line    int // 1-based; 0 when the problem concerns the whole file
	Message string
	// Warning is set when the record still lands and only a part of it (a
	// span, a note) was lost or changed; otherwise the record was not stored.
	Warning bool
}

// String renders the problem as "file:line: message", the form compilers
// use, so editors and terminals can jump to the place.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// Error makes a Problem usable as an error.
func (p Problem) Error() string { return p.String() }
