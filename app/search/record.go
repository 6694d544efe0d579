package search

import (
	"math"
	"time"
)

// field names the searchable parts of a claim, in their order in a record.
type field int

const (
	fieldQuote field = iota
	fieldLabel
	fieldSpeaker
	fieldTarget
	fieldNote
	fieldAnnotator
	fieldTitle
	numFields
)

// fieldSeparator joins the fields in a record's text. A query word never
// holds it (words are split at white space, phrases keep single spaces), so
// a contiguous occurrence never runs from one field into the next, and it
// ends words.
const fieldSeparator = '\n'

// fields lists e's searchable texts in field order, title last.
func fields(e Entry, title string) [numFields]string {
	return [numFields]string{e.Quote, e.Label, e.Speaker, e.Target, e.Note, e.Annotator, title}
}

// record is what a search reads of one claim: its folded fields and where
// they end, its rune masks and what ranking needs. It is kept
// apart from the Entry, so a scan walks a compact slice.
type record struct {
	hay      string // folded fields joined by fieldSeparator; "" marks a free slot
	ends     [numFields]int32
	mask     uint64 // runeBit of every rune of hay
	initials uint64 // runeBit of every rune that starts a word
	singles  uint64 // runeBit of every word one rune long
	updated  int64  // Entry.Updated as rankTime orders it
	id       uint64
}

// newRecord folds e's fields, with its article's title, into a record.
func newRecord(e Entry, title string) record {
	fs := fields(e, title)
	size := int(numFields)
	for _, f := range fs {
		size += len(f)
	}
	buf := make([]byte, 0, size)
	var r record
	for i, f := range fs {
		if i > 0 {
			buf = append(buf, fieldSeparator)
		}
		buf, _ = appendFolded(buf, f, 0)
		r.ends[i] = int32(len(buf))
	}
	r.setText(string(buf))
	r.updated = rankTime(e.Updated)
	r.id = e.ID
	return r
}

// textRecord is the record of a bare text, such as an article title: a
// claim with nothing but a quote.
func textRecord(text string) record {
	return newRecord(Entry{Quote: text}, "")
}

// setText sets the folded text and its masks.
func (r *record) setText(hay string) {
	r.hay = hay
	r.mask, r.initials, r.singles = 0, 0, 0
	inWord, runes := false, 0
	var first rune
	for _, c := range hay {
		bit := runeBit(c)
		r.mask |= bit
		word := isWordRune(c)
		if word && !inWord {
			r.initials |= bit
			first, runes = c, 0
		}
		if !word && inWord && runes == 1 {
			r.singles |= runeBit(first)
		}
		inWord = word
		runes++
	}
	if inWord && runes == 1 {
		r.singles |= runeBit(first)
	}
}

// field returns the folded text of one field.
func (r *record) field(f field) string {
	lo, hi := r.span(f)
	return r.hay[lo:hi]
}

// span is where field f lies in hay.
func (r *record) span(f field) (int, int) {
	lo := 0
	if f > 0 {
		lo = int(r.ends[f-1]) + 1
	}
	return lo, int(r.ends[f])
}

// rankTime orders times as int64 nanoseconds. Unlike UnixNano it is defined
// for every time: the zero time (never updated) sorts before all others, and
// times beyond the years 1678–2262 are clamped.
func rankTime(t time.Time) int64 {
	if t.IsZero() {
		return math.MinInt64
	}
	const limit int64 = math.MaxInt64/1_000_000_000 - 1
	s := min(max(t.Unix(), -limit), limit)
	return s*1e9 + int64(t.Nanosecond())
}
