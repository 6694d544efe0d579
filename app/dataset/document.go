package dataset

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"unicode"
	"unicode/utf8"

	"claimdesk/storage"
)

// Document is one article parsed from a file. Text is already normalised
// (storage.Normalize) and Spans count code points of Text, end exclusive.
type Document struct {
	Title, Source, Text string
	Meta                storage.Meta
	Spans               []Span
	// Line is the 1-based line where the record starts in a JSONL or JSON
	// corpus, 0 for a file that holds one article.
	Line int
	// Normalization says what normalising the text changed; offsets that
	// arrived with the file have been moved to match.
	Normalization storage.Normalization
	// SpansLeftOut counts the spans the file gives this article that are
	// not among Spans, each reported as a warning: unreadable, or not
	// fitting the text.
	SpansLeftOut int
}

// Span is a labeled claim of a Document: the code points [Start, End) of
// its Text.
type Span struct {
	Start, End                              int
	Label, Speaker, Target, Note, Annotator string
}

// isClaimField reports whether a field a file names (a brat attribute, a
// Label Studio text area) carries one of a Span's details.
func isClaimField(name string) bool {
	return name == "speaker" || name == "target" || name == "note"
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
func (p Problem) String() string { return Location(p.File, p.Line) + ": " + p.Message }

// Error makes a Problem usable as an error.
func (p Problem) Error() string { return p.String() }

// Location names a place in the input as "file:line", or "file" for a
// whole file (line 0), the file as DisplayName shows it.
func Location(file string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", DisplayName(file), line)
	}
	return DisplayName(file)
}

// DisplayName shows a file name on a terminal or a report line: as it is
// when every character is visible, else quoted with Go escapes ("a\nb",
// "\x1b[2J"), so a name holding a line break, an escape sequence or a
// bidi override can neither forge report lines nor drive the terminal.
func DisplayName(name string) string {
	for _, r := range name {
		if r == utf8.RuneError || !unicode.IsGraphic(r) {
			return strconv.Quote(name)
		}
	}
	return name
}

// ClaimLeftOut ends every message about a span that is not stored, so the
// reader knows the article itself still lands.
const ClaimLeftOut = "; this claim is left out, the rest of the article is imported"

// FileProblem turns an error about a whole file into the Problem it
// carries, or a Problem naming the file.
func FileProblem(file string, err error) Problem { return problemAt(file, 0, err) }

// problemAt gives the Problem inside err, or makes one at file:line without
// repeating the path an *fs.PathError carries already.
func problemAt(file string, line int, err error) Problem {
	var p Problem
	if errors.As(err, &p) {
		return p
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		err = pathErr.Err
	}
	return Problem{File: file, Line: line, Message: err.Error()}
}

// sortProblems puts problems in file and line order, those about a whole
// file after its lines, keeping the order of problems on one line.
func sortProblems(problems []Problem) []Problem {
	key := func(p Problem) int {
		if p.Line == 0 {
			return math.MaxInt
		}
		return p.Line
	}
	sort.SliceStable(problems, func(i, j int) bool {
		a, b := problems[i], problems[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return key(a) < key(b)
	})
	return problems
}

// clip shortens a quote for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
